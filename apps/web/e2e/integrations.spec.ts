import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hasChromium,
  launchBrowser,
  type RunningHolmes,
  screenshot,
  signIn,
  startHolmes,
} from "./harness";

const ADMIN = { email: "admin@holmes.test", password: "admin password 123" };

type Received = { signature: string; body: string };

/** A webhook receiver on 127.0.0.1 that records what the web process's worker sends it. */
async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const signature = request.headers["x-holmes-signature"];
    received.push({
      signature: typeof signature === "string" ? signature : "",
      body: Buffer.concat(chunks).toString("utf8"),
    });
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function alertmanagerPayload() {
  return {
    version: "4",
    groupKey: '{}:{alertname="MdArrayDegraded"}',
    status: "firing",
    receiver: "holmes",
    groupLabels: { alertname: "MdArrayDegraded" },
    commonLabels: { alertname: "MdArrayDegraded", severity: "critical" },
    commonAnnotations: { summary: "md2 degraded on stor-a07" },
    externalURL: "http://alertmanager:9093",
    alerts: [
      {
        status: "firing",
        labels: { alertname: "MdArrayDegraded", severity: "critical", instance: "stor-a07:9100" },
        annotations: { summary: "md2 degraded on stor-a07" },
        startsAt: "2024-05-01T10:00:00Z",
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus:9090/graph",
        fingerprint: "0f1e2d3c4b5a6978",
      },
    ],
  };
}

describe.runIf(hasChromium())("alert intake and webhooks in a real browser", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    holmes = await startHolmes();
    await holmes.createUser(ADMIN.email, "admin", ADMIN.password);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await holmes?.stop();
    await receiver?.close();
  });

  it("creates a token and a webhook; an Alertmanager post is delivered, signed, to the webhook", async () => {
    await page.goto(`${holmes.baseUrl}/admin`);
    await page.getByRole("link", { name: "Alert intake and webhooks →" }).click();
    await page.getByText("No intake tokens yet.").waitFor();
    await page.getByText("Nothing sent yet.").waitFor();

    const tokenForm = page.getByRole("form", { name: "Create an intake token" });
    await tokenForm.getByLabel("Name").fill("alertmanager-prod");
    await tokenForm.getByLabel("Name").press("Enter");
    const tokenField = page.getByRole("textbox", { name: 'Token "alertmanager-prod"' });
    await tokenField.waitFor();
    const token = await tokenField.inputValue();
    expect(token).toMatch(/^hlm_/);

    const webhookForm = page.getByRole("form", { name: "Add a webhook" });
    await webhookForm.getByLabel("Name").fill("ops-chat");
    await webhookForm.getByLabel("URL (http or https)").fill(receiver.url);
    await webhookForm.getByRole("button", { name: "Add webhook" }).click();
    const secretField = page.getByRole("textbox", { name: 'Signing secret of "ops-chat"' });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    await screenshot(page, "integrations-secrets-shown-once");

    const refused = await fetch(`${holmes.baseUrl}/api/alertmanager`, {
      method: "POST",
      headers: { authorization: "Bearer wrong", "content-type": "application/json" },
      body: JSON.stringify(alertmanagerPayload()),
    });
    expect(refused.status).toBe(401);
    const accepted = await fetch(`${holmes.baseUrl}/api/alertmanager`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(alertmanagerPayload()),
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ action: "declared", fired: 1 });

    // The worker started by instrumentation.ts sends it; no page is involved.
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    const [delivery] = receiver.received;
    const expected = createHmac("sha256", secret)
      .update(delivery?.body ?? "")
      .digest("hex");
    expect(delivery?.signature).toBe(`sha256=${expected}`);
    expect(JSON.parse(delivery?.body ?? "{}")).toMatchObject({
      event: "incident.declared",
      incident: { title: "md2 degraded on stor-a07", severity: 2, source: "alertmanager" },
    });

    await page.reload();
    const row = page.getByRole("row").filter({ hasText: "incident.declared" });
    await row.waitFor();
    expect(await row.textContent()).toContain("delivered");
    expect(await page.content()).not.toContain(token);
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, "integrations-delivery-log");
  });
});

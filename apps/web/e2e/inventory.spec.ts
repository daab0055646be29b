import { generateKeyPairSync } from "node:crypto";
import { listPollTargets } from "@holmes/db/queries/hosts";
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
/** Line 7 is the bad one: its host is left out, the others are imported. */
const SSH_CONFIG = [
  "Host stor-01 stor-02",
  "    HostName %h.mgmt.example.com",
  "    User holmes",
  "    IdentityFile ~/.ssh/holmes_ed25519",
  "",
  "Host nas-01",
  "    Port ninety",
  "    HostName 192.0.2.9",
  "",
].join("\n");

describe.runIf(hasChromium())("the inventory admin page in a real browser", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    holmes = await startHolmes({
      env: { HOLMES_CREDENTIALS_KEY: "e2e-credentials-key-e2e-credentials-key" },
    });
    await holmes.createUser(ADMIN.email, "admin", ADMIN.password);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await holmes?.stop();
  });

  it("previews an ssh config with its bad line, applies it and lists the hosts", async () => {
    await page.getByRole("link", { name: "Inventory", exact: true }).click();
    await page.getByText("No hosts in the inventory yet.").waitFor();
    await page.getByLabel("Format").selectOption("ssh-config");
    await page.getByLabel("Text to import").fill(SSH_CONFIG);
    await page.getByRole("button", { name: "Preview" }).click();

    const preview = page.getByRole("region", { name: "Import preview" });
    await preview.waitFor();
    const problem = preview.getByRole("listitem").filter({ hasText: "line 7" });
    expect(await problem.textContent()).toContain('"ninety"');
    expect(await problem.textContent()).toContain("Port ninety");
    const rows = preview.getByRole("row");
    expect(await rows.filter({ hasText: "stor-01" }).textContent()).toContain(
      "stor-01.mgmt.example.com:22",
    );
    expect(await rows.filter({ hasText: "nas-01" }).count()).toBe(0);
    await screenshot(page, "inventory-import-preview");

    await page.getByRole("button", { name: "Apply: add 2" }).click();
    await page.getByRole("status").filter({ hasText: "Imported: 2 added" }).waitFor();
    await page.getByRole("heading", { name: "Hosts (2)" }).waitFor();
    const stor02 = page.getByRole("row").filter({ hasText: "stor-02.mgmt.example.com:22" });
    expect(await stor02.textContent()).toContain("~/.ssh/holmes_ed25519");
    const names = (await listPollTargets(holmes.database.db)).map((h) => h.name);
    expect(names).toEqual(["stor-01", "stor-02"]);
  });

  it("edits a host from the keyboard and disables another", async () => {
    await page.getByRole("button", { name: "Edit stor-01" }).click();
    const form = page.getByRole("form", { name: "Edit stor-01" });
    // The form opens with the cursor in its first field.
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("192.0.2.21");
    await form.getByLabel("Port").fill("2222");
    await form.getByLabel("Port").press("Enter");
    await page.getByRole("row").filter({ hasText: "192.0.2.21:2222" }).waitFor();

    await page.getByRole("button", { name: "Disable stor-02" }).click();
    await page.getByRole("button", { name: "Enable stor-02" }).waitFor();
    const enabled = (await listPollTargets(holmes.database.db)).map((h) => h.name);
    expect(enabled).toEqual(["stor-01"]);
  });

  it("stores a pasted private key and shows only its name and fingerprint", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ format: "pem", type: "sec1" }).toString();
    const panel = page.getByRole("form", { name: "Store a private key" });
    await panel.getByLabel("Name").fill("fleet-ro");
    await panel.getByLabel(/Private key/).fill(pem);
    await panel.getByRole("button", { name: "Store key" }).click();
    await page.getByRole("status").filter({ hasText: "Stored fleet-ro" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "fleet-ro" });
    expect(await row.textContent()).toMatch(/SHA256:[A-Za-z0-9+/]{43}/);
    const html = await page.content();
    for (const line of pem.trim().split("\n").slice(1, -1)) expect(html).not.toContain(line);
    await screenshot(page, "inventory-hosts");
  });

  it("previews an Ansible update and a bad line in dark mode", async () => {
    await page.getByRole("button", { name: "Toggle dark mode" }).click();
    await page.getByLabel("Format").selectOption("ansible-ini");
    const ini =
      "[storage]\nstor-01 ansible_host=192.0.2.21 ansible_port=2222\nstor-03 ansible_port=0\n";
    await page.getByLabel("Text to import").fill(ini);
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Import preview" });
    const update = preview.getByRole("row").filter({ hasText: "stor-01" });
    expect(await update.textContent()).toContain("groups: — → storage");
    await preview.getByRole("listitem").filter({ hasText: "line 3" }).waitFor();
    await page.getByRole("button", { name: "Apply: update 1" }).waitFor();
    await screenshot(page, "inventory-preview-dark");
  });
});

import { listPollTargets, recordPresentedHostKey } from "@holmes/db/queries/hosts";
import { createFleet } from "@holmes/probes/simulate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hasChromium,
  launchBrowser,
  type RunningHolmes,
  screenshot,
  signIn,
  startHolmes,
} from "./harness";
import { type SimulatedFleet, startSimulatedFleet } from "./sim-fleet";

const ADMIN = { email: "admin@holmes.test", password: "admin password 123" };
const NEW_KEY = `SHA256:${"Q".repeat(43)}`;

describe.runIf(hasChromium())("the fleet list over a simulated fleet in a real browser", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let sim: SimulatedFleet;
  // Scenarios began 10 minutes ago: stor-a01 (the md split) is mid-incident.
  const fleet = createFleet({
    hosts: 6,
    seed: 3,
    scenarios: "all",
    epochMs: Date.now() - 10 * 60_000,
  });

  beforeAll(async () => {
    holmes = await startHolmes();
    await holmes.createUser(ADMIN.email, "admin", ADMIN.password);
    sim = await startSimulatedFleet(holmes.database.db, fleet);
    await sim.collect();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await holmes?.stop();
  });

  it("counts hosts by health, colours the grid and filters it from the URL", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
    const splitHost = fleet.scenarioHosts["md-split-on-create"] ?? "";
    const heatmap = page.getByTestId("heatmap");
    const splitTile = heatmap.locator("a", { hasText: splitHost });
    await splitTile.waitFor();
    expect(await splitTile.textContent()).toContain("Critical");
    expect(await heatmap.locator("a").count()).toBe(fleet.hosts.length);
    await screenshot(page, "fleet-overview");

    await page.getByRole("button", { name: /Critical/ }).click();
    await page.waitForURL(/health=critical/);
    await expect.poll(() => heatmap.locator("a").count()).toBeLessThan(fleet.hosts.length);
    for (const tile of await heatmap.locator("a").all()) {
      expect(await tile.textContent()).toContain("Critical");
    }

    await page.goto(`${holmes.baseUrl}/?q=${splitHost}`);
    await expect.poll(() => heatmap.locator("a").count()).toBe(1);
    expect(await page.getByRole("searchbox", { name: "Host name" }).inputValue()).toBe(splitHost);
    await page.close();
  });

  it("lists findings with their explanation and lets an admin acknowledge one", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
    const splitHost = fleet.scenarioHosts["md-split-on-create"] ?? "";
    await page.goto(`${holmes.baseUrl}/findings?host=${splitHost}&rule=md.inactive`);
    const row = page.getByRole("row").filter({ hasText: "md127 is inactive" });
    await row.waitFor();
    await row.getByRole("button", { name: "md127 is inactive" }).click();
    await page.getByText("Do not zero or re-create anything").waitFor();
    await row.getByRole("button", { name: "Acknowledge" }).click();
    await page
      .getByLabel("Note (why, and what happens next)")
      .fill("stopping md127, re-assembling md0");
    await page.getByRole("button", { name: "Acknowledge", exact: true }).last().click();
    await page.getByText("acknowledged by").waitFor();
    await screenshot(page, "findings-acknowledged");
    await page.close();
  });

  it("shows every simulated host, labelled, with the inactive md127 of the split array", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`${holmes.baseUrl}/hosts`);
    const splitHost = fleet.scenarioHosts["md-split-on-create"] ?? "";
    const row = page.getByRole("row").filter({ hasText: splitHost });
    await row.getByText("array inactive").waitFor();
    expect(await row.textContent()).toContain("md127");
    expect(await page.getByText("simulated").count()).toBe(6);
    await screenshot(page, "fleet-list-simulated");
    await page.close();
  });

  it("shows a changed host key with both fingerprints and lets an admin accept it", async () => {
    const { db } = holmes.database;
    const [target] = await listPollTargets(db, [fleet.hosts[1]?.hostname ?? ""]);
    if (!target) throw new Error("no host");
    await recordPresentedHostKey(db, target.id, NEW_KEY, new Date());
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`${holmes.baseUrl}/hosts`);
    const row = page.getByRole("row").filter({ hasText: target.name });
    await row.getByText("host key changed").waitFor();
    expect(await row.textContent()).toContain(NEW_KEY);
    expect(await row.textContent()).toContain(target.pinnedHostKey ?? "none");
    await screenshot(page, "fleet-host-key-changed");
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Accept new key…" }).click();
    await expect
      .poll(async () => (await listPollTargets(db, [target.name]))[0]?.pinnedHostKey, {
        timeout: 10_000,
      })
      .toBe(NEW_KEY);
    await page.close();
  });
});

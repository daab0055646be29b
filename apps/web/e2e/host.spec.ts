import { gzipSync } from "node:zlib";
import { hostDetail } from "@holmes/db/queries/host-detail";
import { listPollTargets } from "@holmes/db/queries/hosts";
import { probeRuns } from "@holmes/db/schema";
import { createFleet } from "@holmes/probes/simulate";
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
import { type SimulatedFleet, startSimulatedFleet } from "./sim-fleet";

const ADMIN = { email: "admin@holmes.test", password: "admin password 123" };

describe.runIf(hasChromium())("the host page over a simulated fleet in a real browser", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let sim: SimulatedFleet;
  // Twenty minutes into the cycle: md2 lost sdd1 at 15 min and rebuilds onto the spare until 28;
  // the NFS failover host's XFS-on-loop image is still shut down (remounted at 25).
  const fleet = createFleet({
    hosts: 3,
    seed: 5,
    scenarios: ["disk-wearout-rebuild", "nfs-failover"],
    epochMs: Date.now() - 20 * 60_000,
  });
  const rebuildHost = fleet.scenarioHosts["disk-wearout-rebuild"] ?? "";
  const nfsHost = fleet.scenarioHosts["nfs-failover"] ?? "";

  beforeAll(async () => {
    holmes = await startHolmes();
    await holmes.createUser(ADMIN.email, "admin", ADMIN.password);
    sim = await startSimulatedFleet(holmes.database.db, fleet);
    // Two polls a few seconds apart: NFS rates are differences of consecutive samples.
    await sim.collect();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await sim.collect();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await holmes?.stop();
  });

  /** Uncaught errors and React hydration failures (minified #418/#423/#425) on the page. */
  const pageErrors: string[] = [];

  async function openHost(name: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (error) => pageErrors.push(`${name}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && /hydrat|#41[89]|#42[35]/i.test(message.text())) {
        pageErrors.push(`${name}: ${message.text()}`);
      }
    });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`${holmes.baseUrl}/hosts/${encodeURIComponent(name)}`);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    return page;
  }

  async function bothThemes(page: Page, name: string) {
    await screenshot(page, `${name}-light`);
    await page.getByRole("button", { name: "Toggle dark mode" }).click();
    await page.locator("html.dark").waitFor({ state: "attached" });
    await screenshot(page, `${name}-dark`);
    await page.getByRole("button", { name: "Toggle dark mode" }).click();
  }

  it("shows md2 degraded, the failed member sdd1 with its serial, and the rebuild progress", async () => {
    const detail = await hostDetail(holmes.database.db, rebuildHost);
    const serial = detail?.disks.find((d) => d.name === "sdd")?.serial;
    expect(serial).toBeTruthy();
    const page = await openHost(rebuildHost);
    expect(await page.getByText("simulated").first().isVisible()).toBe(true);
    const md2 = page.getByTestId("array-md2");
    // The state badge: an icon plus the word, never colour alone.
    await md2.getByText(/^✖\s*Degraded$/).waitFor();
    const failed = md2.getByTestId("member-sdd1");
    expect(await failed.textContent()).toContain("faulty");
    expect(await failed.textContent()).toContain(serial ?? "?");
    const progress = md2.getByRole("progressbar", { name: "Rebuilding (recovery)" });
    // (20 − 15.08) / (28 − 15.08) minutes into the rebuild: about 38 %.
    const percent = Number(await progress.getAttribute("aria-valuenow"));
    expect(percent).toBeGreaterThan(25);
    expect(percent).toBeLessThan(50);
    const text = (await md2.textContent()) ?? "";
    expect(text).toMatch(/\d+\.\d%/);
    expect(text).toMatch(/ETA (\d+ h )?\d+ min|ETA \d+ h/);
    expect(text).toMatch(/\d+ MB\/s/);
    // The worn disk's card carries its reason and its rising counters.
    const sdd = page.getByTestId("disk-sdd");
    expect(await sdd.textContent()).toContain(serial ?? "?");
    await sdd.getByRole("img", { name: /Error counters of sdd/ }).waitFor();
    await bothThemes(page, "host-rebuild");
    await page.close();
  });

  it("lets a responder mark md2 degraded by design, and says findings follow at the next poll", async () => {
    const page = await openHost(rebuildHost);
    const md2 = page.getByTestId("array-md2");
    await md2.getByRole("button", { name: "Mark degraded by design…" }).click();
    await md2.getByLabel("Why is md2 degraded on purpose?").fill("e2e: spare being replaced");
    await md2.getByRole("button", { name: "Save" }).click();
    await md2
      .getByText("Findings are re-evaluated at the host's next poll", { exact: false })
      .waitFor();
    await md2.getByText("Marked degraded by design by admin", { exact: false }).waitFor();
    await md2.getByRole("button", { name: "Unmark: this array should be whole" }).click();
    await md2.getByText("Not marked as degraded by design.").waitFor();
    await page.close();
  });

  it("shows the critical loop-on-NFS advisory and the risky soft option explained", async () => {
    const page = await openHost(nfsHost);
    const loop = page.getByTestId("loop-loop0");
    await loop.getByText("sits on loop0, backed by NFS", { exact: false }).waitFor();
    expect(await loop.getByText("Critical").count()).toBeGreaterThan(0);
    expect(await loop.textContent()).toContain("/mnt/images/db1.img");
    // Kernels since 2.6.25 no longer print `intr` in mountinfo: only `soft` shows here.
    await page.getByText("soft on a read-write mount", { exact: false }).first().waitFor();
    await page
      .getByRole("img", { name: "NFS round-trip time per operation on /mnt/images" })
      .waitFor();
    // The topology reads loop → backing file → NFS mount.
    const topology = page.getByRole("list", { name: "Storage stacks" });
    expect(await topology.textContent()).toContain("/mnt/images/db1.img");
    await bothThemes(page, "host-loop-on-nfs");
    await page.close();
  });

  it("lists a partly read poll with its parse error, and loads its raw output on demand", async () => {
    const [target] = await listPollTargets(holmes.database.db, [nfsHost]);
    const section = (id: string, output: string) => ({
      id,
      exitCode: 0,
      output,
      isMissing: false,
      missingTool: null,
      isTruncated: false,
    });
    await holmes.database.db.insert(probeRuns).values({
      hostId: target?.id ?? "",
      startedAt: new Date(Date.now() - 30_000),
      durationMs: 410,
      status: "partial",
      rawOutputs: gzipSync(
        JSON.stringify([section("mountstats", "device fs1:/export/images garbled")]),
      ),
      parseErrors: [{ commandId: "mountstats", message: "line 1: no statvers" }],
    });
    const page = await openHost(nfsHost);
    await page.getByText("line 1: no statvers", { exact: false }).waitFor();
    await page.getByRole("button", { name: /Show raw output/ }).click();
    await page.getByText("mountstats", { exact: false }).filter({ hasText: "exit 0" }).click();
    await page.getByText("device fs1:/export/images garbled").waitFor();
    await page.close();
  });

  it("links host names on the host list to their page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`${holmes.baseUrl}/hosts`);
    await page.getByRole("link", { name: nfsHost, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: nfsHost }).waitFor();
    await page.goto(`${holmes.baseUrl}/hosts/no-such-host`);
    await page.getByText("No such host").waitFor();
    await page.close();
  });

  it("raised no script or hydration errors on any host page above", () => {
    expect(pageErrors).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { captureEvidence } from "@holmes/collector/evidence";
import { listPollTargets } from "@holmes/db/queries/hosts";
import { probeRuns } from "@holmes/db/schema";
import { createFleet, SCENARIOS } from "@holmes/probes/simulate";
import { desc, eq } from "drizzle-orm";
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

const RESPONDER = { email: "responder@holmes.test", password: "responder password 123" };
const MINUTE = 60_000;
const marks = SCENARIOS["superblock-overwrite"].marks;

describe.runIf(hasChromium())("the evidence vault and recovery sheet in a real browser", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let sim: SimulatedFleet;
  // Scenario 3 on one host; the simulator's clock is moved from before the reinstall to after.
  const epochMs = Date.now() - 2 * 3_600_000;
  const fleet = createFleet({ hosts: 1, seed: 11, scenarios: ["superblock-overwrite"], epochMs });
  const hostName = fleet.hosts[0]?.hostname ?? "";
  let elapsedMs = (marks.reinstalling ?? 0) - MINUTE;

  beforeAll(async () => {
    holmes = await startHolmes();
    await holmes.createUser(RESPONDER.email, "responder", RESPONDER.password);
    const wallStart = Date.now();
    sim = await startSimulatedFleet(holmes.database.db, fleet, {
      now: () => epochMs + elapsedMs + (Date.now() - wallStart),
      smartIntervalMs: 0,
    });
    const { db } = holmes.database;
    // Poll, then keep that poll's evidence explicitly, so the test does not depend on whether the
    // collector's own capture judged the item changed.
    const pollAndCapture = async () => {
      const [result] = await sim.collect([hostName]);
      if (!result?.outcome?.ok) throw new Error(`poll failed: ${result?.message}`);
      const [target] = await listPollTargets(db, [hostName]);
      const hostId = target?.id ?? "";
      const [run] = await db
        .select()
        .from(probeRuns)
        .where(eq(probeRuns.hostId, hostId))
        .orderBy(desc(probeRuns.id))
        .limit(1);
      await captureEvidence(db, {
        hostId,
        probeRunId: run?.id ?? null,
        sections: result.outcome.sections,
        observedAt: run?.startedAt ?? new Date(),
      });
    };
    await pollAndCapture();
    elapsedMs = (marks.reinstalled ?? 0) + 2 * MINUTE;
    await pollAndCapture();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await holmes?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, holmes.baseUrl, RESPONDER.email, RESPONDER.password);
    await page.goto(`${holmes.baseUrl}/hosts/${encodeURIComponent(hostName)}/${path}`);
    return page;
  }

  it("lists the versions, highlights the re-created VG and diffs it side by side", async () => {
    const page = await open("evidence");
    await page.getByRole("heading", { level: 1, name: `Evidence vault · ${hostName}` }).waitFor();
    await page.getByText("vg0: metadata seqno went back from", { exact: false }).first().waitFor();
    await page
      .getByRole("navigation", { name: "Evidence items" })
      .getByRole("button", { name: /vg0/ })
      .click();
    const changed = page.locator('tr[data-kind="changed"]');
    await changed.first().waitFor();
    expect(await changed.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/seqno = \d+.*seqno = 2/)]),
    );
    await screenshot(page, "evidence-vault");
    await page.getByRole("button", { name: "Capture now" }).click();
    await page.getByText("Capture requested: it runs at the host's next poll.").waitFor();
    await page.close();
  });

  it("prints a recovery sheet with the last good md map, mirror pairs and the old VG", async () => {
    const page = await open("recovery");
    await page.getByRole("heading", { level: 1, name: `Recovery sheet: ${hostName}` }).waitFor();
    const arrays = page.locator("section", {
      has: page.getByRole("heading", { name: "md arrays" }),
    });
    const text = (await arrays.textContent()) ?? "";
    expect(text).toContain("/dev/md1 — raid10, near=2, 10 devices");
    expect(text).toMatch(/slots 0 \+ 1: \/dev\/sda2 \(\S+\) ↔ \/dev\/sdb2 \(\S+\)/);
    expect(text).toMatch(/slots 8 \+ 9: \/dev\/sdi2 \(\S+\) ↔ \/dev\/sdj2 \(\S+\)/);
    expect(text).toContain("No longer assembled since");
    const lvm = page.locator("section", { has: page.getByRole("heading", { name: "LVM" }) });
    await lvm.getByText("Before the recent change: seqno", { exact: false }).waitFor();
    await screenshot(page, "recovery-sheet");
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    await screenshot(page, "recovery-sheet-print");
    await page.emulateMedia({ media: "screen" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download as Markdown" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^recovery-${hostName}-\\d{12}\\.md$`));
    const markdown = readFileSync((await download.path()) ?? "", "utf8");
    expect(markdown).toContain(`# Recovery sheet: ${hostName}`);
    expect(markdown).toMatch(/- slots 0\+1: \/dev\/sda2 \(\S+\) ↔ \/dev\/sdb2/);
    await page.close();
  });
});

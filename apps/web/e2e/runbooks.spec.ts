import { type CheckWorker, collectHosts, startCheckWorker } from "@holmes/collector";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { declareIncident } from "@holmes/db/queries/incidents";
import { findings } from "@holmes/db/schema";
import { generateEd25519, type SimServer, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, type RunningHolmes, screenshot, startHolmes } from "./harness";
import { RESPONDER, RESPONDER_2, userPage } from "./incidents-fixture";

const ADMIN = { email: "ada@holmes.test", password: "ada password 123" };
const NFS_HOST = "stor-a15";
const TITLE = "Check loop0 before repairing its XFS";

/** Typed into the admin editor: a plain step with a check, then a destructive, gated step. */
const RUNBOOK = `---
id: loop-xfs-repair-drill
title: ${TITLE}
summary: Make sure the loop image is attached, then repair XFS behind a gate.
applies_to: [loop.on_nfs]
variables:
  - name: host
    kind: host
    description: The host
    from: host
  - name: loop
    kind: block-device
    description: The loop device
    from: { object: [loop] }
  - name: back_file
    kind: path
    description: The image on NFS
    from: { evidence: backFile }
  - name: copy_dir
    kind: mount-path
    description: Where to keep a copy of the image (optional)
    required: false
---

## Confirm the loop image is attached

The loop device must still read **{{loop}}**'s image before anything else.

\`\`\`check
id: loop-attached
description: "{{loop}} is attached to its image"
probe: losetup
expect: { that: loop-attached, device: "{{loop}}", back_file: "{{back_file}}" }
\`\`\`

If there is room, keep a copy of {{back_file}} before the repair:

\`\`\`sh
cp --sparse=always {{back_file}} {{copy_dir}}
\`\`\`

## Repair the filesystem

Only with the filesystem unmounted.

\`\`\`sh
xfs_repair {{loop}}
\`\`\`

\`\`\`check
id: db1-mounted
description: /srv/db1 is mounted from the image
probe: mountinfo
expect: { that: mounted, path: /srv/db1, fstype: xfs }
\`\`\`

\`\`\`gate
evidence: [md-map]
max_age_minutes: 30
reason: xfs_repair rewrites the filesystem's metadata.
\`\`\`
`;

describe.runIf(hasChromium())("a guided runbook run with two responders", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let sim: SimServer;
  let worker: CheckWorker;
  let rita: { context: BrowserContext; page: Page };
  let omar: { context: BrowserContext; page: Page };
  let findingId = "";
  let incidentNumber = 0;
  const pool = new SshConnectionPool();
  const clientKey = generateEd25519("e2e-runbooks");
  // Two minutes into the NFS failover scenario: loop0's XFS is still mounted, before the failover.
  const fleet = createFleet({
    hosts: 24,
    seed: 1,
    scenarios: "all",
    epochMs: Date.now() - 120_000,
  });

  beforeAll(async () => {
    expect(fleet.scenarioHosts["nfs-failover"]).toBe(NFS_HOST);
    holmes = await startHolmes();
    const { db } = holmes.database;
    const ritaId = await holmes.createUser(RESPONDER.email, "responder", RESPONDER.password);
    await holmes.createUser(RESPONDER_2.email, "responder", RESPONDER_2.password);
    await holmes.createUser(ADMIN.email, "admin", ADMIN.password);
    sim = await startSimServer({
      fleet,
      hostKey: generateEd25519("sim").privateKey,
      authorizedKey: clientKey.publicKey,
    });
    await addHosts(db, [
      {
        name: NFS_HOST,
        address: "127.0.0.1",
        port: sim.port,
        username: NFS_HOST,
        isSimulated: true,
      },
    ]);
    const privateKeyFor = async () => clientKey.privateKey;
    const settings = {
      defaultUser: "holmes",
      connectTimeoutMs: 5_000,
      keepaliveIntervalMs: 10_000,
      intervalMs: 60_000,
      smartIntervalMs: 600_000,
      concurrency: 1,
    };
    const [polled] = await collectHosts(
      { db, pool, settings, privateKeyFor, now: () => new Date() },
      await listPollTargets(db, [NFS_HOST]),
    );
    expect(polled?.status).toBe("ok");
    const [finding] = await db
      .select({ id: findings.id })
      .from(findings)
      .where(and(eq(findings.ruleId, "loop.on_nfs"), eq(findings.objectName, "loop0")));
    findingId = finding?.id ?? "";
    const incident = await declareIncident(
      db,
      {
        title: "XFS images on NFS at risk on stor-a15",
        severity: 2,
        hostIds: [],
        findingIds: [findingId],
      },
      ritaId,
      new Date(),
    );
    incidentNumber = incident.number;
    // The collector's check worker, as `holmes collector` runs it: the web holds no keys.
    worker = startCheckWorker({
      db,
      pool,
      instance: "e2e-collector",
      privateKeyFor,
      ...settings,
      pollMs: 250,
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    pool.closeAll();
    await browser?.close();
    await sim?.close();
    await holmes?.stop();
  });

  it("lets an admin write the runbook, with parse errors by line while typing", async () => {
    const admin = await userPage(browser, holmes.baseUrl, ADMIN);
    await admin.page.goto(`${holmes.baseUrl}/runbooks/new`);
    const editor = admin.page.getByLabel("Markdown");
    await editor.fill(RUNBOOK.replace("probe: losetup", "probe: cat-etc-shadow"));
    await expect
      .poll(() => admin.page.getByTestId("parse-errors").textContent())
      .toMatch(/line 32: .*cat-etc-shadow/);
    await screenshot(admin.page, "runbooks-editor-error");
    await editor.fill(RUNBOOK);
    await admin.page.getByText("Parses cleanly").waitFor();
    await admin.page.getByRole("button", { name: "Create runbook" }).click();
    await admin.page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await admin.page.goto(`${holmes.baseUrl}/runbooks`);
    await admin.page.getByRole("link", { name: TITLE }).first().waitFor();
    await screenshot(admin.page, "runbooks-catalogue");
    await admin.context.close();
  });

  it("starts a run from the incident's finding with host and loop bound from it", async () => {
    rita = await userPage(browser, holmes.baseUrl, RESPONDER);
    const { page } = rita;
    await page.goto(`${holmes.baseUrl}/incidents/${incidentNumber}`);
    await page.getByRole("link", { name: /^Runbooks for .*loop0/ }).click();
    await page.getByText(/Runbooks for .* on stor-a15/).waitFor();
    const row = page.getByRole("listitem").filter({ hasText: TITLE });
    await row.getByRole("link", { name: "Start with this finding" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await expect.poll(() => page.getByLabel(/^loop/).inputValue()).toBe("/dev/loop0");
    expect(await page.getByLabel(/^host/).inputValue()).toBe(NFS_HOST);
    expect(await page.getByLabel(/^back_file/).inputValue()).toBe("/mnt/images/db1.img");
    await screenshot(page, "runbooks-start");
    await page.getByRole("button", { name: "Start run" }).click();
    await page.getByTestId("run-step-title").filter({ hasText: "Step 1 of 2" }).waitFor();
    // Instructions read with the run's values; the optional copy_dir was left empty, so the
    // copy command is a "fill in" note rather than a command with a hole in it.
    await page.getByText("The loop device must still read /dev/loop0's image").waitFor();
    await page.getByText("keep a copy of /mnt/images/db1.img before the repair").waitFor();
    await page
      .getByTestId("step-command-missing")
      .filter({ hasText: "Fill in: copy_dir" })
      .waitFor();
    expect(await page.getByText("{{").count()).toBe(0);
  });

  it("runs the check on the simulated host through the collector and shows it passed", async () => {
    const { page } = rita;
    await page.getByRole("button", { name: "Run check" }).click();
    const check = page.getByTestId("check-loop-attached");
    await expect
      .poll(() => check.getByTestId("check-status").textContent(), { timeout: 15_000 })
      .toBe("passed");
    await check.getByText("Output from the host").click();
    await check.getByText("/mnt/images/db1.img").first().waitFor();
    await screenshot(page, "runbooks-run-check-passed");
  });

  it("shows the second responder the step change live, without a reload", async () => {
    omar = await userPage(browser, holmes.baseUrl, RESPONDER_2);
    await omar.page.goto(rita.page.url());
    await omar.page.getByTestId("run-step-title").filter({ hasText: "Step 1 of 2" }).waitFor();
    await rita.page.getByLabel(/^Note/).fill("loop0 still reads db1.img");
    await rita.page.getByRole("button", { name: "Mark done" }).click();
    await omar.page
      .getByTestId("run-step-title")
      .filter({ hasText: "Step 2 of 2: Repair the filesystem" })
      .waitFor({ timeout: 20_000 });
  });

  it("keeps the destructive step closed until pre-check and a second responder, then opens", async () => {
    const { page } = rita;
    await page.getByTestId("run-step-title").filter({ hasText: "Step 2 of 2" }).waitFor();
    const done = page.getByRole("button", { name: "Mark done" });
    expect(await done.isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Ask to pass this gate" }).click();
    await page.getByText("Waiting for a second responder to confirm.").waitFor();
    const gate = page.getByTestId("gate-panel");
    expect(await gate.getAttribute("data-ready")).toBe("false");
    await page.getByText(/not passed recently: db1-mounted/).waitFor();
    await screenshot(page, "runbooks-gate-closed");
    await page.getByRole("button", { name: "Run check" }).click();
    const check = page.getByTestId("check-db1-mounted");
    await expect
      .poll(() => check.getByTestId("check-status").textContent(), { timeout: 15_000 })
      .toBe("passed");
    // Evidence and pre-check are there; the person who asked cannot be the one who confirms.
    await page.getByText(/all 1 pre-checks passed/).waitFor();
    expect(await gate.getAttribute("data-ready")).toBe("false");
    expect(await page.getByRole("button", { name: "Confirm as second responder" }).count()).toBe(0);
    await omar.page.getByRole("button", { name: "Confirm as second responder" }).click();
    await expect.poll(() => gate.getAttribute("data-ready"), { timeout: 20_000 }).toBe("true");
    await page
      .getByText(/asked, .* confirmed/)
      .first()
      .waitFor();
    await screenshot(page, "runbooks-gate-open");
    await page.getByLabel(/^Note/).fill("xfs_repair clean, no errors");
    await done.click();
    await page.getByTestId("step-outcome").filter({ hasText: "xfs_repair clean" }).waitFor();
    await omar.page.getByText("completed").first().waitFor({ timeout: 20_000 });
    await screenshot(omar.page, "runbooks-run-completed");
  });

  it("puts the run's steps, checks and gate on the incident timeline", async () => {
    const { page } = rita;
    await page.goto(`${holmes.baseUrl}/incidents/${incidentNumber}`);
    await page.getByText(/marked step 1 of 2 \(Confirm the loop image is attached\)/).waitFor();
    await page.getByText(/ran check loop-attached .* — passed/).waitFor();
    await page.getByText(/asked to pass the destructive gate of step 2/).waitFor();
    await page.getByText(/confirmed, as second responder/).waitFor();
    await page.getByText(/opened the destructive gate of step 2/).waitFor();
    await page
      .getByText(/marked step 2 of 2 \(Repair the filesystem\) .* done: xfs_repair clean/)
      .waitFor();
    await screenshot(page, "runbooks-incident-timeline");
  });
});

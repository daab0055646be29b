import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { addHosts } from "@holmes/db/queries/hosts";
import { claimNextCheckRun, finishCheckRun } from "@holmes/db/queries/runbook-checks";
import { hostByName, runbookRunsForIncident } from "@holmes/db/queries/runbook-runs";
import {
  evidenceCaptureRequests,
  evidenceCaptures,
  evidenceHeads,
  evidenceVersions,
  findings,
  incidentEvents,
  users,
} from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmGate } from "../../services/runbook-runs";
import { callerFor, createTestAuth, fakeUser } from "../../testing";

const HOST = "stor-a15";

/** A custom runbook: one plain step with a check, one destructive step behind a gate. */
const RUNBOOK = `---
id: test-loop-remount
title: Remount XFS on a loop image after NFS errors
summary: Unmount, detach and remount the loop-backed filesystem.
applies_to: [loop.on_nfs]
variables:
  - name: host
    kind: host
    description: The host
    from: host
  - name: loop
    kind: block-device
    description: The loop device
    from: object
---

## Confirm the loop device is still attached

Look at the loop devices before touching anything.

\`\`\`check
id: loop-attached
description: "{{loop}} is attached"
probe: losetup
expect: { that: loop-attached, device: "{{loop}}" }
\`\`\`

## Repair the filesystem

\`\`\`sh
xfs_repair {{loop}}
\`\`\`

\`\`\`check
id: loop-still-attached
description: "{{loop}} is attached before the repair"
probe: losetup
expect: { that: loop-attached, device: "{{loop}}" }
\`\`\`

\`\`\`gate
evidence: [md-map]
max_age_minutes: 30
reason: xfs_repair rewrites metadata.
\`\`\`
`;

/** A command and instructions that use an optional variable, as a start form leaves it empty. */
const OPTIONAL_RUNBOOK = `---
id: test-loop-detach
title: Detach {{loop}} on {{host}}
summary: Detach a loop device, optionally noting the image it was backed by.
applies_to: []
variables:
  - name: host
    kind: host
    description: The host
  - name: loop
    kind: block-device
    description: The loop device
  - name: image
    kind: path
    description: The image file behind it
    required: false
---

## Detach {{loop}}

Run this on {{host}} once nothing has {{loop}} open; the image was {{image}}.

\`\`\`sh
losetup -d {{loop}}
\`\`\`

\`\`\`check
id: loop-detached
description: "{{loop}} is detached"
probe: losetup
expect: { that: loop-detached, device: "{{loop}}" }
\`\`\`

## Look at the image

\`\`\`sh
ls -l -- {{image}}
\`\`\`
`;

const SECOND_RESPONDER = {
  id: "user-responder-2",
  email: "responder2@holmes.test",
  name: "Second responder",
  role: "responder" as const,
};

async function ensureUsers(db: Database) {
  const all = [...(["viewer", "responder", "admin"] as Role[]).map(fakeUser), SECOND_RESPONDER];
  for (const user of all) {
    await db
      .insert(users)
      .values({ id: user.id, name: user.name, email: user.email, role: user.role })
      .onConflictDoNothing();
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
  }
}

describe.each(testDatabaseKinds())("runbook router on %s", (kind) => {
  const database = useTestDatabase(kind);
  let hostId: string;
  let findingId: string;
  let incidentId: string;

  const caller = (role: Role | null) => {
    const { db } = database();
    return callerFor(db, createTestAuth(db), role);
  };
  const secondResponder = () => {
    const { db } = database();
    return callerFor(db, createTestAuth(db), "responder", { user: SECOND_RESPONDER });
  };

  beforeAll(async () => {
    const { db } = database();
    await ensureUsers(db);
    await addHosts(db, [{ name: HOST, address: "127.0.0.1", port: 22 }]);
    hostId = (await hostByName(db, HOST))?.id ?? "";
    const now = new Date();
    const [finding] = await db
      .insert(findings)
      .values({
        hostId,
        ruleId: "loop.on_nfs",
        objectKind: "loop",
        objectName: "loop0",
        severity: "critical",
        title: "xfs on /srv/db1 sits on loop0, backed by NFS",
        explanation: "…",
        evidence: { values: { loop: "loop0" } } as never,
        firstSeenAt: now,
        lastSeenAt: now,
      })
      .returning({ id: findings.id });
    findingId = finding?.id ?? "";
    const incident = await caller("responder").incident.declare({
      title: "XFS shut down on stor-a15",
      severity: 2,
      hostIds: [hostId],
      findingIds: [findingId],
    });
    incidentId = incident.id;
    await caller("admin").runbook.saveCustom({
      runbookId: null,
      markdown: RUNBOOK,
      expectedVersion: null,
    });
  });

  async function startRun() {
    const { id } = await caller("responder").runbook.start({
      runbookId: "test-loop-remount",
      findingId,
      incidentId,
    });
    return id;
  }

  /** What a collector does with a queued check, minus the SSH: claim it and store a verdict. */
  async function collectorAnswers(status: "passed" | "failed", finishedAt = new Date()) {
    const { db } = database();
    const claimed = await claimNextCheckRun(db, {
      collector: "test",
      now: new Date(),
      leaseMs: 60_000,
    });
    expect(claimed).not.toBeNull();
    await finishCheckRun(db, claimed?.id ?? 0, {
      status,
      summary: status === "passed" ? "loop0 is attached" : "loop0 is not set up",
      details: [],
      rawOutput: '{"loopdevices": []}',
      finishedAt,
    });
  }

  async function captureEvidence(capturedAt: Date, kind = "md-map") {
    const { db } = database();
    const [capture] = await db
      .insert(evidenceCaptures)
      .values({ hostId, reason: "on_demand", capturedAt, itemCount: 1, changedCount: 1 })
      .returning({ id: evidenceCaptures.id });
    const [version] = await db
      .insert(evidenceVersions)
      .values({
        hostId,
        captureId: capture?.id ?? 0,
        itemKey: `${kind}:test`,
        kind,
        label: "md1",
        source: "derived",
        content: "slot 0 → WD-1",
        sha256: "a",
        fingerprint: "a",
        capturedAt,
      })
      .returning({ id: evidenceVersions.id });
    await db
      .insert(evidenceHeads)
      .values({
        hostId,
        itemKey: `${kind}:test`,
        versionId: version?.id ?? 0,
        sha256: "a",
        fingerprint: "a",
        isAbsent: false,
        capturedAt,
      })
      .onConflictDoUpdate({
        target: [evidenceHeads.hostId, evidenceHeads.itemKey],
        set: { versionId: version?.id ?? 0, capturedAt },
      });
  }

  it("lists the custom runbook in the catalogue and for the finding's rule", async () => {
    const catalogue = await caller("viewer").runbook.catalogue();
    expect(catalogue.runbooks.map((r) => r.id)).toContain("test-loop-remount");
    const forFinding = await caller("viewer").runbook.forFinding({ findingId });
    expect(forFinding.runbooks.map((r) => r.id)).toContain("test-loop-remount");
  });

  it("refuses a custom runbook that does not parse, naming the line", async () => {
    const broken = RUNBOOK.replace("probe: losetup", "probe: rm-rf");
    expect(
      await codeOf(
        caller("admin").runbook.saveCustom({
          runbookId: null,
          markdown: broken,
          expectedVersion: null,
        }),
      ),
    ).toMatch(/^BAD_REQUEST: line \d+: .*rm-rf/);
  });

  it("keeps every save as a version and refuses a stale one with who and when", async () => {
    const edited = RUNBOOK.replace("Look at the loop devices", "Look at the loop devices first");
    const saved = await caller("admin").runbook.saveCustom({
      runbookId: "test-loop-remount",
      markdown: edited,
      expectedVersion: 1,
    });
    expect(saved).toEqual({ id: "test-loop-remount", version: 2 });
    expect(
      await codeOf(
        caller("admin").runbook.saveCustom({
          runbookId: "test-loop-remount",
          markdown: RUNBOOK,
          expectedVersion: 1,
        }),
      ),
    ).toMatch(/^CONFLICT: Changed by Test admin at .* \(now version 2\)/);
    const detail = await caller("viewer").runbook.byId({ runbookId: "test-loop-remount" });
    expect(detail.history.map((h) => h.version)).toEqual([2, 1]);
    expect(detail.markdown).toContain("first");
  });

  it("starts a run from the finding with host and loop device bound from it", async () => {
    const runId = await startRun();
    const view = await caller("viewer").runbook.run({ runId });
    expect(view.run).toMatchObject({
      hostName: HOST,
      incidentId,
      findingId,
      bindings: { host: HOST, loop: "/dev/loop0" },
      currentStep: 0,
      stepCount: 2,
      runbookSource: "custom",
      runbookVersion: 2,
    });
    expect(view.steps[1]?.command).toBe("xfs_repair '/dev/loop0'");
    const runs = await caller("viewer").runbook.runs({ findingId });
    expect(runs.map((r) => r.id)).toContain(runId);
  });

  it("shows step text with the run's values and a command with an empty optional variable as a gap", async () => {
    await caller("admin").runbook.saveCustom({
      runbookId: null,
      markdown: OPTIONAL_RUNBOOK,
      expectedVersion: null,
    });
    const { id: runId } = await caller("responder").runbook.start({
      runbookId: "test-loop-detach",
      incidentId,
      variables: { host: HOST, loop: "/dev/loop3", image: "" },
    });
    const view = await caller("viewer").runbook.run({ runId });
    expect(view.run.bindings).toEqual({ host: HOST, loop: "/dev/loop3" });
    expect(view.run.title).toBe(`Detach /dev/loop3 on ${HOST}`);
    const [detach, remove] = view.steps;
    expect(detach).toMatchObject({
      title: "Detach /dev/loop3",
      command: "losetup -d '/dev/loop3'",
      missingVariables: [],
      checks: [{ id: "loop-detached", description: "/dev/loop3 is detached" }],
    });
    expect(detach?.bodyMarkdown).toContain(`Run this on ${HOST} once nothing has /dev/loop3 open`);
    // The empty optional value is visibly a gap in prose, and no command is offered with it.
    expect(detach?.bodyMarkdown).toContain("the image was ⟨image⟩");
    expect(remove).toMatchObject({ command: null, missingVariables: ["image"] });
    expect(JSON.stringify(view.steps)).not.toContain("{{");
    await caller("responder").runbook.markStep({
      runId,
      stepIndex: 0,
      outcome: "skipped",
      note: "",
      expectedVersion: view.run.version,
    });
    const timeline = await caller("viewer").incident.timeline({ incidentId });
    const skipped = timeline.find(
      (e) =>
        e.source === "lifecycle" && e.kind === "runbook.step_skipped" && e.data.runId === runId,
    );
    expect(skipped).toMatchObject({
      data: { runbookTitle: `Detach /dev/loop3 on ${HOST}`, stepTitle: "Detach /dev/loop3" },
    });
  });

  it("refuses a variable that fails its kind, before storing anything", async () => {
    expect(
      await codeOf(
        caller("responder").runbook.start({
          runbookId: "test-loop-remount",
          variables: { host: HOST, loop: "/dev/loop0; reboot" },
        }),
      ),
    ).toMatch(/^BAD_REQUEST: loop: /);
  });

  it("puts each step outcome on the incident timeline and refuses a stale mark", async () => {
    const runId = await startRun();
    await caller("responder").runbook.requestCheck({
      runId,
      stepIndex: 0,
      checkId: "loop-attached",
    });
    await collectorAnswers("passed");
    const marked = await caller("responder").runbook.markStep({
      runId,
      stepIndex: 0,
      outcome: "done",
      note: "loop0 still attached",
      expectedVersion: 1,
    });
    expect(marked).toMatchObject({ currentStep: 1, version: 2 });
    expect(
      await codeOf(
        secondResponder().runbook.markStep({
          runId,
          stepIndex: 0,
          outcome: "skipped",
          note: "",
          expectedVersion: 1,
        }),
      ),
    ).toMatch(/^CONFLICT: Changed by Test responder at .*step 2/);
    const { db } = database();
    const events = await db
      .select({ kind: incidentEvents.kind, data: incidentEvents.data })
      .from(incidentEvents)
      .where(eq(incidentEvents.incidentId, incidentId))
      .orderBy(asc(incidentEvents.id));
    const ofRun = events.filter((e) => e.data.runId === runId).map((e) => e.kind);
    expect(ofRun).toEqual(["runbook.started", "runbook.check_passed", "runbook.step_done"]);
    const timeline = await caller("viewer").incident.timeline({ incidentId });
    const stepDone = timeline.find((e) => e.kind === "runbook.step_done");
    expect(stepDone).toMatchObject({
      source: "lifecycle",
      actorName: "Test responder",
      data: { runId, stepIndex: 0, note: "loop0 still attached" },
    });
  });

  describe("the gate of a destructive step", () => {
    let runId: string;
    const markDone = async (who: ReturnType<typeof caller>) => {
      const view = await caller("viewer").runbook.run({ runId });
      return codeOf(
        who.runbook.markStep({
          runId,
          stepIndex: 1,
          outcome: "done",
          note: "repaired",
          expectedVersion: view.run.version,
        }),
      );
    };

    beforeAll(async () => {
      runId = await startRun();
      await caller("responder").runbook.markStep({
        runId,
        stepIndex: 0,
        outcome: "skipped",
        note: "seen by eye",
        expectedVersion: 1,
      });
    });

    it("refuses while nothing is there, naming all three conditions", async () => {
      expect(await markDone(caller("responder"))).toMatch(
        /^FORBIDDEN: .*no evidence captured.*not passed recently: loop-still-attached.*nobody has asked/,
      );
    });

    it("asks the host for evidence when asked to open and shows it capturing", async () => {
      const { db } = database();
      // The incident's own capture request was taken by a poll long ago: nothing is waiting.
      await db.update(evidenceCaptureRequests).set({ takenAt: new Date() });
      expect((await caller("viewer").runbook.run({ runId })).isCapturingEvidence).toBe(false);
      const gate = await caller("responder").runbook.requestGate({ runId, stepIndex: 1 });
      expect(gate.evidence.isMet).toBe(false);
      const requests = await db
        .select({ reason: evidenceCaptureRequests.reason })
        .from(evidenceCaptureRequests)
        .where(
          and(eq(evidenceCaptureRequests.hostId, hostId), isNull(evidenceCaptureRequests.takenAt)),
        );
      expect(requests.map((r) => r.reason)).toEqual(["on_demand"]);
      const view = await caller("viewer").runbook.run({ runId });
      expect(view.isCapturingEvidence).toBe(true);
    });

    it("refuses confirmation by the responder who asked, and by a viewer", async () => {
      expect(
        await codeOf(caller("responder").runbook.confirmGate({ runId, stepIndex: 1 })),
      ).toMatch(/^FORBIDDEN: You asked for this gate/);
      expect(await codeOf(caller("viewer").runbook.confirmGate({ runId, stepIndex: 1 }))).toMatch(
        /^FORBIDDEN/,
      );
      // Below the router too: the service itself refuses a viewer.
      const viewer = fakeUser("viewer");
      await expect(
        confirmGate(database().db, viewer, { runId, stepIndex: 1 }, new Date()),
      ).rejects.toThrow(/user-viewer \(viewer\) may not confirm/);
    });

    it("still refuses with evidence and confirmation but no passed pre-check", async () => {
      await captureEvidence(new Date());
      const gate = await secondResponder().runbook.confirmGate({ runId, stepIndex: 1 });
      expect(gate).toMatchObject({
        isReady: false,
        evidence: { isMet: true },
        confirmation: { isMet: true },
        preChecks: { isMet: false },
      });
      expect(await markDone(caller("responder"))).toMatch(/^FORBIDDEN: .*loop-still-attached/);
    });

    it("still refuses when the pre-check failed", async () => {
      await caller("responder").runbook.requestCheck({
        runId,
        stepIndex: 1,
        checkId: "loop-still-attached",
      });
      await collectorAnswers("failed");
      expect(await markDone(caller("responder"))).toMatch(/^FORBIDDEN: .*loop-still-attached/);
    });

    it("still refuses when the evidence is older than the step allows", async () => {
      await caller("responder").runbook.requestCheck({
        runId,
        stepIndex: 1,
        checkId: "loop-still-attached",
      });
      await collectorAnswers("passed");
      const { db } = database();
      await db.delete(evidenceHeads).where(eq(evidenceHeads.hostId, hostId));
      await db.delete(evidenceCaptures).where(eq(evidenceCaptures.hostId, hostId));
      await captureEvidence(new Date(Date.now() - 45 * 60_000));
      expect(await markDone(caller("responder"))).toMatch(/^FORBIDDEN: .*older than 30 min/);
    });

    it("opens with all three, and says so on the timeline", async () => {
      await captureEvidence(new Date());
      expect(await markDone(caller("responder"))).toBe("OK");
      const view = await caller("viewer").runbook.run({ runId });
      expect(view.run.status).toBe("completed");
      expect(view.gates[0]).toMatchObject({
        requestedByName: "Test responder",
        confirmedByName: "Second responder",
      });
      const { db } = database();
      const kinds = (
        await db
          .select({ kind: incidentEvents.kind, data: incidentEvents.data })
          .from(incidentEvents)
          .where(eq(incidentEvents.incidentId, incidentId))
          .orderBy(asc(incidentEvents.id))
      )
        .filter((e) => e.data.runId === runId)
        .map((e) => e.kind);
      expect(kinds).toEqual([
        "runbook.started",
        "runbook.step_skipped",
        "runbook.gate_requested",
        "runbook.gate_confirmed",
        "runbook.check_failed",
        "runbook.check_passed",
        "runbook.gate_ready",
        "runbook.step_done",
      ]);
    });

    it("gives post-mortems every run of the incident with outcomes, verdicts and gates", async () => {
      const runs = await runbookRunsForIncident(database().db, incidentId);
      const run = runs.find((r) => r.id === runId);
      expect(run).toMatchObject({
        title: "Remount XFS on a loop image after NFS errors",
        hostName: HOST,
        status: "completed",
        runbookVersion: 2,
        steps: [
          { index: 0, title: "Confirm the loop device is still attached", isDestructive: false },
          { index: 1, title: "Repair the filesystem", isDestructive: true },
        ],
      });
      expect(run?.outcomes.map((o) => [o.stepIndex, o.outcome, o.note, o.actorName])).toEqual([
        [0, "skipped", "seen by eye", "Test responder"],
        [1, "done", "repaired", "Test responder"],
      ]);
      // Only the latest verdict of each check: the failed run was superseded.
      expect(run?.checks.map((c) => [c.stepIndex, c.checkId, c.status])).toEqual([
        [1, "loop-still-attached", "passed"],
      ]);
      expect(run?.gates[0]?.confirmedByName).toBe("Second responder");
      expect(runs.length).toBeGreaterThanOrEqual(3);
    });
  });
});

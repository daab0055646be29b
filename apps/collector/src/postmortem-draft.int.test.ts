import type { EvidenceMdArray } from "@holmes/core";
import { readVersions } from "@holmes/db/queries/evidence-read";
import { updateIncident } from "@holmes/db/queries/incident-edit";
import { declareIncident, postIncidentUpdate } from "@holmes/db/queries/incidents";
import { createPostmortemDraft } from "@holmes/db/queries/postmortem-edit";
import { postmortemById } from "@holmes/db/queries/postmortem-read";
import {
  evidenceVersions,
  findings,
  runbookRuns,
  runbookStepOutcomes,
  users,
} from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { SCENARIOS } from "@holmes/probes/simulate";
import { and, eq, like, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pollAndCapture } from "./evidence/testing";

const MINUTE = 60_000;
const wearout = SCENARIOS["disk-wearout-rebuild"].marks;

describe.each(testDatabaseKinds())("post-mortem draft of a replayed scenario on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("drafts the timeline and the member serials of the degraded array from the record", async () => {
    const { db } = database();
    await db
      .insert(users)
      .values({ id: "pm-author", name: "Pat Author", email: "pat@holmes.test", role: "responder" });
    // The simulated stor-a07 story through the real collector: md2 has lost a member.
    const poll = await pollAndCapture(
      db,
      "disk-wearout-rebuild",
      (wearout.failed ?? 0) + 2 * MINUTE,
    );
    const open = await db
      .select({ id: findings.id, ruleId: findings.ruleId })
      .from(findings)
      .where(and(eq(findings.hostId, poll.hostId), ne(findings.state, "resolved")));
    expect(open.length).toBeGreaterThan(0);

    const declaredAt = new Date();
    const incident = await declareIncident(
      db,
      {
        title: "md2 degraded",
        severity: 2,
        hostIds: [poll.hostId],
        findingIds: open.map((f) => f.id),
      },
      "pm-author",
      declaredAt,
    );
    await postIncidentUpdate(
      db,
      {
        incidentId: incident.id,
        body: "Spare sdg1 is rebuilding md2.",
        audience: "internal",
        idempotencyKey: "pm-test-update-1",
      },
      "pm-author",
      new Date(declaredAt.getTime() + 1_000),
    );
    // A runbook worked during the incident (R2's tables): its step outcome belongs in the draft.
    const [run] = await db
      .insert(runbookRuns)
      .values({
        runbookId: "md-replace-failed-member",
        runbookSource: "file",
        contentHash: "sha256:test",
        title: "Replace a failed member",
        definition: {
          steps: [{ title: "Confirm the failed member" }, { title: "Add the new disk" }],
        },
        bindings: { host: "stor-a07" },
        hostId: poll.hostId,
        incidentId: incident.id,
        stepCount: 2,
      })
      .returning({ id: runbookRuns.id });
    await db.insert(runbookStepOutcomes).values({
      runId: run?.id ?? "",
      stepIndex: 1,
      outcome: "done",
      note: "sdg1 added",
      actorId: "pm-author",
    });
    await updateIncident(
      db,
      { incidentId: incident.id, expectedVersion: incident.version, status: "resolved" },
      "pm-author",
      new Date(declaredAt.getTime() + 2_000),
    );

    const created = await createPostmortemDraft(db, incident.id, "pm-author", new Date());
    const draft = await postmortemById(db, created.id);
    if (!draft) throw new Error("draft not stored");

    // The timeline: people's updates, lifecycle changes and the host's finding events, all offered.
    const texts = draft.timeline.map((item) => `${item.source}:${item.kind}:${item.text}`);
    expect(texts).toContainEqual(expect.stringMatching(/^lifecycle:declared/));
    expect(texts).toContain("human:update:Spare sdg1 is rebuilding md2.");
    expect(texts).toContainEqual(expect.stringMatching(/^machine:finding_opened:/));
    expect(draft.keptTimelineKeys).toEqual(draft.timeline.map((item) => item.key));

    // The member serials: exactly those of md2's md map in the vault at the time.
    const [md2Version] = await db
      .select({ id: evidenceVersions.id })
      .from(evidenceVersions)
      .where(and(eq(evidenceVersions.hostId, poll.hostId), like(evidenceVersions.label, "%md2%")));
    const [vaultMd2] = await readVersions(db, md2Version ? [md2Version.id] : []);
    const vaultMap = JSON.parse(vaultMd2?.content ?? "null") as EvidenceMdArray;
    const vaultSerials = vaultMap.members.map((m) => m.serial).filter((s) => s !== null);
    expect(vaultSerials.length).toBeGreaterThanOrEqual(4);
    const draftedMd2 = draft.evidence.arrays.find((a) => a.device === vaultMap.device);
    expect(draftedMd2?.members.map((m) => m.serial).filter((s) => s !== null)).toEqual(
      vaultSerials,
    );
    for (const serial of vaultSerials) {
      expect(draft.sections.supportingInformation).toContain(serial);
    }
    expect(draft.evidence.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(open.map((f) => f.ruleId)),
    );
    expect(draft.sections.impact).toMatch(/Time at SEV2: \d+ min/);
    expect(draft.evidence.runbookSteps).toMatchObject([
      {
        runbookTitle: "Replace a failed member",
        stepTitle: "Add the new disk",
        outcome: "done",
        note: "sdg1 added",
        actorName: "Pat Author",
      },
    ]);
    expect(draft.sections.resolution).toContain(
      "Replace a failed member — Add the new disk: done (Pat Author) — sdg1 added",
    );
  });

  it("refuses to draft an unresolved incident and a second draft of the same incident", async () => {
    const { db } = database();
    await db
      .insert(users)
      .values({ id: "pm-author-2", name: "Pat Two", email: "pat2@holmes.test", role: "responder" });
    const incident = await declareIncident(
      db,
      { title: "still going", severity: 3, hostIds: [], findingIds: [] },
      "pm-author-2",
      new Date(),
    );
    await expect(
      createPostmortemDraft(db, incident.id, "pm-author-2", new Date()),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await updateIncident(
      db,
      { incidentId: incident.id, expectedVersion: incident.version, status: "resolved" },
      "pm-author-2",
      new Date(),
    );
    await createPostmortemDraft(db, incident.id, "pm-author-2", new Date());
    await expect(
      createPostmortemDraft(db, incident.id, "pm-author-2", new Date()),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

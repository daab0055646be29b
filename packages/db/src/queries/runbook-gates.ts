import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import {
  evidenceCaptureRequests,
  evidenceCaptures,
  evidenceHeads,
  evidenceVersions,
  runbookGates,
  runbookRuns,
} from "../schema";
import { recordIncidentEvent, type Tx } from "./incidents";

/**
 * The stored half of a destructive step's gate: who asked, who confirmed, when it became ready.
 * Whether it may open is decided by `evaluateGate` in the API from these rows, the host's
 * evidence and the step's check runs.
 */

export type GateRow = typeof runbookGates.$inferSelect;

export async function gateRow(
  db: Database | Tx,
  runId: string,
  stepIndex: number,
): Promise<GateRow | null> {
  const [row] = await db
    .select()
    .from(runbookGates)
    .where(and(eq(runbookGates.runId, runId), eq(runbookGates.stepIndex, stepIndex)));
  return row ?? null;
}

/** The first request stands: asking again changes nothing (and writes nothing). */
export async function requestGate(
  db: Database,
  input: { runId: string; stepIndex: number; actorId: string; now: Date },
): Promise<GateRow> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(runbookGates)
      .values({
        runId: input.runId,
        stepIndex: input.stepIndex,
        requestedBy: input.actorId,
        requestedAt: input.now,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      await gateTimeline(tx, input.runId, input.actorId, "gate_requested", input.now, {
        stepIndex: input.stepIndex,
      });
      return inserted;
    }
    const existing = await gateRow(tx, input.runId, input.stepIndex);
    if (!existing) throw new Error("gate vanished");
    return existing;
  });
}

/** Records the second responder's confirmation; the caller has checked who may confirm. */
export async function confirmGate(
  db: Database,
  input: { runId: string; stepIndex: number; actorId: string; now: Date },
): Promise<GateRow | null> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(runbookGates)
      .set({ confirmedBy: input.actorId, confirmedAt: input.now })
      .where(
        and(
          eq(runbookGates.runId, input.runId),
          eq(runbookGates.stepIndex, input.stepIndex),
          isNull(runbookGates.confirmedBy),
        ),
      )
      .returning();
    if (updated) {
      await gateTimeline(tx, input.runId, input.actorId, "gate_confirmed", input.now, {
        stepIndex: input.stepIndex,
        requestedBy: updated.requestedBy,
      });
    }
    return updated ?? null;
  });
}

/** The moment every condition held; written once, with the state on the timeline. */
export async function markGateReady(
  db: Database | Tx,
  input: {
    runId: string;
    stepIndex: number;
    actorId: string | null;
    now: Date;
    conditions: object;
  },
): Promise<boolean> {
  const [updated] = await db
    .update(runbookGates)
    .set({ readyAt: input.now })
    .where(
      and(
        eq(runbookGates.runId, input.runId),
        eq(runbookGates.stepIndex, input.stepIndex),
        isNull(runbookGates.readyAt),
      ),
    )
    .returning({ runId: runbookGates.runId });
  if (!updated) return false;
  await gateTimeline(db, input.runId, input.actorId, "gate_ready", input.now, {
    stepIndex: input.stepIndex,
    conditions: input.conditions,
  });
  return true;
}

async function gateTimeline(
  db: Database | Tx,
  runId: string,
  actorId: string | null,
  what: string,
  at: Date,
  data: Record<string, unknown>,
) {
  const [run] = await db
    .select({ incidentId: runbookRuns.incidentId, title: runbookRuns.title })
    .from(runbookRuns)
    .where(eq(runbookRuns.id, runId));
  if (!run?.incidentId) return;
  await recordIncidentEvent(db, {
    incidentId: run.incidentId,
    actorId,
    kind: `runbook.${what}`,
    at,
    data: { runId, runbookTitle: run.title, ...data },
  });
}

export type HostEvidenceState = {
  /** The newest capture of any reason (a requested capture is recorded even when unchanged). */
  lastCaptureAt: Date | null;
  /** Evidence kinds the host has a current, non-absent item of. */
  kindsHeld: string[];
};

export async function hostEvidenceState(
  db: Database | Tx,
  hostId: string,
): Promise<HostEvidenceState> {
  const [capture] = await db
    .select({ capturedAt: evidenceCaptures.capturedAt })
    .from(evidenceCaptures)
    .where(eq(evidenceCaptures.hostId, hostId))
    .orderBy(desc(evidenceCaptures.capturedAt))
    .limit(1);
  const heads = await db
    .selectDistinct({ kind: evidenceVersions.kind })
    .from(evidenceHeads)
    .innerJoin(evidenceVersions, eq(evidenceVersions.id, evidenceHeads.versionId))
    .where(and(eq(evidenceHeads.hostId, hostId), eq(evidenceHeads.isAbsent, false)));
  const kinds = heads.map((head) => head.kind).sort();
  return { lastCaptureAt: capture?.capturedAt ?? null, kindsHeld: kinds };
}

/** A capture asked for and not yet taken by the host's next poll: the page shows "capturing…". */
export async function hasPendingCapture(db: Database | Tx, hostId: string): Promise<boolean> {
  const rows = await db
    .select({ id: evidenceCaptureRequests.id })
    .from(evidenceCaptureRequests)
    .where(and(eq(evidenceCaptureRequests.hostId, hostId), isNull(evidenceCaptureRequests.takenAt)))
    .limit(1);
  return rows.length > 0;
}

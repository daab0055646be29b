import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { hosts, runbookCheckRuns, runbookRuns } from "../schema";
import { recordIncidentEvent, type Tx } from "./incidents";

/**
 * The check queue. The check run row is the job: the API inserts it `queued`, a collector claims
 * it (FOR UPDATE SKIP LOCKED, so two collectors never take the same row), runs it on the host and
 * writes the verdict back. One row, one state: the page reads the same row the collector works.
 */

export const CHECK_NOTIFY_CHANNEL = "holmes_runbook_checks";

export type CheckRunStatus = "queued" | "running" | "passed" | "failed" | "error";

export type NewCheckRun = {
  runId: string;
  stepIndex: number;
  checkId: string;
  hostId: string;
  requestedBy: string | null;
  probe: string;
  args: Record<string, string>;
  expect: Record<string, unknown>;
  now: Date;
};

/** Queues a check and rings the collectors' doorbell (a server delivers it; PGlite polls). */
export async function requestCheckRun(db: Database | Tx, input: NewCheckRun): Promise<number> {
  const [row] = await db
    .insert(runbookCheckRuns)
    .values({
      runId: input.runId,
      stepIndex: input.stepIndex,
      checkId: input.checkId,
      hostId: input.hostId,
      requestedBy: input.requestedBy,
      probe: input.probe,
      args: input.args,
      expect: input.expect,
      requestedAt: input.now,
    })
    .returning({ id: runbookCheckRuns.id });
  if (!row) throw new Error("check run not stored");
  await db.execute(sql`select pg_notify(${CHECK_NOTIFY_CHANNEL}, ${String(row.id)})`);
  return row.id;
}

export type ClaimedCheckRun = {
  id: number;
  runId: string;
  stepIndex: number;
  checkId: string;
  hostId: string;
  hostName: string;
  probe: string;
  args: Record<string, string>;
  expect: Record<string, unknown>;
  requestedAt: Date;
};

/** Takes the oldest queued check for this collector, or null when none waits. */
export async function claimNextCheckRun(
  db: Database,
  input: { collector: string; now: Date; leaseMs: number },
): Promise<ClaimedCheckRun | null> {
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
  return db.transaction(async (tx) => {
    const [next] = await tx
      .select({ id: runbookCheckRuns.id })
      .from(runbookCheckRuns)
      .where(eq(runbookCheckRuns.status, "queued"))
      .orderBy(asc(runbookCheckRuns.requestedAt), asc(runbookCheckRuns.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!next) return null;
    const [claimed] = await tx
      .update(runbookCheckRuns)
      .set({ status: "running", startedAt: input.now, leaseUntil, collector: input.collector })
      .where(eq(runbookCheckRuns.id, next.id))
      .returning({
        id: runbookCheckRuns.id,
        runId: runbookCheckRuns.runId,
        stepIndex: runbookCheckRuns.stepIndex,
        checkId: runbookCheckRuns.checkId,
        hostId: runbookCheckRuns.hostId,
        probe: runbookCheckRuns.probe,
        args: runbookCheckRuns.args,
        expect: runbookCheckRuns.expect,
        requestedAt: runbookCheckRuns.requestedAt,
      });
    if (!claimed) return null;
    const [host] = await tx
      .select({ name: hosts.name })
      .from(hosts)
      .where(eq(hosts.id, claimed.hostId));
    return { ...claimed, hostName: host?.name ?? "" };
  });
}

/** The raw output of the same check's last finished run before this one (for "progressing"). */
export async function previousCheckOutput(
  db: Database,
  check: { id: number; runId: string; stepIndex: number; checkId: string },
): Promise<string | null> {
  const [row] = await db
    .select({ rawOutput: runbookCheckRuns.rawOutput })
    .from(runbookCheckRuns)
    .where(
      and(
        eq(runbookCheckRuns.runId, check.runId),
        eq(runbookCheckRuns.stepIndex, check.stepIndex),
        eq(runbookCheckRuns.checkId, check.checkId),
        inArray(runbookCheckRuns.status, ["passed", "failed"]),
        lt(runbookCheckRuns.id, check.id),
      ),
    )
    .orderBy(desc(runbookCheckRuns.id))
    .limit(1);
  return row?.rawOutput ?? null;
}

export type CheckVerdict = {
  status: "passed" | "failed" | "error";
  summary: string;
  details: string[];
  rawOutput: string | null;
  finishedAt: Date;
};

/**
 * Stores the verdict (only over a row still `running`: an expired lease already closed it) and,
 * for a run attached to an incident, puts it on the incident's timeline in the same transaction.
 */
export async function finishCheckRun(
  db: Database,
  id: number,
  verdict: CheckVerdict,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(runbookCheckRuns)
      .set({
        status: verdict.status,
        summary: verdict.summary,
        details: verdict.details,
        rawOutput: verdict.rawOutput,
        finishedAt: verdict.finishedAt,
        leaseUntil: null,
      })
      .where(and(eq(runbookCheckRuns.id, id), eq(runbookCheckRuns.status, "running")))
      .returning({
        runId: runbookCheckRuns.runId,
        stepIndex: runbookCheckRuns.stepIndex,
        checkId: runbookCheckRuns.checkId,
        requestedBy: runbookCheckRuns.requestedBy,
      });
    if (!done) return false;
    await recordCheckOnTimeline(tx, { ...done, id, ...verdict });
    return true;
  });
}

/** Running checks whose collector died (lease passed) end as `error`, so nobody waits forever. */
export async function failExpiredCheckRuns(db: Database, now: Date): Promise<number> {
  const expired = await db
    .select({ id: runbookCheckRuns.id })
    .from(runbookCheckRuns)
    .where(and(eq(runbookCheckRuns.status, "running"), lt(runbookCheckRuns.leaseUntil, now)));
  for (const row of expired) {
    await finishCheckRun(db, row.id, {
      status: "error",
      summary: "the collector running this check stopped before it finished; run it again",
      details: [],
      rawOutput: null,
      finishedAt: now,
    });
  }
  return expired.length;
}

async function recordCheckOnTimeline(
  tx: Tx,
  check: {
    id: number;
    runId: string;
    stepIndex: number;
    checkId: string;
    requestedBy: string | null;
    status: string;
    summary: string;
    finishedAt: Date;
  },
) {
  const [run] = await tx
    .select({ incidentId: runbookRuns.incidentId, title: runbookRuns.title })
    .from(runbookRuns)
    .where(eq(runbookRuns.id, check.runId));
  if (!run?.incidentId) return;
  await recordIncidentEvent(tx, {
    incidentId: run.incidentId,
    actorId: check.requestedBy,
    kind: `runbook.check_${check.status}`,
    at: check.finishedAt,
    data: {
      runId: check.runId,
      runbookTitle: run.title,
      stepIndex: check.stepIndex,
      checkId: check.checkId,
      checkRunId: check.id,
      summary: check.summary,
    },
  });
}

export type CheckRunView = {
  id: number;
  stepIndex: number;
  checkId: string;
  status: CheckRunStatus;
  summary: string | null;
  details: string[] | null;
  rawOutput: string | null;
  probe: string;
  args: Record<string, string>;
  requestedBy: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  collector: string | null;
};

/** Every check run of a run, newest first (the page shows the latest per check). */
export async function listCheckRuns(db: Database | Tx, runId: string): Promise<CheckRunView[]> {
  const rows = await db
    .select({
      id: runbookCheckRuns.id,
      stepIndex: runbookCheckRuns.stepIndex,
      checkId: runbookCheckRuns.checkId,
      status: runbookCheckRuns.status,
      summary: runbookCheckRuns.summary,
      details: runbookCheckRuns.details,
      rawOutput: runbookCheckRuns.rawOutput,
      probe: runbookCheckRuns.probe,
      args: runbookCheckRuns.args,
      requestedBy: runbookCheckRuns.requestedBy,
      requestedAt: runbookCheckRuns.requestedAt,
      startedAt: runbookCheckRuns.startedAt,
      finishedAt: runbookCheckRuns.finishedAt,
      collector: runbookCheckRuns.collector,
    })
    .from(runbookCheckRuns)
    .where(eq(runbookCheckRuns.runId, runId))
    .orderBy(desc(runbookCheckRuns.id));
  return rows.map((row) => ({ ...row, status: row.status as CheckRunStatus }));
}

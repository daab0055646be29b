import { AppError } from "@holmes/core";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  findings,
  hosts,
  type RunBindings,
  runbookGates,
  runbookRuns,
  runbookStepOutcomes,
  users,
} from "../schema";
import { recordIncidentEvent, type Tx } from "./incidents";
import { type CheckRunView, listCheckRuns } from "./runbook-checks";

export type NewRunbookRun = {
  runbookId: string;
  runbookSource: "file" | "custom";
  runbookVersion: number | null;
  contentHash: string;
  title: string;
  /** The parsed runbook as it is now: the run follows this copy to its end. */
  definition: Record<string, unknown>;
  stepCount: number;
  bindings: RunBindings;
  hostId: string | null;
  incidentId: string | null;
  findingId: string | null;
  startedBy: string;
  now: Date;
};

/** Starts a run; one attached to an incident says so on the incident's timeline. */
export async function insertRunbookRun(db: Database, input: NewRunbookRun): Promise<string> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(runbookRuns)
      .values({
        runbookId: input.runbookId,
        runbookSource: input.runbookSource,
        runbookVersion: input.runbookVersion,
        contentHash: input.contentHash,
        title: input.title,
        definition: input.definition,
        stepCount: input.stepCount,
        bindings: input.bindings,
        hostId: input.hostId,
        incidentId: input.incidentId,
        findingId: input.findingId,
        startedBy: input.startedBy,
        startedAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: runbookRuns.id });
    if (!run) throw new Error("runbook run not stored");
    if (input.incidentId) {
      await recordIncidentEvent(tx, {
        incidentId: input.incidentId,
        actorId: input.startedBy,
        kind: "runbook.started",
        at: input.now,
        data: { runId: run.id, runbookId: input.runbookId, runbookTitle: input.title },
      });
    }
    return run.id;
  });
}

export type RunHeader = {
  id: string;
  runbookId: string;
  runbookSource: string;
  runbookVersion: number | null;
  contentHash: string;
  title: string;
  definition: Record<string, unknown>;
  bindings: RunBindings;
  hostId: string | null;
  hostName: string | null;
  incidentId: string | null;
  findingId: string | null;
  status: string;
  currentStep: number;
  stepCount: number;
  startedBy: string | null;
  startedByName: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  version: number;
  updatedAt: Date;
};

export type StepOutcomeView = {
  stepIndex: number;
  outcome: "done" | "skipped";
  note: string;
  actorId: string | null;
  actorName: string | null;
  at: Date;
};

export type GateView = {
  stepIndex: number;
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: Date;
  confirmedBy: string | null;
  confirmedByName: string | null;
  /** The confirmer's role now: one demoted to viewer no longer counts. */
  confirmedByRole: string | null;
  confirmedAt: Date | null;
  readyAt: Date | null;
};

export type RunDetail = {
  run: RunHeader;
  outcomes: StepOutcomeView[];
  gates: GateView[];
  checks: CheckRunView[];
};

const runColumns = {
  id: runbookRuns.id,
  runbookId: runbookRuns.runbookId,
  runbookSource: runbookRuns.runbookSource,
  runbookVersion: runbookRuns.runbookVersion,
  contentHash: runbookRuns.contentHash,
  title: runbookRuns.title,
  definition: runbookRuns.definition,
  bindings: runbookRuns.bindings,
  hostId: runbookRuns.hostId,
  hostName: hosts.name,
  incidentId: runbookRuns.incidentId,
  findingId: runbookRuns.findingId,
  status: runbookRuns.status,
  currentStep: runbookRuns.currentStep,
  stepCount: runbookRuns.stepCount,
  startedBy: runbookRuns.startedBy,
  startedByName: users.name,
  startedAt: runbookRuns.startedAt,
  finishedAt: runbookRuns.finishedAt,
  version: runbookRuns.version,
  updatedAt: runbookRuns.updatedAt,
};

export async function runHeader(db: Database | Tx, runId: string): Promise<RunHeader | null> {
  const [row] = await db
    .select(runColumns)
    .from(runbookRuns)
    .leftJoin(hosts, eq(hosts.id, runbookRuns.hostId))
    .leftJoin(users, eq(users.id, runbookRuns.startedBy))
    .where(eq(runbookRuns.id, runId));
  return row ?? null;
}

/** A run with everything its page shows: outcomes, gates and every check run. */
export async function runDetail(db: Database | Tx, runId: string): Promise<RunDetail | null> {
  const run = await runHeader(db, runId);
  if (!run) return null;
  const [outcomes, gates, checks] = await Promise.all([
    listStepOutcomes(db, [runId]),
    listGates(db, [runId]),
    listCheckRuns(db, runId),
  ]);
  return { run, outcomes, gates, checks };
}

async function listStepOutcomes(
  db: Database | Tx,
  runIds: readonly string[],
): Promise<Array<StepOutcomeView & { runId: string }>> {
  if (runIds.length === 0) return [];
  const rows = await db
    .select({
      runId: runbookStepOutcomes.runId,
      stepIndex: runbookStepOutcomes.stepIndex,
      outcome: runbookStepOutcomes.outcome,
      note: runbookStepOutcomes.note,
      actorId: runbookStepOutcomes.actorId,
      actorName: users.name,
      at: runbookStepOutcomes.at,
    })
    .from(runbookStepOutcomes)
    .leftJoin(users, eq(users.id, runbookStepOutcomes.actorId))
    .where(inArray(runbookStepOutcomes.runId, [...runIds]))
    .orderBy(asc(runbookStepOutcomes.stepIndex));
  return rows.map((row) => ({ ...row, outcome: row.outcome as "done" | "skipped" }));
}

async function listGates(
  db: Database | Tx,
  runIds: readonly string[],
): Promise<Array<GateView & { runId: string }>> {
  if (runIds.length === 0) return [];
  const confirmer = sql<
    string | null
  >`(select name from users u where u.id = ${runbookGates.confirmedBy})`;
  const confirmerRole = sql<
    string | null
  >`(select role from users u where u.id = ${runbookGates.confirmedBy})`;
  return db
    .select({
      runId: runbookGates.runId,
      stepIndex: runbookGates.stepIndex,
      requestedBy: runbookGates.requestedBy,
      requestedByName: users.name,
      requestedAt: runbookGates.requestedAt,
      confirmedBy: runbookGates.confirmedBy,
      confirmedByName: confirmer,
      confirmedByRole: confirmerRole,
      confirmedAt: runbookGates.confirmedAt,
      readyAt: runbookGates.readyAt,
    })
    .from(runbookGates)
    .leftJoin(users, eq(users.id, runbookGates.requestedBy))
    .where(inArray(runbookGates.runId, [...runIds]))
    .orderBy(asc(runbookGates.stepIndex));
}

export type RunSummary = {
  id: string;
  runbookId: string;
  title: string;
  hostName: string | null;
  status: string;
  currentStep: number;
  stepCount: number;
  startedByName: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

const summaryColumns = {
  id: runbookRuns.id,
  runbookId: runbookRuns.runbookId,
  title: runbookRuns.title,
  hostName: hosts.name,
  status: runbookRuns.status,
  currentStep: runbookRuns.currentStep,
  stepCount: runbookRuns.stepCount,
  startedByName: users.name,
  startedAt: runbookRuns.startedAt,
  finishedAt: runbookRuns.finishedAt,
};

/** Runs by incident, finding or neither (the newest across the fleet), newest first. */
export async function listRunbookRuns(
  db: Database,
  filter: { incidentId?: string; findingId?: string; limit?: number },
): Promise<RunSummary[]> {
  const conditions = [
    filter.incidentId ? eq(runbookRuns.incidentId, filter.incidentId) : undefined,
    filter.findingId ? eq(runbookRuns.findingId, filter.findingId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select(summaryColumns)
    .from(runbookRuns)
    .leftJoin(hosts, eq(hosts.id, runbookRuns.hostId))
    .leftJoin(users, eq(users.id, runbookRuns.startedBy))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(runbookRuns.startedAt))
    .limit(filter.limit ?? 50);
}

export type IncidentRunbookRun = RunSummary & {
  contentHash: string;
  runbookVersion: number | null;
  steps: Array<{ index: number; title: string; isDestructive: boolean }>;
  outcomes: StepOutcomeView[];
  gates: GateView[];
  /** The latest run of each check: `step:checkId` → verdict. */
  checks: Array<Pick<CheckRunView, "stepIndex" | "checkId" | "status" | "summary" | "finishedAt">>;
};

/**
 * The runbooks used in an incident with their step outcomes, gates and latest check verdicts:
 * what a post-mortem lists under "runbooks used".
 */
export async function runbookRunsForIncident(
  db: Database,
  incidentId: string,
): Promise<IncidentRunbookRun[]> {
  const runs = await db
    .select({
      ...summaryColumns,
      contentHash: runbookRuns.contentHash,
      runbookVersion: runbookRuns.runbookVersion,
      definition: runbookRuns.definition,
    })
    .from(runbookRuns)
    .leftJoin(hosts, eq(hosts.id, runbookRuns.hostId))
    .leftJoin(users, eq(users.id, runbookRuns.startedBy))
    .where(eq(runbookRuns.incidentId, incidentId))
    .orderBy(asc(runbookRuns.startedAt));
  const ids = runs.map((run) => run.id);
  const [outcomes, gates] = await Promise.all([listStepOutcomes(db, ids), listGates(db, ids)]);
  const checks = await Promise.all(ids.map((id) => listCheckRuns(db, id)));
  return runs.map(({ definition, ...run }, index) => ({
    ...run,
    steps: stepsOf(definition),
    outcomes: outcomes.filter((o) => o.runId === run.id),
    gates: gates.filter((g) => g.runId === run.id),
    checks: latestPerCheck(checks[index] ?? []).map(
      ({ stepIndex, checkId, status, summary, finishedAt }) => ({
        stepIndex,
        checkId,
        status,
        summary,
        finishedAt,
      }),
    ),
  }));
}

function stepsOf(definition: Record<string, unknown>) {
  const steps = Array.isArray(definition.steps) ? definition.steps : [];
  return steps.map((step: { index?: number; title?: string; destructive?: unknown }, i) => ({
    index: step.index ?? i,
    title: step.title ?? `Step ${i + 1}`,
    isDestructive: step.destructive != null,
  }));
}

/** The newest run of each (step, check); the input is newest first. */
export function latestPerCheck<T extends { stepIndex: number; checkId: string }>(
  checks: readonly T[],
): T[] {
  const seen = new Set<string>();
  return checks.filter((check) => {
    const key = `${check.stepIndex}:${check.checkId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type StepOutcomeInput = {
  runId: string;
  stepIndex: number;
  outcome: "done" | "skipped";
  note: string;
  actorId: string;
  expectedVersion: number;
  now: Date;
  /** The step's title as the timeline shows it (the run's values filled in); else as written. */
  stepTitleOf?: (run: RunHeader) => string;
};

/**
 * Records the current step's outcome and moves the run on. The run row is locked, so two
 * responders marking the same step get one outcome and one "changed by X at T".
 * `assertReady` runs inside the lock (the destructive gate): it throws to refuse.
 */
export async function recordStepOutcome(
  db: Database,
  input: StepOutcomeInput,
  assertReady: (tx: Tx, run: RunHeader) => Promise<void>,
): Promise<RunHeader> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from runbook_runs where id = ${input.runId} for update`);
    const run = await runHeader(tx, input.runId);
    if (!run) throw new AppError("NOT_FOUND", { message: "runbook run not found" });
    await assertCurrent(tx, run, input);
    await assertReady(tx, run);
    await tx.insert(runbookStepOutcomes).values({
      runId: run.id,
      stepIndex: input.stepIndex,
      outcome: input.outcome,
      note: input.note,
      actorId: input.actorId,
      at: input.now,
    });
    const nextStep = input.stepIndex + 1;
    const isFinished = nextStep >= run.stepCount;
    await tx
      .update(runbookRuns)
      .set({
        currentStep: nextStep,
        status: isFinished ? "completed" : "active",
        finishedAt: isFinished ? input.now : null,
        version: run.version + 1,
        updatedAt: input.now,
      })
      .where(eq(runbookRuns.id, run.id));
    if (run.incidentId) {
      const step = stepsOf(run.definition)[input.stepIndex];
      await recordIncidentEvent(tx, {
        incidentId: run.incidentId,
        actorId: input.actorId,
        kind: `runbook.step_${input.outcome}`,
        at: input.now,
        data: {
          runId: run.id,
          runbookTitle: run.title,
          stepIndex: input.stepIndex,
          stepCount: run.stepCount,
          stepTitle: input.stepTitleOf?.(run) ?? step?.title ?? "",
          note: input.note,
        },
      });
    }
    const updated = await runHeader(tx, run.id);
    if (!updated) throw new Error("runbook run vanished");
    return updated;
  });
}

async function assertCurrent(
  tx: Tx,
  run: RunHeader,
  input: { stepIndex: number; expectedVersion: number },
) {
  if (run.status !== "active") {
    throw new AppError("CONFLICT", {
      message: `run ${run.id} is ${run.status}`,
      userMessage: `This run is ${run.status}: no step can be marked any more.`,
    });
  }
  if (run.version !== input.expectedVersion || run.currentStep !== input.stepIndex) {
    const [last] = await tx
      .select({ actorName: users.name, at: runbookStepOutcomes.at })
      .from(runbookStepOutcomes)
      .leftJoin(users, eq(users.id, runbookStepOutcomes.actorId))
      .where(eq(runbookStepOutcomes.runId, run.id))
      .orderBy(desc(runbookStepOutcomes.at))
      .limit(1);
    const who = last ? `${last.actorName ?? "someone"} at ${last.at.toISOString()}` : "someone";
    throw new AppError("CONFLICT", {
      message: `run ${run.id}: expected version ${input.expectedVersion}, found ${run.version}`,
      userMessage: `Changed by ${who}: the run is now at step ${run.currentStep + 1}. Reload to see it.`,
    });
  }
}

/** Marks a run abandoned (nobody will finish it); stays readable with its outcomes. */
export async function abandonRun(
  db: Database,
  input: { runId: string; actorId: string; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [run] = await tx
      .update(runbookRuns)
      .set({
        status: "abandoned",
        finishedAt: input.now,
        updatedAt: input.now,
        version: sql`${runbookRuns.version} + 1`,
      })
      .where(and(eq(runbookRuns.id, input.runId), eq(runbookRuns.status, "active")))
      .returning({ incidentId: runbookRuns.incidentId, title: runbookRuns.title });
    if (run?.incidentId) {
      await recordIncidentEvent(tx, {
        incidentId: run.incidentId,
        actorId: input.actorId,
        kind: "runbook.abandoned",
        at: input.now,
        data: { runId: input.runId, runbookTitle: run.title },
      });
    }
  });
}

/** The finding a run starts from: host, object and evidence for binding variables. */
export async function findingForRun(db: Database, findingId: string) {
  const [row] = await db
    .select({
      id: findings.id,
      hostId: findings.hostId,
      hostName: hosts.name,
      ruleId: findings.ruleId,
      objectKind: findings.objectKind,
      objectName: findings.objectName,
      evidence: findings.evidence,
      title: findings.title,
    })
    .from(findings)
    .innerJoin(hosts, eq(hosts.id, findings.hostId))
    .where(eq(findings.id, findingId));
  return row ?? null;
}

/** A host's id by name, for variables bound by hand. */
export async function hostByName(db: Database, name: string) {
  const [row] = await db
    .select({ id: hosts.id, name: hosts.name })
    .from(hosts)
    .where(eq(hosts.name, name));
  return row ?? null;
}

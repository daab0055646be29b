import { AppError, hasRole, isRole, type Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { requestEvidenceCapture } from "@holmes/db/queries/evidence-requests";
import type { Tx } from "@holmes/db/queries/incidents";
import { requestCheckRun } from "@holmes/db/queries/runbook-checks";
import {
  hasPendingCapture,
  hostEvidenceState,
  markGateReady,
  confirmGate as storeConfirmation,
  requestGate as storeGateRequest,
} from "@holmes/db/queries/runbook-gates";
import {
  findingForRun,
  hostByName,
  insertRunbookRun,
  latestPerCheck,
  type RunDetail,
  type RunHeader,
  recordStepOutcome,
  runDetail,
} from "@holmes/db/queries/runbook-runs";
import {
  type BindingInput,
  type Bindings,
  bindingsFromFinding,
  bindVariables,
  type Catalogue,
  type FindingContext,
  type Runbook,
  type RunbookStep,
  renderStep,
  renderText,
  resolveCheck,
} from "@holmes/runbooks";
import { runbookFromCatalogue } from "./runbook-catalogue";
import { evaluateGate, type GateState } from "./runbook-gate";

export type Actor = { id: string; role: Role };

export type StartRunInput = {
  runbookId: string;
  findingId?: string;
  incidentId?: string;
  /** Values typed in the start form; they win over values bound from a finding. */
  variables?: BindingInput;
};

/**
 * Starts a run of a catalogue runbook: from a finding (host and object bound from it), an
 * incident or the catalogue. Every value is validated by its variable's kind before it is stored.
 */
export async function startRun(
  db: Database,
  catalogue: Catalogue,
  actor: Actor,
  input: StartRunInput,
  now: Date,
): Promise<string> {
  const runbook = runbookFromCatalogue(catalogue, input.runbookId);
  const finding = input.findingId ? await findingForRun(db, input.findingId) : null;
  if (input.findingId && !finding) {
    throw new AppError("NOT_FOUND", { message: `finding ${input.findingId} not found` });
  }
  const fromFinding = finding
    ? bindingsFromFinding(runbook, {
        hostName: finding.hostName,
        objectKind: finding.objectKind as FindingContext["objectKind"],
        objectName: finding.objectName,
        evidence: finding.evidence,
      }).bindings
    : {};
  const bound = bindVariables(runbook, { ...fromFinding, ...(input.variables ?? {}) });
  if (!bound.ok) {
    const lines = bound.errors.map((error) => `${error.variable}: ${error.message}`);
    throw new AppError("BAD_REQUEST", {
      message: `runbook ${runbook.id}: ${lines.join("; ")}`,
      userMessage: lines.join("\n"),
    });
  }
  const hostId = await runHostId(db, runbook, bound.bindings, finding?.hostId ?? null);
  return insertRunbookRun(db, {
    runbookId: runbook.id,
    runbookSource: runbook.source.kind,
    runbookVersion: runbook.source.kind === "custom" ? runbook.source.version : null,
    contentHash: runbook.contentHash,
    // Lists and the timeline name the run by this title: with the run's values, like its steps.
    title: renderText(runbook.title, bound.bindings),
    definition: runbook as unknown as Record<string, unknown>,
    stepCount: runbook.steps.length,
    bindings: { ...bound.bindings },
    hostId,
    incidentId: input.incidentId ?? null,
    findingId: finding?.id ?? null,
    startedBy: actor.id,
    now,
  });
}

/** The host the checks run on: the `host` variable's value, else the finding's host. */
async function runHostId(
  db: Database,
  runbook: Runbook,
  bindings: Bindings,
  findingHostId: string | null,
): Promise<string | null> {
  const hostVariable = runbook.variables.find((variable) => variable.kind === "host");
  const name = hostVariable ? bindings[hostVariable.name] : undefined;
  if (typeof name !== "string" || name === "") return findingHostId;
  const host = await hostByName(db, name);
  if (!host) {
    throw new AppError("BAD_REQUEST", {
      message: `unknown host ${name}`,
      userMessage: `${hostVariable?.name}: Holmes knows no host "${name}".`,
    });
  }
  return host.id;
}

export type StepView = {
  index: number;
  /** Title, instructions, check descriptions and gate reason with the run's values in. */
  title: string;
  bodyMarkdown: string;
  /**
   * The command with the run's values substituted and shell-quoted; null when the step has none
   * or a variable it uses is still empty (then `missingVariables` names them).
   */
  command: string | null;
  missingVariables: string[];
  checks: Array<{ id: string; description: string; probe: string }>;
  destructive: RunbookStep["destructive"];
  gate: GateState | null;
};

export type RunView = RunDetail & { steps: StepView[]; isCapturingEvidence: boolean };

/** A run with its steps rendered for this run and each destructive step's gate evaluated. */
export async function getRun(db: Database | Tx, runId: string, now: Date): Promise<RunView> {
  const detail = await runDetail(db, runId);
  if (!detail) throw new AppError("NOT_FOUND", { message: `runbook run ${runId} not found` });
  const runbook = detail.run.definition as unknown as Runbook;
  const evidence = detail.run.hostId ? await hostEvidenceState(db, detail.run.hostId) : null;
  const steps = runbook.steps.map((step) => ({
    ...stepText(step, detail.run.bindings),
    gate: step.destructive ? gateStateOf(detail, step, evidence, now) : null,
  }));
  const pending = detail.run.hostId ? await hasPendingCapture(db, detail.run.hostId) : false;
  return { ...detail, steps, isCapturingEvidence: pending };
}

/**
 * What the run page shows of a step: `renderStep` fills in the run's values and never throws, so
 * an optional variable left empty turns the command into "fill in …" instead of breaking the run.
 */
function stepText(step: RunbookStep, bindings: Bindings): Omit<StepView, "gate"> {
  const rendered = renderStep(step, bindings);
  return {
    index: rendered.index,
    title: rendered.title,
    bodyMarkdown: rendered.bodyMarkdown,
    command: rendered.command,
    missingVariables: rendered.missingVariables,
    checks: rendered.checks.map((check) => ({
      id: check.id,
      description: check.description,
      probe: check.probe,
    })),
    destructive: rendered.destructive,
  };
}

function gateStateOf(
  detail: RunDetail,
  step: RunbookStep,
  evidence: { lastCaptureAt: Date | null; kindsHeld: string[] } | null,
  now: Date,
): GateState | null {
  if (!step.destructive) return null;
  const gate = detail.gates.find((g) => g.stepIndex === step.index) ?? null;
  const latest = latestPerCheck(detail.checks.filter((c) => c.stepIndex === step.index));
  return evaluateGate({
    gate: step.destructive,
    checks: step.checks,
    latestChecks: latest,
    evidence: evidence ?? { lastCaptureAt: null, kindsHeld: [] },
    confirmation: gate && {
      requestedBy: gate.requestedBy,
      requestedByName: gate.requestedByName,
      confirmedBy: gate.confirmedBy,
      confirmedByName: gate.confirmedByName,
      confirmerRole: isRole(gate.confirmedByRole) ? gate.confirmedByRole : null,
    },
    now,
  });
}

function stepOf(run: RunHeader, stepIndex: number): RunbookStep {
  const runbook = run.definition as unknown as Runbook;
  const step = runbook.steps[stepIndex];
  if (!step) {
    throw new AppError("BAD_REQUEST", { message: `run ${run.id} has no step ${stepIndex + 1}` });
  }
  return step;
}

export type MarkStepInput = {
  runId: string;
  stepIndex: number;
  outcome: "done" | "skipped";
  note: string;
  expectedVersion: number;
};

/**
 * Done or skipped, with a note. A destructive step is marked done only through an open gate,
 * judged inside the run's lock so a confirmation withdrawn meanwhile cannot slip past.
 */
export async function markStep(
  db: Database,
  actor: Actor,
  input: MarkStepInput,
  now: Date,
): Promise<RunHeader> {
  return recordStepOutcome(
    db,
    {
      ...input,
      actorId: actor.id,
      now,
      stepTitleOf: (run) => renderText(stepOf(run, input.stepIndex).title, run.bindings),
    },
    async (tx: Tx, run: RunHeader) => {
      const step = stepOf(run, input.stepIndex);
      if (input.outcome !== "done" || !step.destructive) return;
      const view = await getRun(tx, run.id, now);
      const gate = view.steps[input.stepIndex]?.gate;
      if (!gate?.isReady) {
        const missing = gate
          ? [gate.evidence, gate.preChecks, gate.confirmation]
              .filter((condition) => !condition.isMet)
              .map((condition) => condition.detail)
          : ["the gate was never asked for"];
        throw new AppError("FORBIDDEN", {
          message: `run ${run.id} step ${input.stepIndex + 1}: gate closed`,
          userMessage: `This step is destructive and its gate is closed: ${missing.join("; ")}.`,
        });
      }
      await markGateReady(tx, {
        runId: run.id,
        stepIndex: input.stepIndex,
        actorId: actor.id,
        now,
        conditions: gateSummary(gate),
      });
    },
  );
}

/** Queues one of the current run's checks for the collector, with the run's values filled in. */
export async function requestCheck(
  db: Database,
  actor: Actor,
  input: { runId: string; stepIndex: number; checkId: string },
  now: Date,
): Promise<number> {
  const detail = await runDetail(db, input.runId);
  if (!detail) throw new AppError("NOT_FOUND", { message: `runbook run ${input.runId} not found` });
  const { run } = detail;
  if (run.status !== "active") {
    throw new AppError("CONFLICT", {
      message: `run ${run.id} is ${run.status}`,
      userMessage: `This run is ${run.status}.`,
    });
  }
  if (!run.hostId) {
    throw new AppError("BAD_REQUEST", {
      message: `run ${run.id} has no host`,
      userMessage: "This run names no host, so its checks have nowhere to run.",
    });
  }
  const check = stepOf(run, input.stepIndex).checks.find((c) => c.id === input.checkId);
  if (!check) throw new AppError("NOT_FOUND", { message: `no check ${input.checkId}` });
  const resolved = resolveCheck(check, run.bindings);
  if (!resolved.ok) {
    throw new AppError("BAD_REQUEST", {
      message: `check ${check.id}: ${resolved.errors.join("; ")}`,
      userMessage: resolved.errors.join("\n"),
    });
  }
  return requestCheckRun(db, {
    runId: run.id,
    stepIndex: input.stepIndex,
    checkId: check.id,
    hostId: run.hostId,
    requestedBy: actor.id,
    probe: resolved.check.probe,
    args: { ...resolved.check.args },
    expect: resolved.check.expect as unknown as Record<string, unknown>,
    now,
  });
}

/**
 * Asks to pass a destructive step's gate. Evidence older than the step allows (or missing a kind
 * it needs) is asked for at once: the host's next poll captures it ("capturing…" on the page).
 */
export async function requestGate(
  db: Database,
  actor: Actor,
  input: { runId: string; stepIndex: number },
  now: Date,
): Promise<GateState> {
  const view = await getRun(db, input.runId, now);
  const step = stepOf(view.run, input.stepIndex);
  if (!step.destructive) {
    throw new AppError("BAD_REQUEST", { message: `step ${input.stepIndex + 1} has no gate` });
  }
  await storeGateRequest(db, { ...input, actorId: actor.id, now });
  const gate = view.steps[input.stepIndex]?.gate;
  if (view.run.hostId && gate && !gate.evidence.isMet) {
    await requestEvidenceCapture(db, {
      hostIds: [view.run.hostId],
      reason: "on_demand",
      context: { runId: view.run.id, stepIndex: input.stepIndex, requestedBy: actor.id },
      now,
    });
  }
  return refreshGate(db, input, actor.id, now);
}

/** The second responder's confirmation: never the one who asked, never a viewer. */
export async function confirmGate(
  db: Database,
  actor: Actor,
  input: { runId: string; stepIndex: number },
  now: Date,
): Promise<GateState> {
  if (!hasRole(actor.role, "responder")) {
    throw new AppError("FORBIDDEN", {
      message: `user ${actor.id} (${actor.role}) may not confirm a gate`,
      userMessage: "Only a responder may confirm a destructive step.",
    });
  }
  const view = await getRun(db, input.runId, now);
  const gate = view.gates.find((g) => g.stepIndex === input.stepIndex);
  if (!gate) {
    throw new AppError("CONFLICT", {
      message: `gate of step ${input.stepIndex + 1} not requested`,
      userMessage: "Nobody has asked to pass this gate yet.",
    });
  }
  if (gate.requestedBy === actor.id) {
    throw new AppError("FORBIDDEN", {
      message: `user ${actor.id} asked for the gate and may not confirm it`,
      userMessage: "You asked for this gate: a second responder must confirm it.",
    });
  }
  const confirmed = await storeConfirmation(db, { ...input, actorId: actor.id, now });
  if (!confirmed && gate.confirmedBy !== actor.id) {
    throw new AppError("CONFLICT", {
      message: "gate already confirmed",
      userMessage: `Already confirmed by ${gate.confirmedByName ?? "another responder"}.`,
    });
  }
  return refreshGate(db, input, actor.id, now);
}

/** Evaluates the gate now and, the first time it holds, records the moment on the timeline. */
async function refreshGate(
  db: Database,
  input: { runId: string; stepIndex: number },
  actorId: string,
  now: Date,
): Promise<GateState> {
  const view = await getRun(db, input.runId, now);
  const gate = view.steps[input.stepIndex]?.gate;
  if (!gate) throw new AppError("BAD_REQUEST", { message: "step has no gate" });
  if (gate.isReady) {
    await markGateReady(db, { ...input, actorId, now, conditions: gateSummary(gate) });
  }
  return gate;
}

function gateSummary(gate: GateState) {
  return {
    evidence: gate.evidence.detail,
    preChecks: gate.preChecks.detail,
    confirmation: gate.confirmation.detail,
  };
}

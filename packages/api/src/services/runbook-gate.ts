import { hasRole, type Role } from "@holmes/core";
import type { DestructiveGate, RunbookCheck } from "@holmes/runbooks";

/**
 * Whether a destructive step may be marked ready: pure, so the table test can walk every
 * combination. Three conditions, each with a sentence the gate panel shows:
 * (a) the host's evidence was captured within the step's max age and holds every kind it needs,
 * (b) every pre-check of the step has a latest run that passed within the same max age,
 * (c) a responder other than the one who asked has confirmed.
 */

export type GateEvidence = { lastCaptureAt: Date | null; kindsHeld: readonly string[] };

export type GateCheckRun = {
  checkId: string;
  status: string;
  finishedAt: Date | null;
};

export type GateConfirmation = {
  requestedBy: string | null;
  requestedByName?: string | null;
  confirmedBy: string | null;
  confirmedByName?: string | null;
  /** The confirmer's role when they confirmed (a viewer never counts). */
  confirmerRole: Role | null;
};

export type GateInput = {
  gate: DestructiveGate;
  checks: readonly Pick<RunbookCheck, "id" | "description">[];
  /** The latest run of each of the step's checks, by check id. */
  latestChecks: readonly GateCheckRun[];
  evidence: GateEvidence;
  confirmation: GateConfirmation | null;
  now: Date;
};

export type GateCondition = { isMet: boolean; detail: string };

export type GateState = {
  isReady: boolean;
  evidence: GateCondition & { isStale: boolean; missingKinds: string[] };
  preChecks: GateCondition & { pendingCheckIds: string[] };
  confirmation: GateCondition;
};

export function evaluateGate(input: GateInput): GateState {
  const maxAgeMs = input.gate.maxEvidenceAgeMinutes * 60_000;
  const evidence = evidenceCondition(input.evidence, input.gate, maxAgeMs, input.now);
  const preChecks = preCheckCondition(input.checks, input.latestChecks, maxAgeMs, input.now);
  const confirmation = confirmationCondition(input.confirmation);
  return {
    isReady: evidence.isMet && preChecks.isMet && confirmation.isMet,
    evidence,
    preChecks,
    confirmation,
  };
}

function evidenceCondition(
  evidence: GateEvidence,
  gate: DestructiveGate,
  maxAgeMs: number,
  now: Date,
): GateState["evidence"] {
  const missingKinds = gate.evidence.filter((kind) => !evidence.kindsHeld.includes(kind));
  const ageMs = evidence.lastCaptureAt ? now.getTime() - evidence.lastCaptureAt.getTime() : null;
  const isStale = ageMs === null || ageMs > maxAgeMs;
  const limit = `${gate.maxEvidenceAgeMinutes} min`;
  if (ageMs === null) {
    return {
      isMet: false,
      isStale,
      missingKinds,
      detail: "no evidence captured from this host yet",
    };
  }
  if (missingKinds.length > 0) {
    return {
      isMet: false,
      isStale,
      missingKinds,
      detail: `the evidence lacks ${missingKinds.join(", ")}`,
    };
  }
  const age = `${Math.round(ageMs / 60_000)} min ago`;
  return isStale
    ? { isMet: false, isStale, missingKinds, detail: `last captured ${age}, older than ${limit}` }
    : { isMet: true, isStale, missingKinds, detail: `captured ${age} (within ${limit})` };
}

function preCheckCondition(
  checks: GateInput["checks"],
  latest: readonly GateCheckRun[],
  maxAgeMs: number,
  now: Date,
): GateState["preChecks"] {
  const pending = checks.filter((check) => {
    const run = latest.find((r) => r.checkId === check.id);
    const isFresh = run?.finishedAt && now.getTime() - run.finishedAt.getTime() <= maxAgeMs;
    return !(run?.status === "passed" && isFresh);
  });
  const pendingCheckIds = pending.map((check) => check.id);
  if (checks.length === 0) {
    return { isMet: true, pendingCheckIds, detail: "this step has no pre-checks" };
  }
  return pending.length === 0
    ? { isMet: true, pendingCheckIds, detail: `all ${checks.length} pre-checks passed` }
    : {
        isMet: false,
        pendingCheckIds,
        detail: `not passed recently: ${pending.map((check) => check.id).join(", ")}`,
      };
}

function confirmationCondition(confirmation: GateConfirmation | null): GateCondition {
  if (!confirmation) return { isMet: false, detail: "nobody has asked to pass this gate yet" };
  const asker = confirmation.requestedByName ?? "the requester";
  if (!confirmation.confirmedBy) {
    return { isMet: false, detail: `${asker} asked; a second responder must confirm` };
  }
  if (confirmation.confirmedBy === confirmation.requestedBy) {
    return { isMet: false, detail: "confirmed by the same person who asked; a second one must" };
  }
  if (!confirmation.confirmerRole || !hasRole(confirmation.confirmerRole, "responder")) {
    return { isMet: false, detail: "confirmed by someone who is not a responder" };
  }
  const confirmer = confirmation.confirmedByName ?? "a second responder";
  return { isMet: true, detail: `${asker} asked, ${confirmer} confirmed` };
}

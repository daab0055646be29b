import type { CheckOutcome, Expectation, ResolvedExpectation } from "../types";
import {
  evaluateArrayAbsent,
  evaluateArrayState,
  evaluateDetailState,
  evaluateDevicesUnused,
  evaluateMemberState,
  evaluateSuperblock,
  evaluateSyncIdle,
  evaluateSyncProgressing,
  evaluateSyncProgressingOrComplete,
} from "./evaluate-md";
import {
  evaluateKernelAtLeast,
  evaluateLoopAttached,
  evaluateLoopDetached,
  evaluateLvActive,
  evaluateMounted,
  evaluateNoKernelEvents,
  evaluateNoNfsOption,
  evaluateNotMounted,
  evaluateRetransmissionsSteady,
  evaluateSmartHealthy,
  evaluateVgPresent,
} from "./evaluate-system";
import { fail } from "./outcome";

/**
 * Whether a check passed, judged from its probe's parsed output (see `CheckProbe` in types.ts
 * for what each probe hands in). `previous` is an earlier output of the same check, for the
 * expectations that compare two observations. Pure and total: output of the wrong shape fails
 * with a reason, it never throws and never passes by default.
 */
export function evaluateExpectation(
  expect: Expectation,
  parsedOutput: unknown,
  previous?: unknown,
): CheckOutcome {
  const unfilled = unfilledFields(expect);
  if (unfilled.length > 0) {
    return fail(
      "cannot evaluate: the expectation still has placeholders; resolve the check first",
      [
        ...unfilled.map(([key, value]) => `${key}: ${String(value)}`),
        "resolveCheck fills {{variables}} from the run's bindings and checks counts are numbers",
      ],
    );
  }
  try {
    // No placeholder left, so every count is a number (counts are numbers or lone placeholders).
    return evaluate(expect as ResolvedExpectation, parsedOutput, previous);
  } catch (error) {
    // Defence in depth: the evaluators validate their input, so this is a bug, shown as a failure.
    return fail("cannot evaluate: internal error", [
      error instanceof Error ? error.message : String(error),
    ]);
  }
}

/** Fields still holding a `{{variable}}`: an expectation from the runbook, not from resolveCheck. */
function unfilledFields(expect: Expectation): [string, unknown][] {
  const hasPlaceholder = (value: unknown): boolean =>
    typeof value === "string"
      ? value.includes("{{")
      : Array.isArray(value) && value.some(hasPlaceholder);
  return Object.entries(expect).filter(([key, value]) => key !== "that" && hasPlaceholder(value));
}

function evaluate(expect: ResolvedExpectation, output: unknown, previous: unknown): CheckOutcome {
  switch (expect.that) {
    case "array-state":
      return evaluateArrayState(expect, output);
    case "array-absent":
      return evaluateArrayAbsent(expect, output);
    case "sync-progressing":
      return evaluateSyncProgressing(expect, output, previous);
    case "sync-progressing-or-complete":
      return evaluateSyncProgressingOrComplete(expect, output, previous);
    case "sync-idle":
      return evaluateSyncIdle(expect, output);
    case "devices-unused":
      return evaluateDevicesUnused(expect, output);
    case "detail-state":
      return evaluateDetailState(expect, output);
    case "member-state":
      return evaluateMemberState(expect, output);
    case "superblock":
      return evaluateSuperblock(expect, output);
    case "mounted":
      return evaluateMounted(expect, output);
    case "not-mounted":
      return evaluateNotMounted(expect, output);
    case "no-nfs-mount-with-option":
      return evaluateNoNfsOption(expect, output);
    case "nfs-retransmissions-steady":
      return evaluateRetransmissionsSteady(expect, output, previous);
    case "loop-attached":
      return evaluateLoopAttached(expect, output);
    case "loop-detached":
      return evaluateLoopDetached(expect, output);
    case "vg-present":
      return evaluateVgPresent(expect, output);
    case "lv-active":
      return evaluateLvActive(expect, output);
    case "smart-healthy":
      return evaluateSmartHealthy(expect, output);
    case "no-kernel-events":
      return evaluateNoKernelEvents(expect, output);
    case "kernel-at-least":
      return evaluateKernelAtLeast(expect, output);
  }
}

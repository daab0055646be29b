/**
 * A runbook run's timeline entry (`runbook.*` incident events) as the rest of a sentence whose
 * subject is the actor: "marked step 2 of 5 done in “Replace a failed member”: note".
 */
export function describeRunbookEvent(kind: string, data: Record<string, unknown>): string {
  const title = typeof data.runbookTitle === "string" ? `“${data.runbookTitle}”` : "a runbook";
  const step = typeof data.stepIndex === "number" ? `step ${data.stepIndex + 1}` : "a step";
  const ofSteps = typeof data.stepCount === "number" ? `${step} of ${data.stepCount}` : step;
  const stepTitle =
    typeof data.stepTitle === "string" && data.stepTitle ? ` (${data.stepTitle})` : "";
  const note = typeof data.note === "string" && data.note.trim() ? `: ${data.note.trim()}` : "";
  const summary = typeof data.summary === "string" ? `: ${data.summary}` : "";
  const check = typeof data.checkId === "string" ? `check ${data.checkId}` : "a check";
  switch (kind) {
    case "runbook.started":
      return `started the runbook ${title}`;
    case "runbook.step_done":
      return `marked ${ofSteps}${stepTitle} of ${title} done${note}`;
    case "runbook.step_skipped":
      return `skipped ${ofSteps}${stepTitle} of ${title}${note}`;
    case "runbook.check_passed":
      return `ran ${check} of ${step} in ${title} — passed${summary}`;
    case "runbook.check_failed":
      return `ran ${check} of ${step} in ${title} — FAILED${summary}`;
    case "runbook.check_error":
      return `ran ${check} of ${step} in ${title} — could not run${summary}`;
    case "runbook.gate_requested":
      return `asked to pass the destructive gate of ${step} in ${title}`;
    case "runbook.gate_confirmed":
      return `confirmed, as second responder, the destructive gate of ${step} in ${title}`;
    case "runbook.gate_ready":
      return `opened the destructive gate of ${step} in ${title}: fresh evidence, pre-checks passed, second responder confirmed`;
    case "runbook.abandoned":
      return `abandoned the runbook ${title}`;
    default:
      return `${kind.replace("runbook.", "runbook ").replaceAll("_", " ")} in ${title}`;
  }
}

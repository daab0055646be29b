import type {
  FindingDraft,
  FindingEvidence,
  FindingObjectKind,
  FindingSeverity,
  HostState,
} from "@holmes/core";
import type { FindingSettings } from "./settings";

/**
 * A rule reads one host's state and returns a draft for each object it is worried about. Rules are
 * pure: the same state gives the same drafts, so each one is tested with a state that triggers it
 * and one that does not.
 */
export type Rule = {
  id: string;
  /** One line for the catalogue and the rule filter. */
  summary: string;
  /** The runbook a finding of this rule suggests (runbooks/<id>.md), or null. */
  runbookId: string | null;
  evaluate: (state: HostState, settings: FindingSettings) => FindingDraft[];
};

export type DraftFields = {
  severity: FindingSeverity;
  objectKind: FindingObjectKind;
  objectName: string;
  title: string;
  explanation: string;
  values?: FindingEvidence["values"];
  lines?: string[];
};

/** Fills in the rule's id and runbook so each rule only states what is particular to it. */
export function draftFor(rule: Pick<Rule, "id" | "runbookId">, fields: DraftFields): FindingDraft {
  return {
    ruleId: rule.id,
    runbookId: rule.runbookId,
    severity: fields.severity,
    objectKind: fields.objectKind,
    objectName: fields.objectName,
    title: fields.title,
    explanation: fields.explanation,
    evidence: { values: fields.values ?? {}, lines: fields.lines ?? [] },
  };
}

/** "35 min", "2 h 5 min", "3 d 4 h": rebuild ETAs and ages as people say them. */
export function formatMinutes(minutes: number): string {
  const rounded = Math.max(0, Math.round(minutes));
  if (rounded < 60) return `${rounded} min`;
  const hours = Math.floor(rounded / 60);
  if (hours < 48) return rounded % 60 === 0 ? `${hours} h` : `${hours} h ${rounded % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

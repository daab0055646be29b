import { type FindingDraft, type HostState, severityRank } from "@holmes/core";
import { RULES } from "./catalogue";
import type { Rule } from "./rule";
import { DEFAULT_FINDING_SETTINGS, type FindingSettings } from "./settings";

/** The identity of a finding across polls: the same rule about the same object of the same host. */
export const findingKey = (draft: Pick<FindingDraft, "ruleId" | "objectKind" | "objectName">) =>
  `${draft.ruleId}|${draft.objectKind}|${draft.objectName}`;

/**
 * Runs every rule over one host's state. A rule that throws (a bug, or state it did not expect)
 * must not hide what the other rules found: it becomes a finding of its own.
 */
export function evaluateHost(
  state: HostState,
  settings: FindingSettings = DEFAULT_FINDING_SETTINGS,
  rules: readonly Rule[] = RULES,
): FindingDraft[] {
  const byKey = new Map<string, FindingDraft>();
  for (const rule of rules) {
    for (const draft of runRule(rule, state, settings)) {
      const key = findingKey(draft);
      const existing = byKey.get(key);
      if (!existing || severityRank(draft.severity) < severityRank(existing.severity)) {
        byKey.set(key, draft);
      }
    }
  }
  return [...byKey.values()];
}

function runRule(rule: Rule, state: HostState, settings: FindingSettings): FindingDraft[] {
  try {
    return rule.evaluate(state, settings);
  } catch (error) {
    return [
      {
        ruleId: "holmes.rule_failed",
        runbookId: null,
        severity: "warning",
        objectKind: "host",
        objectName: `${state.host.name}/${rule.id}`,
        title: `Rule ${rule.id} failed on this host`,
        explanation:
          "Holmes could not evaluate this rule, so what it checks is unknown here (not healthy). This is a Holmes bug: report it with the host's latest poll.",
        evidence: {
          values: { rule: rule.id, error: error instanceof Error ? error.message : String(error) },
          lines: [],
        },
      },
    ];
  }
}

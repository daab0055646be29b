export { RULE_CATALOGUE, RULES, type RuleSummary } from "./catalogue";
export { evaluateHost, findingKey } from "./evaluate";
export type { Rule } from "./rule";
export { failuresLeft, mirrorSets } from "./rules/redundancy";
export { DEFAULT_FINDING_SETTINGS, type FindingSettings } from "./settings";
export { bucketOf, isDiskAtRisk, PREDICTOR_ATTRIBUTES } from "./smart-buckets";

export { bindingsFromFinding, bindVariables } from "./bind";
export { mergeCatalogue, runbookById, runbooksForRule } from "./catalogue";
export { evaluateExpectation } from "./checks/evaluate";
export {
  checkOutputWithoutParser,
  isNoMdSuperblock,
  mdadmExamineWithoutSuperblock,
  type NoMdSuperblock,
} from "./checks/examine-output";
export { EXPECTATIONS, MAX_EXPECTED_COUNT } from "./checks/expectation-spec";
export { CHECK_PROBES, LVM_REPORTS } from "./checks/probes";
export { resolveCheck } from "./checks/resolve-check";
export { destructiveCommands } from "./parse/destructive";
export { MAX_RUNBOOK_BYTES, parseRunbook } from "./parse/parse-runbook";
export {
  emptyVariables,
  missingMarker,
  type RenderedCheck,
  type RenderedStep,
  renderStep,
  renderText,
} from "./render-text";
export { sha256Hex } from "./sha256";
export { missingVariables, renderCommand, shellQuote, templateVariables } from "./template";
export * from "./types";
export { checkVariableValue, VARIABLE_KINDS } from "./variables";

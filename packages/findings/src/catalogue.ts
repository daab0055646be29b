import type { Rule } from "./rule";
import {
  degradedArray,
  failedMember,
  inactiveArray,
  splitArray,
  syncRunning,
} from "./rules/arrays";
import { raid6GrowUnsupported } from "./rules/capability";
import { checkMismatches } from "./rules/check-mismatches";
import {
  hostKeyChanged,
  hostUnreachable,
  parseError,
  staleData,
  toolMissing,
} from "./rules/collection";
import { ataPredictors, errorLog, selfTestOverdue, smartFailed, temperature } from "./rules/disks";
import {
  evidenceArrayGone,
  evidenceEventsDiverged,
  evidenceLvmSeqnoBackwards,
  evidenceSlotMapChanged,
} from "./rules/evidence";
import { blockIoErrors, swiotlbFull, xfsShutdown } from "./rules/kernel";
import { loopOnNfs } from "./rules/loop-on-nfs";
import {
  intrOption,
  retransmissionsRising,
  serverNotResponding,
  softReadWrite,
  staleFileHandle,
  staleMount,
} from "./rules/nfs";
import { diskReplaced, nvmeCriticalWarning, nvmeMediaErrors, nvmeWear } from "./rules/nvme";
import { mirrorPairAtRisk, redundancyExhausted } from "./rules/redundancy";

/** Every rule Holmes runs, in the order the catalogue lists them. To add one, add it here. */
export const RULES: readonly Rule[] = [
  degradedArray,
  failedMember,
  inactiveArray,
  splitArray,
  syncRunning,
  checkMismatches,
  redundancyExhausted,
  mirrorPairAtRisk,
  smartFailed,
  ataPredictors,
  nvmeCriticalWarning,
  nvmeMediaErrors,
  nvmeWear,
  temperature,
  selfTestOverdue,
  errorLog,
  diskReplaced,
  evidenceSlotMapChanged,
  evidenceEventsDiverged,
  evidenceLvmSeqnoBackwards,
  evidenceArrayGone,
  softReadWrite,
  intrOption,
  staleMount,
  retransmissionsRising,
  serverNotResponding,
  staleFileHandle,
  loopOnNfs,
  xfsShutdown,
  blockIoErrors,
  swiotlbFull,
  raid6GrowUnsupported,
  hostUnreachable,
  hostKeyChanged,
  toolMissing,
  parseError,
  staleData,
];

export type RuleSummary = Pick<Rule, "id" | "summary" | "runbookId">;

export const RULE_CATALOGUE: readonly RuleSummary[] = RULES.map(({ id, summary, runbookId }) => ({
  id,
  summary,
  runbookId,
}));

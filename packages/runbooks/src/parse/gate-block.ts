import { EVIDENCE_KINDS } from "@holmes/core";
import type { DestructiveGate, EvidenceNeed, RunbookProblem } from "../types";
import {
  asMap,
  entryOf,
  type FieldReader,
  readCount,
  readString,
  readStringList,
  rejectUnknownKeys,
} from "./fields";
import type { FencedBlock } from "./markdown";
import { checkTemplate, type DeclaredVariables } from "./templates";
import { parseYamlTree } from "./yaml-tree";

const GATE_KEYS = ["evidence", "max_age_minutes", "reason"] as const;
/** A week: evidence older than that says nothing about the disks as they are now. */
const MAX_AGE_LIMIT = 7 * 24 * 60;

const isEvidenceKind = (word: string): word is EvidenceNeed =>
  (EVIDENCE_KINDS as readonly string[]).includes(word);

/** A ```gate block: the step is destructive, and this is what must hold before it may run. */
export function parseGateBlock(
  block: FencedBlock,
  variables: DeclaredVariables,
  problems: RunbookProblem[],
): DestructiveGate | null {
  const yaml = parseYamlTree(block.content, block.line + 1);
  problems.push(...yaml.problems);
  if (yaml.problems.length > 0) return null;
  const map = asMap(yaml.value, "a gate block", block.line, problems);
  if (!map) return null;
  const before = problems.length;
  const reader: FieldReader = { map, problems, what: "the gate block" };
  rejectUnknownKeys(reader, GATE_KEYS);
  const evidence = readStringList(reader, "evidence", true);
  const evidenceLine = entryOf(reader, "evidence")?.line ?? map.line;
  if (evidence?.length === 0) {
    problems.push({ line: evidenceLine, message: "a gate needs at least one kind of evidence" });
  }
  for (const kind of evidence ?? []) {
    if (!isEvidenceKind(kind)) {
      problems.push({
        line: evidenceLine,
        message: `unknown evidence "${kind}"; one of: ${EVIDENCE_KINDS.join(", ")}`,
      });
    }
  }
  const maxAge = readCount(reader, "max_age_minutes", MAX_AGE_LIMIT);
  if (maxAge === 0) {
    problems.push({
      line: entryOf(reader, "max_age_minutes")?.line ?? map.line,
      message: '"max_age_minutes" must be at least 1',
    });
  } else if (maxAge === null && !entryOf(reader, "max_age_minutes")) {
    problems.push({ line: map.line, message: 'the gate block needs "max_age_minutes"' });
  }
  const reason = readString(reader, "reason", true);
  if (reason !== null)
    checkTemplate(reason, entryOf(reader, "reason")?.line ?? map.line, variables, problems);
  if (problems.length > before || !evidence || !maxAge || !reason) return null;
  return { evidence: evidence.filter(isEvidenceKind), maxEvidenceAgeMinutes: maxAge, reason };
}

/*
 * `mdadm --detail /dev/mdX` (plain text, or `--export` KEY=VALUE, detected) → MdadmDetail.
 *
 *   /dev/md126:
 *              Version : 1.2
 *                State : clean, degraded, recovering
 *       Rebuild Status : 24% complete
 *       Number   Major   Minor   RaidDevice State
 *          3     254        4        1      spare rebuilding   /dev/vda4
 *
 * Source: mdadm(8) and mdadm Detail.c plus the detail_super() of super0/super1/super-ddf/
 * super-intel. Seen: mdadm 4.2 output (jc fixtures: 0.90, 1.x, DDF containers and members).
 * Values are kept as printed where mdadm prints local time (Creation/Update Time) because the
 * host's zone is unknown here. Unknown `Key : value` lines go to otherFields rather than failing.
 */
import { type MdadmDetail, type ParseResult, parsed, parseFailure } from "@holmes/core";
import { looksLikeExport, parseDetailExport } from "./md-detail-export";
import { applyDetailField, emptyDetail, parseDetailRow } from "./md-detail-fields";
import { type LineIssue, lineText, splitKeyValue, splitLines, toRecord } from "./md-fields";
import { lineEnd } from "./text-lines";

export { parseMdadmDetailScan } from "./md-detail-scan";

const TABLE_HEADER = /^\s*Number\s+Major\s+Minor\s+RaidDevice(?:\s+State)?\s*$/;
// `--examine` only; seeing it here means the wrong command's output was stored.
const EXAMINE_ONLY = new Set(["Magic", "Feature Map", "Array UUID", "Device Role", "Array State"]);

type State = {
  detail: MdadmDetail;
  others: Array<[string, string]>;
  inTable: boolean;
  lastKey: string | null;
  sawField: boolean;
};

export function parseMdadmDetail(text: string): ParseResult<MdadmDetail> {
  if (looksLikeExport(text)) return parseDetailExport(splitLines(text));
  const state: State = {
    detail: emptyDetail("text"),
    others: [],
    inTable: false,
    lastKey: null,
    sawField: false,
  };
  let lineNumber = 0;
  // Line by line straight off the text: the lines of splitLines() without its array.
  for (let start = 0; start <= text.length; ) {
    const end = lineEnd(text, start);
    const line = lineText(text, start, end);
    start = end + 1;
    lineNumber++;
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const issue = parseLine(state, line, trimmed);
    if (issue) return parseFailure(issue.expected, issue.got, { line: lineNumber });
  }
  if (!state.sawField) {
    return parseFailure('mdadm --detail "Key : value" fields', "", { line: lineNumber });
  }
  state.detail.otherFields = toRecord(state.others);
  return parsed(state.detail);
}

function parseLine(state: State, line: string, trimmed: string): LineIssue | null {
  const { detail } = state;
  // The `/dev/md0:` heading can only come before the first field.
  const isHeadingPlace = !state.sawField && detail.device === null && trimmed.endsWith(":");
  const heading = isHeadingPlace ? /^(\S+):$/.exec(trimmed) : null;
  if (heading) {
    detail.device = heading[1] ?? null;
    return null;
  }
  if (state.inTable) return parseTableRow(state, line, trimmed);
  // trimmed starts where TABLE_HEADER's `^\s*` ends, so only "Number…" lines need the regex.
  if (trimmed.startsWith("Number") && TABLE_HEADER.test(line)) {
    state.inTable = true;
    state.sawField = true;
    return null;
  }
  if (state.lastKey !== null && isDdfGuidText(line, trimmed)) return null;
  const field = splitKeyValue(line);
  if (!field) return { expected: '"Key : value" line or device table', got: trimmed };
  if (EXAMINE_ONLY.has(field.key)) {
    return { expected: "mdadm --detail field (this looks like --examine output)", got: trimmed };
  }
  state.sawField = true;
  state.lastKey = field.key;
  const expected = applyDetailField(detail, state.others, field.key, field.value);
  return expected === null ? null : { expected, got: field.value };
}

/**
 * DDF prints the GUID's readable part on an indented `(…)` line below `Container GUID`. Only
 * lines that start and end with the parentheses (cheap to see on `trimmed`) take the regex.
 */
function isDdfGuidText(line: string, trimmed: string): boolean {
  const isParenthesized = trimmed.charCodeAt(0) === 40 && trimmed.endsWith(")");
  return isParenthesized && /^\s+\(.*\)$/.test(line.trimEnd());
}

function parseTableRow(state: State, line: string, trimmed: string): LineIssue | null {
  const row = parseDetailRow(line);
  if (!row) {
    return { expected: '"Number Major Minor RaidDevice [State] [device]" row', got: trimmed };
  }
  state.detail.devices.push(row);
  return null;
}

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
import { type LineIssue, splitKeyValue, splitLines, toRecord } from "./md-fields";

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
  const lines = splitLines(text);
  if (looksLikeExport(lines)) return parseDetailExport(lines);
  const state: State = {
    detail: emptyDetail("text"),
    others: [],
    inTable: false,
    lastKey: null,
    sawField: false,
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.trim() === "") continue;
    const issue = parseLine(state, line);
    if (issue) return parseFailure(issue.expected, issue.got, { line: index + 1 });
  }
  if (!state.sawField) {
    const lineNumber = Math.max(1, lines.length);
    return parseFailure('mdadm --detail "Key : value" fields', "", { line: lineNumber });
  }
  state.detail.otherFields = toRecord(state.others);
  return parsed(state.detail);
}

function parseLine(state: State, line: string): LineIssue | null {
  const { detail } = state;
  // The `/dev/md0:` heading can only come before the first field.
  const heading = state.sawField || detail.device !== null ? null : /^(\S+):$/.exec(line.trim());
  if (heading) {
    detail.device = heading[1] ?? null;
    return null;
  }
  if (state.inTable) return parseTableRow(state, line);
  if (TABLE_HEADER.test(line)) {
    state.inTable = true;
    state.sawField = true;
    return null;
  }
  // DDF prints the GUID's readable part on an indented `(…)` line below `Container GUID`.
  if (state.lastKey !== null && /^\s+\(.*\)$/.test(line.trimEnd())) return null;
  const field = splitKeyValue(line);
  if (!field) return { expected: '"Key : value" line or device table', got: line.trim() };
  if (EXAMINE_ONLY.has(field.key)) {
    return {
      expected: "mdadm --detail field (this looks like --examine output)",
      got: line.trim(),
    };
  }
  state.sawField = true;
  state.lastKey = field.key;
  const expected = applyDetailField(detail, state.others, field.key, field.value);
  return expected === null ? null : { expected, got: field.value };
}

function parseTableRow(state: State, line: string): LineIssue | null {
  const row = parseDetailRow(line);
  if (!row) {
    return { expected: '"Number Major Minor RaidDevice [State] [device]" row', got: line.trim() };
  }
  state.detail.devices.push(row);
  return null;
}

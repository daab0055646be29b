/*
 * /proc/mdstat → MdstatReport.
 *
 *   Personalities : [raid1] [raid6] [raid5] [raid4]
 *   md0 : active raid1 sdb1[1] sda1[0]
 *         8387520 blocks super 1.0 [2/2] [UU]
 *         [====>................]  resync = 23.4% (1963200/8387520) finish=4.6min speed=23178K/sec
 *         bitmap: 1/1 pages [4KB], 65536KB chunk
 *   unused devices: <none>
 *
 * Source: drivers/md/md.c (md_seq_show, status_resync), the personalities' *_status() functions,
 * md-bitmap.c, and Documentation/admin-guide/md.rst. Seen: kernels 2.6 to 6.x via the shared
 * captures (prometheus/procfs, openSUSE/libstorage-ng, pymdstat), including partial pastes with
 * no Personalities header, no `unused devices` line, or unindented status lines.
 */
import {
  type MdstatArray,
  type MdstatReport,
  type ParseResult,
  parsed,
  parseFailure,
} from "@holmes/core";
import { type LineIssue, splitLines } from "./md-fields";
import {
  applyBlocksLine,
  isSyncLine,
  parseBitmapLine,
  parseMember,
  parseSyncLine,
} from "./md-mdstat-lines";

const HEADER = /^([^\s:]+)\s+:\s+(active|inactive|broken)(?=\s|$)(.*)$/;
const HEADER_EXPECTED = '"mdN : active|inactive <level> <dev>[n]…" array header';

type State = { report: MdstatReport; current: MdstatArray | null; seen: Set<string> };

export function parseMdstat(text: string): ParseResult<MdstatReport> {
  const lines = splitLines(text);
  const report: MdstatReport = { personalities: [], arrays: [], unusedDevices: [] };
  const state: State = { report, current: null, seen: new Set() };
  let sawContent = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.trim() === "") continue;
    sawContent = true;
    const issue = parseLine(state, line);
    if (issue) return parseFailure(issue.expected, issue.got, { line: index + 1 });
  }
  if (!sawContent) {
    return parseFailure('"Personalities :" header or an md array', "", { line: 1 });
  }
  for (const array of report.arrays) finishArray(array);
  return parsed(report);
}

function parseLine(state: State, line: string): LineIssue | null {
  const trimmed = line.trim();
  if (trimmed.startsWith("Personalities :") || trimmed === "Personalities") {
    return parsePersonalities(state.report, trimmed);
  }
  if (trimmed.startsWith("unused devices:")) {
    // Nothing of an array follows this line; a later status line is misplaced.
    state.current = null;
    return parseUnused(state.report, trimmed);
  }
  const header = HEADER.exec(trimmed);
  if (header) {
    const array = parseHeader(header[1] ?? "", header[2] ?? "", header[3] ?? "");
    if (typeof array === "string") return { expected: HEADER_EXPECTED, got: array };
    state.report.arrays.push(array);
    state.current = array;
    state.seen = new Set();
    return null;
  }
  if (!state.current) return { expected: HEADER_EXPECTED, got: trimmed };
  return parseArrayLine(state.current, state.seen, line);
}

function parsePersonalities(report: MdstatReport, trimmed: string): LineIssue | null {
  const names: string[] = [];
  for (const token of tokensAfterColon(trimmed)) {
    const match = /^\[([^\s[\]]+)\]$/.exec(token);
    if (!match) return { expected: 'personality "[name]"', got: token };
    names.push(match[1] ?? "");
  }
  report.personalities = names;
  return null;
}

function parseUnused(report: MdstatReport, trimmed: string): LineIssue | null {
  const tokens = tokensAfterColon(trimmed);
  report.unusedDevices = tokens.filter((token) => token !== "<none>");
  return null;
}

/** Whitespace includes the no-break space some terminals paste after `[raid0]`. */
function tokensAfterColon(trimmed: string): string[] {
  const rest = trimmed.slice(trimmed.indexOf(":") + 1).trim();
  return rest === "" ? [] : rest.split(/\s+/);
}

/** `md125 : active (auto-read-only) raid1 sda[1] sdb[0]`; returns the bad token on failure. */
function parseHeader(name: string, state: string, rest: string): MdstatArray | string {
  const array = emptyArray(name, state as MdstatArray["state"]);
  const tokens = rest.trim() === "" ? [] : rest.trim().split(/\s+/);
  let i = 0;
  for (; tokens[i] === "(read-only)" || tokens[i] === "(auto-read-only)"; i++) {
    if (tokens[i] === "(read-only)") array.readOnly = true;
    else array.autoReadOnly = true;
  }
  // Active arrays always name their personality; inactive ones only sometimes.
  const level = tokens[i];
  if (level !== undefined && /^[A-Za-z][\w-]*$/.test(level)) {
    array.level = level;
    i++;
  }
  for (; i < tokens.length; i++) {
    const member = parseMember(tokens[i] ?? "");
    if (!member) return tokens[i] ?? "";
    array.members.push(member);
  }
  return array;
}

function parseArrayLine(array: MdstatArray, seen: Set<string>, line: string): LineIssue | null {
  const kind = /^\s*\d+ blocks(?:\s|$)/.test(line)
    ? "blocks"
    : /^\s*bitmap:/.test(line)
      ? "bitmap"
      : isSyncLine(line)
        ? "sync"
        : null;
  if (kind === null) {
    return { expected: "array status, resync/recovery progress or bitmap line", got: line.trim() };
  }
  if (seen.has(kind)) return { expected: `one ${kind} line per array`, got: line.trim() };
  seen.add(kind);
  if (kind === "blocks") return applyBlocksLine(array, line);
  if (kind === "bitmap") {
    array.bitmap = parseBitmapLine(line);
    const expected = '"bitmap: u/t pages [nKB], nKB chunk" line';
    return array.bitmap ? null : { expected, got: line.trim() };
  }
  array.sync = parseSyncLine(line);
  const expected = '"<action> = p% (done/total) finish=<m>min speed=<n>K/sec" progress line';
  return array.sync ? null : { expected, got: line.trim() };
}

function emptyArray(name: string, state: MdstatArray["state"]): MdstatArray {
  return {
    name,
    state,
    level: null,
    readOnly: false,
    autoReadOnly: false,
    members: [],
    raidDisks: null,
    activeDisks: null,
    missingDisks: null,
    statusString: null,
    degraded: false,
    blocks: null,
    superVersion: null,
    isContainer: false,
    containerName: null,
    containerMember: null,
    chunkKb: null,
    roundingKb: null,
    algorithm: null,
    layout: null,
    bitmap: null,
    sync: null,
  };
}

/** See MdstatArraySchema.degraded for why a lingering (F) member counts as degraded. */
function finishArray(array: MdstatArray): void {
  const { raidDisks, activeDisks } = array;
  if (raidDisks !== null && activeDisks !== null) array.missingDisks = raidDisks - activeDisks;
  array.degraded =
    (array.missingDisks ?? 0) > 0 ||
    (array.statusString ?? "").includes("_") ||
    array.members.some((member) => member.faulty);
}

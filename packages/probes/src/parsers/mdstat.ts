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
import type { LineIssue } from "./md-fields";
import {
  applyBlocksLine,
  isSyncLine,
  parseBitmapLine,
  parseMember,
  parseSyncLine,
} from "./md-mdstat-lines";
import { lineEnd, trimmedSlice } from "./text-lines";

const HEADER = /^([^\s:]+)\s+:\s+(active|inactive|broken)(?=\s|$)(.*)$/;
const HEADER_EXPECTED = '"mdN : active|inactive <level> <dev>[n]…" array header';

type State = { report: MdstatReport; current: MdstatArray | null };

export function parseMdstat(text: string): ParseResult<MdstatReport> {
  const report: MdstatReport = { personalities: [], arrays: [], unusedDevices: [] };
  const state: State = { report, current: null };
  let sawContent = false;
  let lineNumber = 0;
  // Line by line straight off the text: the lines of splitLines() without its array, and only
  // trimmed, since every line pattern below allows blanks around the line (the `\r` of a CRLF
  // included).
  for (let start = 0; start <= text.length; ) {
    const end = lineEnd(text, start);
    const trimmed = trimmedSlice(text, start, end);
    start = end + 1;
    lineNumber++;
    if (trimmed === "") continue;
    sawContent = true;
    const issue = parseLine(state, trimmed);
    if (issue) return parseFailure(issue.expected, issue.got, { line: lineNumber });
  }
  if (!sawContent) {
    return parseFailure('"Personalities :" header or an md array', "", { line: 1 });
  }
  for (const array of report.arrays) finishArray(array);
  return parsed(report);
}

function parseLine(state: State, trimmed: string): LineIssue | null {
  if (trimmed.startsWith("Personalities :") || trimmed === "Personalities") {
    return parsePersonalities(state.report, trimmed);
  }
  if (trimmed.startsWith("unused devices:")) {
    // Nothing of an array follows this line; a later status line is misplaced.
    state.current = null;
    return parseUnused(state.report, trimmed);
  }
  const header = mayBeHeader(trimmed) ? HEADER.exec(trimmed) : null;
  if (header) {
    const array = parseHeader(header[1] ?? "", header[2] ?? "", header[3] ?? "");
    if (typeof array === "string") return { expected: HEADER_EXPECTED, got: array };
    state.report.arrays.push(array);
    state.current = array;
    return null;
  }
  if (!state.current) return { expected: HEADER_EXPECTED, got: trimmed };
  return parseArrayLine(state.current, trimmed);
}

/**
 * HEADER's name holds no colon and whitespace must come before its " : ", so a header's first
 * colon follows whitespace. Most lines are status lines, and this spares them the regex.
 */
function mayBeHeader(trimmed: string): boolean {
  const colon = trimmed.indexOf(":");
  return colon > 0 && mayBeSpace(trimmed.charCodeAt(colon - 1));
}

/** True for every character /\s/ matches (ASCII blanks; anything non-ASCII may be one). */
function mayBeSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code > 127;
}

function parsePersonalities(report: MdstatReport, trimmed: string): LineIssue | null {
  const names: string[] = [];
  for (const token of tokensAfterColon(trimmed)) {
    const name = bracketedName(token);
    if (name === null) return { expected: 'personality "[name]"', got: token };
    names.push(name);
  }
  report.personalities = names;
  return null;
}

/**
 * `[raid1]` → `raid1`, else null; what /^\[([^\s[\]]+)\]$/ captures. A token holds no
 * whitespace (tokensAfterColon splits on it), so only the brackets need checking.
 */
function bracketedName(token: string): string | null {
  const last = token.length - 1;
  const isBracketed = last >= 2 && token.charCodeAt(0) === 91 && token.charCodeAt(last) === 93;
  if (!isBracketed || token.indexOf("[", 1) !== -1 || token.indexOf("]") !== last) return null;
  return token.slice(1, last);
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
  const words = rest.trim();
  const tokens = words === "" ? [] : words.split(/\s+/);
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

type ArrayLineKind = "blocks" | "bitmap" | "sync";

/**
 * Which status line this is. Each kind starts with its own character (a digit, `b`, or `[`/`r`/`c`
 * of `[==>…]`/resync/recovery/check/repair/reshape), so at most one pattern is tried.
 */
function arrayLineKind(trimmed: string): ArrayLineKind | null {
  const first = trimmed.charCodeAt(0);
  if (first >= 48 && first <= 57) return /^\d+ blocks(?:\s|$)/.test(trimmed) ? "blocks" : null;
  if (first === 98) return trimmed.startsWith("bitmap:") ? "bitmap" : null;
  const isSyncStart = first === 91 || first === 114 || first === 99;
  return isSyncStart && isSyncLine(trimmed) ? "sync" : null;
}

function parseArrayLine(array: MdstatArray, trimmed: string): LineIssue | null {
  const kind = arrayLineKind(trimmed);
  if (kind === null) {
    return { expected: "array status, resync/recovery progress or bitmap line", got: trimmed };
  }
  if (hasLineOfKind(array, kind)) return { expected: `one ${kind} line per array`, got: trimmed };
  if (kind === "blocks") return applyBlocksLine(array, trimmed);
  if (kind === "bitmap") {
    array.bitmap = parseBitmapLine(trimmed);
    const expected = '"bitmap: u/t pages [nKB], nKB chunk" line';
    return array.bitmap ? null : { expected, got: trimmed };
  }
  array.sync = parseSyncLine(trimmed);
  const expected = '"<action> = p% (done/total) finish=<m>min speed=<n>K/sec" progress line';
  return array.sync ? null : { expected, got: trimmed };
}

/** A line of a kind sets its field or fails the parse, so a set field means a second line. */
function hasLineOfKind(array: MdstatArray, kind: ArrayLineKind): boolean {
  if (kind === "blocks") return array.blocks !== null;
  return kind === "bitmap" ? array.bitmap !== null : array.sync !== null;
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

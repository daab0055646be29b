/*
 * findmnt in its text forms (tree, `-l`, `-r`, `-P`) and `-J`:
 *
 *   TARGET                    SOURCE                          FSTYPE OPTIONS
 *   /                         /dev/mapper/centos-root         xfs    rw,relatime,attr2
 *   ├─/boot                   /dev/sda1                       xfs    rw,relatime
 *   └─/var/lib/docker/overlay2 /dev/mapper/centos-root[/var/lib/docker/overlay2] xfs rw
 *   {"filesystems": [{"target": "/", "source": "/dev/sda4", "fstype": "ext3", "options": "rw",
 *     "children": [ … ]}]}
 *
 * Source: findmnt(8), util-linux tests/expected/findmnt. Seen: util-linux 2.23 (CentOS 7) – 2.40.
 * `SOURCE[/path]` is findmnt's way of showing the root of a bind mount.
 */
import type { MountEntry, ParseResult } from "@holmes/core";
import { parsed, parseFailure } from "@holmes/core";
import { parseFindmntJson } from "./findmnt-json";
import { findmntRowToEntry, type Row, withParents } from "./findmnt-rows";
import { createNfsOptionsMemo, type ReadNfsOptions } from "./nfs-options";

const DEFAULT_COLUMNS = ["TARGET", "SOURCE", "FSTYPE", "OPTIONS"];
const REQUIRED_COLUMNS = ["TARGET", "FSTYPE", "OPTIONS"];

type Table = { columns: string[]; starts: number[] | null; firstRow: number };

export function parseFindmnt(text: string): ParseResult<MountEntry[]> {
  const trimmed = text.trimStart();
  if (trimmed === "") return parsed([]);
  // The mounts of one host mostly share their NFS option strings; each is parsed once per call.
  const nfsOptions = createNfsOptionsMemo();
  if (trimmed.startsWith("{")) return parseFindmntJson(text, nfsOptions);
  const lines = splitLines(text);
  const first = lines.findIndex((line) => line.trim() !== "");
  if (/^[A-Z][A-Z0-9:_%-]*="/.test(lines[first] ?? "")) return parsePairs(lines, nfsOptions);
  const table = readHeader(lines, first);
  if (!table.ok) return table;
  return parseRows(lines, table.value, nfsOptions);
}

/** Lines without their "\r" (CRLF pastes). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const hasCr = end > start && text.charCodeAt(end - 1) === 13;
    lines.push(text.slice(start, hasCr ? end - 1 : end));
    start = end + 1;
  }
  return lines;
}

function readHeader(lines: string[], first: number): ParseResult<Table> {
  const header = lines[first] ?? "";
  const tokens = header.trim().split(/\s+/);
  if (!tokens.every((token) => /^[A-Z][A-Z0-9:_%-]*$/.test(token))) {
    // `findmnt -n` has no header; it then prints the default columns.
    return parsed({ columns: DEFAULT_COLUMNS, starts: null, firstRow: first });
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !tokens.includes(column));
  if (missing.length > 0) {
    return parseFailure(`findmnt header with ${REQUIRED_COLUMNS.join(" ")}`, header, {
      line: first + 1,
    });
  }
  const starts: number[] = [];
  let from = 0;
  for (const token of tokens) {
    const at = header.indexOf(token, from);
    starts.push(at);
    from = at + token.length;
  }
  return parsed({ columns: tokens, starts, firstRow: first + 1 });
}

function parseRows(
  lines: string[],
  table: Table,
  nfsOptions: ReadNfsOptions,
): ParseResult<MountEntry[]> {
  const entries: MountEntry[] = [];
  // Targets of the rows that enclose this one, by depth; `height` levels are current. A level a
  // malformed tree skipped has no target.
  const stack: (string | null)[] = [];
  let height = 0;
  for (let i = table.firstRow; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const depth = line.startsWith("/") ? 0 : treePrefixLength(line) / 2;
    const row = splitRow(line, table, depth * 2);
    const target = row?.TARGET ?? "";
    if (!row || !target.startsWith("/")) {
      return parseFailure(
        `findmnt row with ${table.columns.length} columns starting with a mount target path`,
        line,
        { line: i + 1 },
      );
    }
    for (; height < depth; height++) stack[height] = null;
    stack[depth] = target;
    height = depth + 1;
    const parentTarget = depth > 0 ? (stack[depth - 1] ?? null) : null;
    entries.push(findmntRowToEntry(row, parentTarget, nfsOptions));
  }
  return withParents(entries);
}

/** Length of the leading run of two-character tree units before the target. */
function treePrefixLength(line: string): number {
  let length = 0;
  while (length + 2 <= line.length && isTreeUnit(line, length)) length += 2;
  return length;
}

/** Unicode `├─` `└─` `│ `, `--ascii` `|-` `` `- `` `| `, and two spaces. */
function isTreeUnit(line: string, at: number): boolean {
  const second = line.charCodeAt(at + 1);
  switch (line.charCodeAt(at)) {
    case 0x251c: // ├
    case 0x2514: // └
      return second === 0x2500; // ─
    case 0x2502: // │
    case 32:
      return second === 32;
    case 124: // |
      return second === 45 || second === 32;
    case 96: // `
      return second === 45;
    default:
      return false;
  }
}

/**
 * Columns are cut at the header's offsets while the row lines up with them; a pasted table
 * whose spacing was collapsed (or `-r` raw output) falls back to splitting on whitespace.
 */
function splitRow(line: string, table: Table, prefixLength: number): Row | null {
  const { columns, starts } = table;
  const row: Row = {};
  // Escapes are looked for once per line, not in every cell.
  const hasEscapes = line.includes("\\x");
  if (starts && isAligned(line, starts)) {
    for (let c = 0; c < columns.length; c++) {
      const cell = line.slice(c === 0 ? prefixLength : starts[c], starts[c + 1]).trim();
      row[columns[c] ?? ""] = hasEscapes ? decodeHex(cell) : cell;
    }
    return row;
  }
  const values = line.slice(prefixLength).trim().split(/\s+/);
  if (values.length < columns.length) return null;
  const last = values.slice(columns.length - 1).join(" ");
  for (let c = 0; c < columns.length; c++) {
    const value = c === columns.length - 1 ? last : (values[c] ?? "");
    row[columns[c] ?? ""] = hasEscapes ? decodeHex(value) : value;
  }
  return row;
}

function isAligned(line: string, starts: number[]): boolean {
  for (let c = 1; c < starts.length; c++) {
    const at = starts[c] ?? 0;
    if (line.length <= at || line.charCodeAt(at - 1) !== 32 || line.charCodeAt(at) === 32) {
      return false;
    }
  }
  return true;
}

function parsePairs(lines: string[], nfsOptions: ReadNfsOptions): ParseResult<MountEntry[]> {
  const entries: MountEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const row: Row = {};
    for (const match of line.matchAll(/([A-Z][A-Z0-9:_%-]*)="([^"]*)"/g)) {
      row[match[1] ?? ""] = decodeHex(match[2] ?? "");
    }
    if (!row.TARGET?.startsWith("/") || row.FSTYPE === undefined) {
      return parseFailure('findmnt -P row with TARGET="…" and FSTYPE="…"', line, { line: i + 1 });
    }
    entries.push(findmntRowToEntry(row, null, nfsOptions));
  }
  return withParents(entries);
}

/** findmnt -r/-P hex-escape unsafe bytes (`\x20`). */
function decodeHex(text: string): string {
  if (!text.includes("\\x")) return text;
  let out = "";
  let from = 0;
  for (let at = text.indexOf("\\x"); at !== -1; at = text.indexOf("\\x", at + 1)) {
    const hex = text.slice(at + 2, at + 4);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) continue;
    out += text.slice(from, at) + String.fromCharCode(Number.parseInt(hex, 16));
    from = at + 4;
    at += 3;
  }
  return out + text.slice(from);
}

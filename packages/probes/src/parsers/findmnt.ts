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
import { buildMountEntry, linkMountParents } from "./mountinfo";

const DEFAULT_COLUMNS = ["TARGET", "SOURCE", "FSTYPE", "OPTIONS"];
const REQUIRED_COLUMNS = ["TARGET", "FSTYPE", "OPTIONS"];
/** Two-character tree units: unicode (├─ └─ │) and `--ascii` (|- `- |). */
const TREE_PREFIX = /^(?:├─|└─|│ |\|-|`-|\| | {2})*/;

type Row = Record<string, string>;
type Table = { columns: string[]; starts: number[] | null; firstRow: number };

export function parseFindmnt(text: string): ParseResult<MountEntry[]> {
  const trimmed = text.trimStart();
  if (trimmed === "") return parsed([]);
  if (trimmed.startsWith("{")) return parseFindmntJson(text);
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  const first = lines.findIndex((line) => line.trim() !== "");
  if (/^[A-Z][A-Z0-9:_%-]*="/.test(lines[first] ?? "")) return parsePairs(lines);
  const table = readHeader(lines, first);
  if (!table.ok) return table;
  return parseRows(lines, table.value);
}

/** One row's columns (as findmnt names them) → entry; the JSON form maps its keys onto these. */
function findmntRowToEntry(row: Row, parentTarget: string | null): MountEntry {
  const deleted = (row.TARGET ?? "").endsWith(" (deleted)");
  const target = deleted ? (row.TARGET ?? "").slice(0, -" (deleted)".length) : (row.TARGET ?? "");
  const { source, root } = splitBindRoot(row.SOURCE ?? "");
  const majorMinor = row["MAJ:MIN"];
  const colon = majorMinor === undefined ? -1 : majorMinor.indexOf(":");
  return buildMountEntry({
    source,
    target,
    fstype: row.FSTYPE ?? "",
    options: row.OPTIONS ?? "",
    root: row.FSROOT ?? root,
    mountId: toInt(row.ID),
    parentId: toInt(row.PARENT),
    major: colon === -1 ? null : toInt(majorMinor?.slice(0, colon)),
    minor: colon === -1 ? null : toInt(majorMinor?.slice(colon + 1)),
    parentTarget,
    deleted,
  });
}

/** `-o +ID,PARENT` and `-J` with ids give parents even for a flat list. */
function withParents(entries: MountEntry[]): ParseResult<MountEntry[]> {
  linkMountParents(entries);
  return parsed(entries);
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

function parseRows(lines: string[], table: Table): ParseResult<MountEntry[]> {
  const entries: MountEntry[] = [];
  const stack: string[] = [];
  for (let i = table.firstRow; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const depth = line.startsWith("/") ? 0 : (TREE_PREFIX.exec(line)?.[0].length ?? 0) / 2;
    const row = splitRow(line, table, depth * 2);
    const target = row?.TARGET ?? "";
    if (!row || !target.startsWith("/")) {
      return parseFailure(
        `findmnt row with ${table.columns.length} columns starting with a mount target path`,
        line,
        { line: i + 1 },
      );
    }
    stack[depth] = target;
    stack.length = depth + 1;
    entries.push(findmntRowToEntry(row, depth > 0 ? (stack[depth - 1] ?? null) : null));
  }
  return withParents(entries);
}

/**
 * Columns are cut at the header's offsets while the row lines up with them; a pasted table
 * whose spacing was collapsed (or `-r` raw output) falls back to splitting on whitespace.
 */
function splitRow(line: string, table: Table, prefixLength: number): Row | null {
  const { columns, starts } = table;
  const row: Row = {};
  if (starts && isAligned(line, starts)) {
    for (let c = 0; c < columns.length; c++) {
      const cell = line.slice(c === 0 ? prefixLength : starts[c], starts[c + 1]).trim();
      row[columns[c] ?? ""] = decodeHex(cell);
    }
    return row;
  }
  const values = line.slice(prefixLength).trim().split(/\s+/);
  if (values.length < columns.length) return null;
  const last = values.slice(columns.length - 1).join(" ");
  for (let c = 0; c < columns.length; c++) {
    row[columns[c] ?? ""] = decodeHex(c === columns.length - 1 ? last : (values[c] ?? ""));
  }
  return row;
}

function isAligned(line: string, starts: number[]): boolean {
  for (let c = 1; c < starts.length; c++) {
    const at = starts[c] ?? 0;
    if (line.length <= at || line[at - 1] !== " " || line[at] === " ") return false;
  }
  return true;
}

function parsePairs(lines: string[]): ParseResult<MountEntry[]> {
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
    entries.push(findmntRowToEntry(row, null));
  }
  return withParents(entries);
}

/** `/dev/mapper/root[/var/lib/docker]` → source and bind root; `[fe80::1]:/x` is left alone. */
function splitBindRoot(source: string): { source: string | null; root: string | null } {
  const open = source.lastIndexOf("[/");
  if (open <= 0 || !source.endsWith("]"))
    return { source: source === "" ? null : source, root: null };
  return { source: source.slice(0, open), root: source.slice(open + 1, -1) };
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

function toInt(text: string | undefined): number | null {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : null;
}

type JsonNode = { node: unknown; path: string; parentTarget: string | null };
/** JSON key → the text column it stands for. */
const JSON_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ["target", "TARGET"],
  ["source", "SOURCE"],
  ["fstype", "FSTYPE"],
  ["options", "OPTIONS"],
  ["fsroot", "FSROOT"],
  ["id", "ID"],
  ["parent", "PARENT"],
  ["maj:min", "MAJ:MIN"],
];
const REQUIRED_JSON_KEYS = ["target", "fstype", "options"] as const;

/** `findmnt -J` (nested `children`) and `findmnt -J -l` (flat), flattened in tree order. */
function parseFindmntJson(text: string): ParseResult<MountEntry[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return parseFailure("findmnt -J JSON", message, { line: jsonErrorLine(text, message) });
  }
  const filesystems = isRecord(doc) ? doc.filesystems : undefined;
  if (!Array.isArray(filesystems)) {
    return parseFailure('an object with a "filesystems" array', describe(filesystems), {
      field: "filesystems",
    });
  }
  const entries: MountEntry[] = [];
  // An explicit stack: a hostile document cannot exhaust the call stack.
  const stack: JsonNode[] = filesystems
    .map((node, i) => ({ node, path: `filesystems[${i}]`, parentTarget: null }))
    .reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const row = jsonRow(item);
    if (!row.ok) return row;
    entries.push(findmntRowToEntry(row.value, item.parentTarget));
    const children = isRecord(item.node) ? item.node.children : undefined;
    if (children === undefined || children === null) continue;
    if (!Array.isArray(children)) {
      return parseFailure("an array of filesystems", describe(children), {
        field: `${item.path}.children`,
      });
    }
    for (let c = children.length - 1; c >= 0; c--) {
      const path = `${item.path}.children[${c}]`;
      stack.push({ node: children[c], path, parentTarget: row.value.TARGET ?? null });
    }
  }
  return withParents(entries);
}

function jsonRow({ node, path }: JsonNode): ParseResult<Row> {
  if (!isRecord(node)) return parseFailure("a filesystem object", describe(node), { field: path });
  const row: Row = {};
  for (const [key, column] of JSON_COLUMNS) {
    const value = node[key];
    if (typeof value === "string") row[column] = value;
    else if (typeof value === "number" && Number.isSafeInteger(value)) row[column] = String(value);
  }
  // util-linux ≥ 2.33 prints an empty column as null; only SOURCE may be legitimately empty.
  for (const key of REQUIRED_JSON_KEYS) {
    if (typeof node[key] !== "string") {
      return parseFailure("a string", describe(node[key]), { field: `${path}.${key}` });
    }
  }
  if (!row.TARGET?.startsWith("/")) {
    return parseFailure("an absolute mount target", row.TARGET ?? "", { field: `${path}.target` });
  }
  return parsed(row);
}

/** V8 reports `at position N`; a truncated paste ends early, so blame its last line. */
function jsonErrorLine(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  const last = text.trimEnd().length;
  const end = position ? Math.min(Number(position[1]), last) : last;
  return text.slice(0, end).split("\n").length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  return JSON.stringify(value)?.slice(0, 80) ?? String(value);
}

/*
 * `findmnt -J`, nested (`children`) or flat (`-l`); see findmnt.ts for the text forms:
 *
 *   {"filesystems": [{"target": "/", "source": "/dev/sda4", "fstype": "ext3", "options": "rw",
 *     "children": [ … ]}]}
 *
 * Source: findmnt(8), util-linux tests/expected/findmnt. util-linux ≥ 2.33 prints an empty column
 * as null.
 */
import type { MountEntry, ParseResult } from "@holmes/core";
import { parsed, parseFailure } from "@holmes/core";
import { findmntRowToEntry, type Row, withParents } from "./findmnt-rows";
import type { ReadNfsOptions } from "./nfs-options";

/** A filesystem object still to visit; its path (for errors) is spelled out only when needed. */
type JsonNode = {
  node: unknown;
  index: number;
  parent: JsonNode | null;
  parentTarget: string | null;
};
const REQUIRED_JSON_KEYS = ["target", "fstype", "options"] as const;

/** `findmnt -J` (nested `children`) and `findmnt -J -l` (flat), flattened in tree order. */
export function parseFindmntJson(
  text: string,
  nfsOptions: ReadNfsOptions,
): ParseResult<MountEntry[]> {
  const json = parseJson(text);
  if (!("value" in json)) {
    const { message } = json;
    return parseFailure("findmnt -J JSON", message, { line: jsonErrorLine(text, message) });
  }
  const doc = json.value;
  const filesystems = isRecord(doc) ? doc.filesystems : undefined;
  if (!Array.isArray(filesystems)) {
    return parseFailure('an object with a "filesystems" array', describe(filesystems), {
      field: "filesystems",
    });
  }
  const entries: MountEntry[] = [];
  // An explicit stack: a hostile document cannot exhaust the call stack.
  const stack: JsonNode[] = [];
  for (let i = filesystems.length - 1; i >= 0; i--) {
    stack.push({ node: filesystems[i], index: i, parent: null, parentTarget: null });
  }
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const row = jsonRow(item);
    if (!row.ok) return row;
    entries.push(findmntRowToEntry(row.value, item.parentTarget, nfsOptions));
    const children = isRecord(item.node) ? item.node.children : undefined;
    if (children === undefined || children === null) continue;
    if (!Array.isArray(children)) {
      return parseFailure("an array of filesystems", describe(children), {
        field: `${jsonPath(item)}.children`,
      });
    }
    const parentTarget = row.value.TARGET ?? null;
    for (let c = children.length - 1; c >= 0; c--) {
      stack.push({ node: children[c], index: c, parent: item, parentTarget });
    }
  }
  return withParents(entries);
}

/** `filesystems[0].children[2]`: spelled out from the parents only for an error message. */
function jsonPath(item: JsonNode): string {
  let path = "";
  for (let at: JsonNode | null = item; at !== null; at = at.parent) {
    path = `${at.parent === null ? "filesystems" : ".children"}[${at.index}]${path}`;
  }
  return path;
}

function jsonRow(item: JsonNode): ParseResult<Row> {
  const { node } = item;
  if (!isRecord(node)) {
    return parseFailure("a filesystem object", describe(node), { field: jsonPath(item) });
  }
  // Named reads, one per column: the objects of one document share a shape, so each read is quick.
  const row: Row = {};
  setJsonColumn(row, "TARGET", node.target);
  setJsonColumn(row, "SOURCE", node.source);
  setJsonColumn(row, "FSTYPE", node.fstype);
  setJsonColumn(row, "OPTIONS", node.options);
  setJsonColumn(row, "FSROOT", node.fsroot);
  setJsonColumn(row, "ID", node.id);
  setJsonColumn(row, "PARENT", node.parent);
  setJsonColumn(row, "MAJ:MIN", node["maj:min"]);
  // util-linux ≥ 2.33 prints an empty column as null; only SOURCE may be legitimately empty.
  for (const key of REQUIRED_JSON_KEYS) {
    if (typeof node[key] !== "string") {
      return parseFailure("a string", describe(node[key]), { field: `${jsonPath(item)}.${key}` });
    }
  }
  if (!row.TARGET?.startsWith("/")) {
    const field = `${jsonPath(item)}.target`;
    return parseFailure("an absolute mount target", row.TARGET ?? "", { field });
  }
  return parsed(row);
}

/** A string as is, a whole number as its digits; anything else leaves the column out. */
function setJsonColumn(row: Row, column: string, value: unknown): void {
  if (typeof value === "string") row[column] = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) row[column] = String(value);
}

/** JSON.parse that never throws: a failure here is data (a paste cut short). */
function parseJson(text: string): { value: unknown } | { message: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
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

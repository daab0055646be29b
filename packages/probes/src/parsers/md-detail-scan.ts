/*
 * `mdadm --detail --scan [--verbose]` → MdadmScanEntry[] (the mdadm.conf ARRAY line format).
 *
 *   ARRAY /dev/md0 metadata=1.2 name=host:0 UUID=3aaa0122:29827cfa:5331ad66:ca767371
 *   ARRAY /dev/md/imsm0 metadata=imsm UUID=0f0c6b0a:8d27a6c5:bf9aa9cd:8f1b4c1f
 *   ARRAY /dev/md/vol0 container=/dev/md/imsm0 member=0 UUID=9c4e7e8d:4c2d9f8a:…
 *   INACTIVE-ARRAY /dev/md1 metadata=1.2 name=host:1 UUID=…
 *      devices=/dev/sda1,/dev/sdb1
 *
 * Source: mdadm Detail.c (c->brief), brief_detail_super1() (quoted names via print_quoted),
 * mdadm.conf(5). Seen: mdadm 3.x/4.x; `--verbose` adds level=/num-devices= and devices= lines.
 */
import { type MdadmScanEntry, type ParseResult, parsed, parseFailure } from "@holmes/core";
import { type LineIssue, lookup, splitLines, toCount, toRecord } from "./md-fields";

// print_quoted() wraps a name with spaces in quotes after the `=`: name="my array".
const TOKEN = /\s*((?:[^\s"']|"[^"]*"|'[^']*')+)/y;
const ASSIGNMENT = /^([A-Za-z][\w-]*)=(.*)$/;

export function parseMdadmDetailScan(text: string): ParseResult<MdadmScanEntry[]> {
  const lines = splitLines(text);
  const entries: MdadmScanEntry[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.trim() === "") continue;
    const issue = parseScanLine(entries, line);
    if (issue) return parseFailure(issue.expected, issue.got, { line: index + 1 });
  }
  return parsed(entries);
}

function parseScanLine(entries: MdadmScanEntry[], line: string): LineIssue | null {
  const tokens = tokenize(line);
  if (tokens === null) return { expected: "balanced quotes", got: line.trim() };
  const head = tokens[0] ?? "";
  const current = entries[entries.length - 1];
  // Continuation lines (`   devices=…`) are indented and belong to the ARRAY line above.
  if (/^\s/.test(line) && current && !/^(?:INACTIVE-)?ARRAY$/.test(head)) {
    return applyAssignments(current, tokens, 0);
  }
  if (head !== "ARRAY" && head !== "INACTIVE-ARRAY") {
    return { expected: '"ARRAY <device> key=value…" line', got: line.trim() };
  }
  const entry = emptyEntry(head === "INACTIVE-ARRAY");
  let start = 1;
  const device = tokens[1];
  if (device !== undefined && !ASSIGNMENT.test(device)) {
    entry.device = device;
    start = 2;
  }
  entries.push(entry);
  return applyAssignments(entry, tokens, start);
}

function tokenize(line: string): string[] | null {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  const end = line.trimEnd().length;
  while (TOKEN.lastIndex < end) {
    const match = TOKEN.exec(line);
    if (!match) return null;
    tokens.push((match[1] ?? "").replace(/"([^"]*)"|'([^']*)'/g, "$1$2"));
  }
  return tokens;
}

function applyAssignments(
  entry: MdadmScanEntry,
  tokens: string[],
  start: number,
): LineIssue | null {
  const others = Object.entries(entry.otherFields);
  for (const token of tokens.slice(start)) {
    const match = ASSIGNMENT.exec(token);
    if (!match) return { expected: "key=value", got: token };
    const issue = applyAssignment(entry, others, match[1] ?? "", match[2] ?? "");
    if (issue) return issue;
  }
  entry.otherFields = toRecord(others);
  return null;
}

function applyAssignment(
  entry: MdadmScanEntry,
  others: Array<[string, string]>,
  key: string,
  value: string,
): LineIssue | null {
  const lower = key.toLowerCase();
  if (lower === "num-devices" || lower === "spares") {
    const amount = toCount(value);
    if (amount === null) return { expected: `${key}=<count>`, got: `${key}=${value}` };
    if (lower === "spares") entry.spares = amount;
    else entry.numDevices = amount;
    return null;
  }
  if (lower === "devices") {
    entry.devices.push(...value.split(",").filter((device) => device !== ""));
    return null;
  }
  const field = lookup(TEXT_FIELDS, lower);
  if (field) entry[field] = value;
  else others.push([key, value]);
  return null;
}

type TextField = "metadata" | "level" | "name" | "uuid" | "container" | "member" | "bitmap";
const TEXT_FIELDS: Record<string, TextField> = {
  metadata: "metadata",
  level: "level",
  name: "name",
  uuid: "uuid",
  container: "container",
  member: "member",
  bitmap: "bitmap",
};

function emptyEntry(inactive: boolean): MdadmScanEntry {
  return {
    device: null,
    inactive,
    metadata: null,
    level: null,
    numDevices: null,
    name: null,
    uuid: null,
    container: null,
    member: null,
    spares: null,
    bitmap: null,
    devices: [],
    otherFields: {},
  };
}

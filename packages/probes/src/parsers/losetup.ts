/*
 * `losetup --list` (`-l`) as a text table, or `losetup --list --json` (`-J`):
 *
 *   NAME       SIZELIMIT OFFSET AUTOCLEAR RO BACK-FILE       DIO LOG-SEC
 *   /dev/loop0         0      0         1  0 /root/disk1.img   1     512
 *
 *   {"loopdevices": [ {"name":"/dev/loop0", "sizelimit":0, "offset":0, "autoclear":false,
 *       "ro":false, "back-file":"/mnt/nfs/db1.img (deleted)", "dio":false, "log-sec":512} ]}
 *
 * Source: losetup(8), util-linux. Seen: 2.32 (RHEL 8; JSON values all strings), 2.34+ (JSON
 * booleans and numbers). The kernel appends " (deleted)" to a backing file that was unlinked
 * while attached: its space stays allocated until the loop device is detached.
 */
import { type LoopDevice, type ParseResult, parsed, parseFailure } from "@holmes/core";
import {
  isJsonObject,
  JsonFieldReader,
  type JsonObject,
  notAnObject,
  parseJsonText,
} from "./json-fields";

const DELETED = " (deleted)";

export function parseLosetup(text: string): ParseResult<LoopDevice[]> {
  // `losetup --list` (text or --json) prints nothing at all when no loop device is attached.
  if (text.trim() === "") return parsed([]);
  return /^\s*[{[]/.test(text) ? parseLosetupJson(text) : parseLosetupText(text);
}

function parseLosetupJson(text: string): ParseResult<LoopDevice[]> {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  if (!isJsonObject(json.value)) return notAnObject("a losetup JSON object", json.value);
  const r = new JsonFieldReader();
  const list = r.array(json.value, "loopdevices", "");
  if (list === null && r.error === undefined) {
    return parseFailure("a loopdevices array", "absent", { field: "loopdevices" });
  }
  const devices = r.objects(list, "loopdevices").map((obj, i) => {
    const path = r.path("loopdevices", i);
    const flag = (key: string) => readJsonFlag(r, obj, key, path);
    const number = (key: string) => readJsonNumber(r, obj, key, path);
    const backFile = splitDeleted(r.string(obj, "back-file", path));
    const device: LoopDevice = {
      name: r.requiredString(obj, "name", path),
      backFile: backFile.backFile,
      backFileDeleted: backFile.backFileDeleted,
      offset: number("offset"),
      sizeLimit: number("sizelimit"),
      autoclear: flag("autoclear"),
      readOnly: flag("ro"),
      directIo: flag("dio"),
      logicalSectorSize: number("log-sec"),
    };
    return device;
  });
  return r.finish(devices);
}

function splitDeleted(backFile: string | null) {
  if (backFile === null) return { backFile: null, backFileDeleted: false };
  const isDeleted = backFile.endsWith(DELETED);
  return {
    backFile: isDeleted ? backFile.slice(0, -DELETED.length) : backFile,
    backFileDeleted: isDeleted,
  };
}

// util-linux < 2.34 prints every JSON value as a string.
function readJsonFlag(r: JsonFieldReader, obj: JsonObject, key: string, path: string) {
  const value = r.value(obj, key);
  if (value === null || typeof value === "boolean") return value;
  if (value === "1" || value === 1) return true;
  if (value === "0" || value === 0) return false;
  return r.fail(r.path(path, key), 'true/false or "1"/"0"', value);
}

function readJsonNumber(r: JsonFieldReader, obj: JsonObject, key: string, path: string) {
  const value = r.value(obj, key);
  if (value === null) return null;
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isSafeInteger(number) && number >= 0) return number;
  return r.fail(r.path(path, key), "a non-negative integer", value);
}

const TEXT_HEADER = "a losetup --list header (NAME SIZELIMIT OFFSET …)";
const KNOWN_COLUMNS: ReadonlySet<string> = new Set([
  "NAME",
  "SIZELIMIT",
  "OFFSET",
  "AUTOCLEAR",
  "RO",
  "BACK-FILE",
  "DIO",
  "LOG-SEC",
  "BACK-INO",
  "BACK-MAJ:MIN",
  "MAJ:MIN",
  "PARTSCAN",
  "REF",
]);

/**
 * Only BACK-FILE may hold spaces (or be empty), so the columns left of it are the first
 * whitespace-separated words and the columns right of it the last ones; BACK-FILE is what is
 * left in between.
 */
function parseLosetupText(text: string): ParseResult<LoopDevice[]> {
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  const headerIndex = lines.findIndex((line) => line.trim() !== "");
  const header = (lines[headerIndex] ?? "").trim().split(/\s+/);
  if (!header.includes("NAME") || !header.every((column) => KNOWN_COLUMNS.has(column))) {
    const line = Math.max(headerIndex, 0) + 1;
    return parseFailure(TEXT_HEADER, lines[headerIndex] ?? "", { line });
  }
  const devices: LoopDevice[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const cells = splitTextRow(line, header);
    const device = cells === null ? "one value per column" : textDevice(cells);
    if (typeof device === "string") return parseFailure(device, line, { line: i + 1 });
    devices.push(device);
  }
  return { ok: true, value: devices };
}

function splitTextRow(line: string, header: string[]): Map<string, string> | null {
  const words = [...line.matchAll(/\S+/g)];
  const backIndex = header.indexOf("BACK-FILE");
  const after = backIndex === -1 ? 0 : header.length - backIndex - 1;
  const before = backIndex === -1 ? header.length : backIndex;
  const hasBackFile = backIndex !== -1;
  if (words.length < before + after || (!hasBackFile && words.length !== header.length)) {
    return null;
  }
  const cells = new Map<string, string>();
  for (let i = 0; i < before; i++) cells.set(header[i] ?? "", words[i]?.[0] ?? "");
  const tail = words.slice(words.length - after);
  for (let i = 0; i < after; i++) cells.set(header[backIndex + 1 + i] ?? "", tail[i]?.[0] ?? "");
  if (hasBackFile) {
    const from = before === 0 ? 0 : endOf(words[before - 1]);
    const to = tail[0]?.index ?? line.length;
    cells.set("BACK-FILE", line.slice(from, to).trim());
  }
  return cells;
}

function endOf(word: RegExpMatchArray | undefined): number {
  return word === undefined ? 0 : (word.index ?? 0) + word[0].length;
}

/** The loop device, or what was expected when a cell is malformed. */
function textDevice(cells: Map<string, string>): LoopDevice | string {
  const numbers = new Map<string, number | null>();
  for (const column of ["OFFSET", "SIZELIMIT", "LOG-SEC"]) {
    const value = cells.get(column);
    if (value !== undefined && !(/^\d+$/.test(value) && Number.isSafeInteger(Number(value)))) {
      return `a non-negative integer in the ${column} column`;
    }
    numbers.set(column, value === undefined ? null : Number(value));
  }
  const flags = new Map<string, boolean | null>();
  for (const column of ["AUTOCLEAR", "RO", "DIO"]) {
    const value = cells.get(column);
    if (value !== undefined && value !== "0" && value !== "1") {
      return `0 or 1 in the ${column} column`;
    }
    flags.set(column, value === undefined ? null : value === "1");
  }
  const backFile = splitDeleted(cells.get("BACK-FILE") ?? null);
  return {
    name: cells.get("NAME") ?? "",
    backFile: backFile.backFile,
    backFileDeleted: backFile.backFileDeleted,
    offset: numbers.get("OFFSET") ?? null,
    sizeLimit: numbers.get("SIZELIMIT") ?? null,
    autoclear: flags.get("AUTOCLEAR") ?? null,
    readOnly: flags.get("RO") ?? null,
    directIo: flags.get("DIO") ?? null,
    logicalSectorSize: numbers.get("LOG-SEC") ?? null,
  };
}

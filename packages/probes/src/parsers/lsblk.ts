/*
 * lsblk, as JSON (`lsblk -J -O`, `lsblk -J -b -o NAME,KNAME,PATH,TYPE,SIZE,…`) or as the text tree:
 *
 *   {"blockdevices": [ {"name":"sda", "maj:min":"8:0", "rm":false, "size":"1.8T", "ro":false,
 *       "type":"disk", "mountpoints":[null], "children": [ {"name":"sda1", …} ] } ]}
 *
 *   NAME            MAJ:MIN RM  SIZE RO TYPE MOUNTPOINT
 *   sda               8:0    0   20G  0 disk
 *   ├─sda1            8:1    0    1G  0 part /boot        (`|-` / `` `- `` under LC_ALL=C)
 *
 * Source: lsblk(8), util-linux libsmartcols. Seen: util-linux 2.23 (CentOS 7), 2.31, 2.33,
 * 2.34+ (JSON booleans and numbers), 2.37+ (MOUNTPOINTS, multi-line in the text tree).
 * JSON changed across versions: sizes as strings or numbers, booleans as "0"/"1" or true/false,
 * `mountpoint` vs `mountpoints`; all are normalised here.
 */
import { type LsblkDevice, type LsblkReport, type ParseResult, parseFailure } from "@holmes/core";
import {
  type FieldPath,
  fieldStep,
  isJsonObject,
  JsonFieldReader,
  type JsonObject,
  notAnObject,
  parseJsonText,
  RowPath,
} from "./json-fields";

// lsblk nests a handful of levels (disk > part > md > crypt > lvm); this only stops runaway input.
const MAX_DEPTH = 32;

export function parseLsblk(text: string): ParseResult<LsblkReport> {
  return /^\s*[{[]/.test(text) ? parseLsblkJson(text) : parseLsblkText(text);
}

function parseLsblkJson(text: string): ParseResult<LsblkReport> {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  if (!isJsonObject(json.value)) return notAnObject("an lsblk JSON object", json.value);
  const r = new JsonFieldReader();
  const list = r.array(json.value, "blockdevices", "");
  if (list === null && r.error === undefined) {
    return parseFailure("a blockdevices array", "absent", { field: "blockdevices" });
  }
  const devices = readJsonDevices(r, list, "blockdevices", 0);
  return r.finish({ format: "json", devices });
}

function readJsonDevices(
  r: JsonFieldReader,
  list: unknown[] | null,
  path: FieldPath,
  depth: number,
): LsblkDevice[] {
  if (list === null) return [];
  if (depth > MAX_DEPTH) {
    r.fail(path, `at most ${MAX_DEPTH} levels of children`, list);
    return [];
  }
  // A device's children are read before its RowPath moves on, so they may hang below it.
  const rowPath = new RowPath(path);
  return r.objects(list, path).map((obj, i) => readJsonDevice(r, obj, rowPath.at(i), depth));
}

// Each field is taken straight off the object (see JsonFieldReader for why), in the order they
// were always read, so a device with several bad fields still reports the same first one.
function readJsonDevice(r: JsonFieldReader, obj: JsonObject, path: FieldPath, depth: number) {
  const children = r.asArray(obj.children, path, "children");
  const size = readJsonSize(r, obj.size, path);
  const device: LsblkDevice = {
    name: r.asRequiredString(obj.name, path, "name"),
    kname: readJsonText(r, obj.kname, path, "kname"),
    path: readJsonText(r, obj.path, path, "path"),
    majMin: readJsonText(r, obj["maj:min"], path, "maj:min"),
    type: readJsonText(r, obj.type, path, "type"),
    sizeBytes: size.sizeBytes,
    sizeText: size.sizeText,
    serial: readJsonText(r, obj.serial, path, "serial"),
    wwn: readJsonText(r, obj.wwn, path, "wwn"),
    model: readJsonText(r, obj.model, path, "model"),
    vendor: readJsonText(r, obj.vendor, path, "vendor"),
    transport: readJsonText(r, obj.tran, path, "tran"),
    hctl: readJsonText(r, obj.hctl, path, "hctl"),
    fstype: readJsonText(r, obj.fstype, path, "fstype"),
    label: readJsonText(r, obj.label, path, "label"),
    uuid: readJsonText(r, obj.uuid, path, "uuid"),
    mountpoints: readJsonMountpoints(r, obj, path),
    readOnly: readJsonFlag(r, obj.ro, path, "ro"),
    removable: readJsonFlag(r, obj.rm, path, "rm"),
    rotational: readJsonFlag(r, obj.rota, path, "rota"),
    state: readJsonText(r, obj.state, path, "state"),
    pkname: readJsonText(r, obj.pkname, path, "pkname"),
    children: readJsonDevices(r, children, fieldStep(path, "children"), depth + 1),
  };
  return device;
}

function readJsonText(r: JsonFieldReader, value: unknown, path: FieldPath, key: string) {
  return emptyToNull(r.asString(value, path, key));
}

// lsblk < 2.34 writes every value as a string ("1", "0", "21474836480"); newer ones use types.
function readJsonFlag(r: JsonFieldReader, value: unknown, path: FieldPath, key: string) {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value;
  if (value === "1" || value === 1) return true;
  if (value === "0" || value === 0) return false;
  return r.failAt(path, key, 'true/false or "1"/"0"', value);
}

function readJsonSize(r: JsonFieldReader, value: unknown, path: FieldPath) {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    return { sizeBytes: value, sizeText: null };
  }
  if (typeof value === "string") return sizeFromText(value.trim());
  if (value !== undefined && value !== null) {
    r.failAt(path, "size", "a size in bytes or a size text", value);
  }
  return { sizeBytes: null, sizeText: null };
}

function sizeFromText(text: string): { sizeBytes: number | null; sizeText: string | null } {
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) {
    return { sizeBytes: Number(text), sizeText: null };
  }
  return { sizeBytes: null, sizeText: text === "" ? null : text };
}

function readJsonMountpoints(r: JsonFieldReader, obj: JsonObject, path: FieldPath): string[] {
  const list = r.asArray(obj.mountpoints, path, "mountpoints");
  if (list !== null) {
    const out: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (typeof item === "string") out.push(item);
      else if (item !== null) r.failAt(fieldStep(path, "mountpoints"), i, "a string or null", item);
    }
    return out;
  }
  const single = emptyToNull(r.asString(obj.mountpoint, path, "mountpoint"));
  return single === null ? [] : [single];
}

function emptyToNull(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? null : trimmed;
}

type TextColumn = { name: string; start: number; end: number };

/**
 * libsmartcols pads each column to its widest cell and separates columns by one space; headers
 * are left- or right-aligned within their column and cells may contain spaces (MODEL, VENDOR,
 * LABEL, MOUNTPOINT). Between two headers, the separator is the rightmost position that is blank
 * on every line: a left-aligned column starts exactly at its header, and a right-aligned one
 * (SIZE, RA, MIN-IO…) holds numbers without spaces, so its widest cell reaches the separator.
 */
function textColumnStarts(columns: TextColumn[], rows: string[]): number[] {
  const starts = [0];
  for (let i = 1; i < columns.length; i++) {
    const previous = columns[i - 1];
    const current = columns[i];
    if (previous === undefined || current === undefined) break;
    let start = current.start;
    for (let p = current.start - 1; p >= previous.end; p--) {
      if (rows.every((row) => row.charCodeAt(p) === 32 || p >= row.length)) {
        start = p + 1;
        break;
      }
    }
    starts.push(start);
  }
  return starts;
}

function textCells(row: string, starts: number[]): string[] {
  return starts.map((start, i) => {
    const next = starts[i + 1];
    return row.slice(start, next === undefined ? undefined : next - 1);
  });
}

// Tree prefix in the NAME cell: "│ "/"| "/"  " per ancestor level, then "├─"/"└─"/"|-"/"`-".
const TREE_PREFIX = /^((?:[│|] | {2})*)([├└]─|[|`]-)?/;
const HEADER_WORD = /^[A-Z][A-Z0-9:%_-]*$/;

function parseLsblkText(text: string): ParseResult<LsblkReport> {
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  const headerIndex = lines.findIndex((line) => line.trim() !== "");
  const header = lines[headerIndex] ?? "";
  const columns = [...header.matchAll(/\S+/g)].map((m) => ({
    name: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const nameIndex = columns.findIndex((column) => column.name === "NAME");
  if (nameIndex === -1 || !columns.every((column) => HEADER_WORD.test(column.name))) {
    return parseFailure("an lsblk header line (NAME MAJ:MIN … TYPE …)", header, {
      line: Math.max(headerIndex, 0) + 1,
    });
  }
  const rowIndexes: number[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i]?.trim() !== "") rowIndexes.push(i);
  }
  const rows = rowIndexes.map((i) => lines[i] ?? "");
  const starts = textColumnStarts(columns, [header, ...rows]);
  const names = columns.map((column) => column.name);
  return buildTextTree(rows, rowIndexes, names, starts, nameIndex);
}

function buildTextTree(
  rows: string[],
  rowIndexes: number[],
  names: string[],
  starts: number[],
  nameIndex: number,
): ParseResult<LsblkReport> {
  const roots: LsblkDevice[] = [];
  const stack: LsblkDevice[] = [];
  for (let i = 0; i < rows.length; i++) {
    const line = (rowIndexes[i] ?? 0) + 1;
    const cells = textCells(rows[i] ?? "", starts);
    // Match the tree on the padded cell: a continuation line may hold a bare "│" plus padding.
    const nameCell = cells[nameIndex] ?? "";
    const prefix = TREE_PREFIX.exec(nameCell);
    const name = nameCell.slice(prefix?.[0].length ?? 0).trim();
    const depth = prefix?.[2] === undefined ? 0 : (prefix[1] ?? "").length / 2 + 1;
    const values = textValues(names, cells);
    if (name === "") {
      const owner = stack[stack.length - 1];
      if (owner === undefined || !addContinuation(owner, values)) {
        return parseFailure("a device name in the NAME column", rows[i] ?? "", { line });
      }
      continue;
    }
    const parent = depth === 0 ? undefined : stack[depth - 1];
    if (depth > stack.length || (depth > 0 && parent === undefined)) {
      return parseFailure("a tree branch under a listed parent", rows[i] ?? "", { line });
    }
    const device = textDevice(name, values);
    if (typeof device === "string") return parseFailure(device, rows[i] ?? "", { line });
    (parent === undefined ? roots : parent.children).push(device);
    stack.length = depth;
    stack.push(device);
  }
  return { ok: true, value: { format: "text", devices: roots } };
}

// Columns libsmartcols wraps onto extra lines (lsblk >= 2.37): one value per line, other cells blank.
const MULTI_LINE_COLUMNS: ReadonlySet<string> = new Set(["MOUNTPOINTS", "FSROOTS"]);

/** Adds a continuation line's second mount point to its device; false if it is no such line. */
function addContinuation(owner: LsblkDevice, values: Map<string, string>): boolean {
  if (values.size === 0 || [...values.keys()].some((key) => !MULTI_LINE_COLUMNS.has(key))) {
    return false;
  }
  const mountpoint = values.get("MOUNTPOINTS");
  if (mountpoint !== undefined) owner.mountpoints.push(mountpoint);
  return true;
}

function textValues(names: string[], cells: string[]): Map<string, string> {
  const values = new Map<string, string>();
  names.forEach((name, i) => {
    const value = name === "NAME" ? "" : (cells[i] ?? "").trim();
    if (value !== "") values.set(name, value);
  });
  return values;
}

/** The device, or what was expected when a cell is malformed. */
function textDevice(name: string, values: Map<string, string>): LsblkDevice | string {
  const flags: (boolean | null)[] = [];
  for (const column of ["RO", "RM", "ROTA"]) {
    const value = values.get(column);
    if (value !== undefined && value !== "0" && value !== "1") {
      return `0 or 1 in the ${column} column`;
    }
    flags.push(value === undefined ? null : value === "1");
  }
  const mountpoint = values.get("MOUNTPOINTS") ?? values.get("MOUNTPOINT");
  const get = (column: string) => values.get(column) ?? null;
  const size = sizeFromText(values.get("SIZE") ?? "");
  return {
    name,
    kname: get("KNAME"),
    path: get("PATH"),
    majMin: get("MAJ:MIN"),
    type: get("TYPE"),
    sizeBytes: size.sizeBytes,
    sizeText: size.sizeText,
    serial: get("SERIAL"),
    wwn: get("WWN"),
    model: get("MODEL"),
    vendor: get("VENDOR"),
    transport: get("TRAN"),
    hctl: get("HCTL"),
    fstype: get("FSTYPE"),
    label: get("LABEL"),
    uuid: get("UUID"),
    mountpoints: mountpoint === undefined ? [] : [mountpoint],
    readOnly: flags[0] ?? null,
    removable: flags[1] ?? null,
    rotational: flags[2] ?? null,
    state: get("STATE"),
    pkname: get("PKNAME"),
    children: [],
  };
}

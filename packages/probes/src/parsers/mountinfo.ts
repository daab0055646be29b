/*
 * /proc/<pid>/mountinfo, and /proc/mounts (auto-detected):
 *
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   194 21 0:42 / /mnt/nfs rw shared:144 - nfs4 10.0.0.1:/srv rw,vers=4.0,hard,proto=tcp
 *   /dev/sda1 /boot ext3 rw,relatime,data=ordered 0 0
 *
 * Source: proc(5) and Documentation/filesystems/proc.rst §3.5; fs/proc_namespace.c escapes
 * space, tab, newline and backslash as \040 \011 \012 \134, and d_path() appends
 * " (deleted)" (so `\040(deleted)`) to a path that was unlinked. Kernels 3.10 – 6.x.
 */
import type { MountEntry, ParseResult } from "@holmes/core";
import { parsed, parseFailure } from "@holmes/core";
import {
  digitsValue,
  type Fields,
  field,
  fieldEnd,
  fieldNumber,
  fieldStart,
  fieldsText,
  isDigits,
  majorMinorColon,
  separatorIndex,
  splitOnBlankRuns,
  splitOnSpaces,
  trimmedLine,
} from "./mountinfo-fields";
import {
  createNfsOptionsMemo,
  isNfsFstype,
  parseMountNfsOptions,
  type ReadNfsOptions,
  splitNfsSource,
} from "./nfs-options";
import { lineEnd } from "./text-lines";

const DELETED_MARKER = "\\040(deleted)";
const MOUNTINFO_EXPECTED =
  'mountinfo line "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL…] - FSTYPE SOURCE SUPEROPTIONS"';
const PROC_MOUNTS_EXPECTED = '/proc/mounts line "SOURCE MOUNTPOINT FSTYPE OPTIONS DUMP PASS"';

type LineResult = { ok: true; entry: MountEntry } | ReturnType<typeof parseFailure>;

export function parseMountinfo(text: string): ParseResult<MountEntry[]> {
  const entries: MountEntry[] = [];
  // NFS mounts of one host mostly share their option strings; each is parsed once per call.
  const nfsOptions = createNfsOptionsMemo();
  const fields: Fields = { line: "", starts: [], ends: [], count: 0 };
  let isMountinfo: boolean | null = null;
  for (let start = 0, lineNumber = 1; start <= text.length; lineNumber++) {
    const end = lineEnd(text, start);
    const line = trimmedLine(text.slice(start, end));
    start = end + 1;
    if (line === "") continue;
    // Runs of blanks occur in pasted copies: an empty field shows one, and then (or for a tab)
    // the line is split again on runs of blanks.
    const hasEmptyField = !splitOnSpaces(line, fields);
    if (hasEmptyField || line.indexOf("\t") !== -1) splitOnBlankRuns(line, fields);
    isMountinfo ??= isDigits(fields, 0) && majorMinorColon(fields) !== -1;
    const result = isMountinfo
      ? mountinfoLine(fields, lineNumber, nfsOptions)
      : procMountsLine(fields, lineNumber, nfsOptions);
    if (!result.ok) return result;
    entries.push(result.entry);
  }
  linkMountParents(entries);
  return parsed(entries);
}

/** Undoes the kernel's octal escapes (`\040` → space); other backslashes stay as they are. */
export function decodeMountEscapes(text: string): string {
  let at = text.indexOf("\\");
  if (at === -1) return text;
  let out = "";
  let from = 0;
  while (at !== -1) {
    const code = octalAt(text, at + 1);
    if (code !== -1) {
      out += text.slice(from, at) + String.fromCharCode(code);
      from = at + 4;
    }
    at = text.indexOf("\\", code === -1 ? at + 1 : at + 4);
  }
  return out + text.slice(from);
}

/** Value of three octal digits (first 0-3) at `at`, or -1. */
function octalAt(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  const c = text.charCodeAt(at + 2) - 48;
  if (!(a >= 0 && a <= 3 && b >= 0 && b <= 7 && c >= 0 && c <= 7)) return -1;
  return a * 64 + b * 8 + c;
}

/** A MountEntry with every key present; NFS details are filled in for nfs/nfs4. */
export function buildMountEntry(
  fields: Pick<MountEntry, "source" | "target" | "fstype" | "options"> & Partial<MountEntry>,
  nfsOptions: ReadNfsOptions = parseMountNfsOptions,
): MountEntry {
  const superOptions = fields.superOptions ?? null;
  const readOnly = fields.readOnly ?? readOnlyFrom(fields.options, superOptions);
  // Spelled out rather than spread: one fixed object shape, built once per mount.
  const entry: MountEntry = {
    source: fields.source,
    target: fields.target,
    fstype: fields.fstype,
    options: fields.options,
    superOptions,
    readOnly,
    mountId: fields.mountId ?? null,
    parentId: fields.parentId ?? null,
    major: fields.major ?? null,
    minor: fields.minor ?? null,
    root: fields.root ?? null,
    optionalFields: fields.optionalFields ?? [],
    parentTarget: fields.parentTarget ?? null,
    deleted: fields.deleted ?? false,
    nfs: null,
    nfsServer: null,
    nfsExport: null,
  };
  if (isNfsFstype(entry.fstype)) {
    // The options come back as a fresh object, so it is completed in place rather than copied.
    const nfs = nfsOptions(entry.options, superOptions);
    nfs.readOnly = readOnly;
    entry.nfs = nfs;
    const { server, export: exportPath } = splitNfsSource(entry.source ?? "");
    entry.nfsServer = server;
    entry.nfsExport = exportPath;
  }
  return entry;
}

function mountinfoLine(fields: Fields, line: number, nfsOptions: ReadNfsOptions): LineResult {
  const sep = separatorIndex(fields);
  const colon = majorMinorColon(fields);
  const isValid =
    colon !== -1 &&
    sep !== -1 &&
    fields.count === sep + 4 &&
    isDigits(fields, 0) &&
    isDigits(fields, 1);
  if (!isValid) return parseFailure(MOUNTINFO_EXPECTED, fieldsText(fields), { line });
  const rootPath = stripDeleted(field(fields, 3));
  const targetPath = stripDeleted(field(fields, 4));
  const source = stripDeleted(field(fields, sep + 2));
  const optionalFields: string[] = [];
  for (let i = 6; i < sep; i++) optionalFields.push(field(fields, i));
  const entry = buildMountEntry(
    {
      source: source.text,
      target: targetPath.text,
      fstype: decodeMountEscapes(field(fields, sep + 1)),
      options: field(fields, 5),
      superOptions: field(fields, sep + 3),
      mountId: fieldNumber(fields, 0),
      parentId: fieldNumber(fields, 1),
      major: digitsValue(fields.line, fieldStart(fields, 2), colon),
      minor: digitsValue(fields.line, colon + 1, fieldEnd(fields, 2)),
      root: rootPath.text,
      optionalFields,
      deleted: rootPath.deleted || targetPath.deleted || source.deleted,
    },
    nfsOptions,
  );
  return { ok: true, entry };
}

function procMountsLine(fields: Fields, line: number, nfsOptions: ReadNfsOptions): LineResult {
  const hasOptions = fieldEnd(fields, 3) > fieldStart(fields, 3);
  const isValid = fields.count === 6 && isDigits(fields, 4) && isDigits(fields, 5) && hasOptions;
  if (!isValid) return parseFailure(PROC_MOUNTS_EXPECTED, fieldsText(fields), { line });
  const sourcePath = stripDeleted(field(fields, 0));
  const targetPath = stripDeleted(field(fields, 1));
  const entry = buildMountEntry(
    {
      source: sourcePath.text,
      target: targetPath.text,
      fstype: decodeMountEscapes(field(fields, 2)),
      options: field(fields, 3),
      deleted: sourcePath.deleted || targetPath.deleted,
    },
    nfsOptions,
  );
  return { ok: true, entry };
}

/** The marker is checked before decoding, so a directory really named "x (deleted)" is kept. */
function stripDeleted(field: string): { text: string; deleted: boolean } {
  const deleted = field.endsWith(DELETED_MARKER) && field.length > DELETED_MARKER.length;
  const kept = deleted ? field.slice(0, -DELETED_MARKER.length) : field;
  return { text: decodeMountEscapes(kept), deleted };
}

/** `ro` on either the mount or its superblock makes writes fail (e.g. errors=remount-ro). */
function readOnlyFrom(options: string, superOptions: string | null): boolean | null {
  const mount = readOnlyFlag(options);
  const sb = superOptions === null ? null : readOnlyFlag(superOptions);
  if (mount === true || sb === true) return true;
  return mount ?? sb;
}

/** The later of `ro`/`rw` wins, as mount(8) applies options left to right; null for neither. */
function readOnlyFlag(options: string): boolean | null {
  let flag = flagAt(options, 0);
  // Only the items after a comma that begin with `r` need a look.
  for (let at = options.indexOf(",r"); at !== -1; at = options.indexOf(",r", at + 1)) {
    flag = flagAt(options, at + 1) ?? flag;
  }
  return flag;
}

/** True for an `ro` item starting at `at`, false for `rw`, null for anything else. */
function flagAt(options: string, at: number): boolean | null {
  const end = at + 2;
  if (options.charCodeAt(at) !== 114) return null;
  if (end !== options.length && options.charCodeAt(end) !== 44) return null;
  const second = options.charCodeAt(at + 1);
  if (second === 111) return true;
  return second === 119 ? false : null;
}

/** Fills `parentTarget` from mount/parent ids where it is still unknown. */
export function linkMountParents(entries: MountEntry[]): void {
  const targets = new Map<number, string>();
  for (const entry of entries) {
    if (entry.mountId !== null) targets.set(entry.mountId, entry.target);
  }
  for (const entry of entries) {
    if (entry.parentTarget !== null || entry.parentId === null) continue;
    if (entry.parentId === entry.mountId) continue;
    entry.parentTarget = targets.get(entry.parentId) ?? null;
  }
}

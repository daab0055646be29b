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
import { isNfsFstype, parseNfsOptions, splitNfsSource } from "./nfs-options";

const DELETED_MARKER = "\\040(deleted)";
const MOUNTINFO_EXPECTED =
  'mountinfo line "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL…] - FSTYPE SOURCE SUPEROPTIONS"';
const PROC_MOUNTS_EXPECTED = '/proc/mounts line "SOURCE MOUNTPOINT FSTYPE OPTIONS DUMP PASS"';

type LineResult = { ok: true; entry: MountEntry } | ReturnType<typeof parseFailure>;

export function parseMountinfo(text: string): ParseResult<MountEntry[]> {
  const lines = text.split("\n");
  const entries: MountEntry[] = [];
  let isMountinfo: boolean | null = null;
  for (let i = 0; i < lines.length; i++) {
    const fields = splitFields(lines[i] ?? "");
    if (fields === null) continue;
    isMountinfo ??= isDigits(fields[0]) && /^\d+:\d+$/.test(fields[2] ?? "");
    const result = isMountinfo ? mountinfoLine(fields, i + 1) : procMountsLine(fields, i + 1);
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
    const merged = superOptions === null ? entry.options : `${entry.options},${superOptions}`;
    // parseNfsOptions returns a fresh object, so it is completed in place rather than copied.
    const nfs = parseNfsOptions(merged);
    nfs.readOnly = readOnly;
    entry.nfs = nfs;
    const { server, export: exportPath } = splitNfsSource(entry.source ?? "");
    entry.nfsServer = server;
    entry.nfsExport = exportPath;
  }
  return entry;
}

/** Whitespace-separated fields; null for a blank line. Runs of blanks occur in pasted copies. */
function splitFields(raw: string): string[] | null {
  const isTrimmed = raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32;
  const line = isTrimmed ? raw : raw.trim();
  if (line === "") return null;
  return line.includes("  ") || line.includes("\t") ? line.split(/\s+/) : line.split(" ");
}

function mountinfoLine(fields: string[], line: number): LineResult {
  const [id, parent, majorMinor, root, target, options] = fields;
  const sep = fields.indexOf("-", 6);
  const devMatch = majorMinor === undefined ? null : /^(\d+):(\d+)$/.exec(majorMinor);
  const isValid =
    devMatch !== null &&
    sep !== -1 &&
    fields.length === sep + 4 &&
    isDigits(id) &&
    isDigits(parent);
  if (!isValid || root === undefined || target === undefined || options === undefined) {
    return parseFailure(MOUNTINFO_EXPECTED, fields.join(" "), { line });
  }
  const rootPath = stripDeleted(root);
  const targetPath = stripDeleted(target);
  const source = stripDeleted(fields[sep + 2] ?? "");
  const entry = buildMountEntry({
    source: source.text,
    target: targetPath.text,
    fstype: decodeMountEscapes(fields[sep + 1] ?? ""),
    options,
    superOptions: fields[sep + 3] ?? "",
    mountId: Number(id),
    parentId: Number(parent),
    major: Number(devMatch[1]),
    minor: Number(devMatch[2]),
    root: rootPath.text,
    optionalFields: fields.slice(6, sep),
    deleted: rootPath.deleted || targetPath.deleted || source.deleted,
  });
  return { ok: true, entry };
}

function procMountsLine(fields: string[], line: number): LineResult {
  const [source, target, fstype, options, dump, pass] = fields;
  const isValid = fields.length === 6 && isDigits(dump) && isDigits(pass) && options;
  if (!isValid || source === undefined || target === undefined || fstype === undefined) {
    return parseFailure(PROC_MOUNTS_EXPECTED, fields.join(" "), { line });
  }
  const sourcePath = stripDeleted(source);
  const targetPath = stripDeleted(target);
  const entry = buildMountEntry({
    source: sourcePath.text,
    target: targetPath.text,
    fstype: decodeMountEscapes(fstype),
    options,
    deleted: sourcePath.deleted || targetPath.deleted,
  });
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

/** The later of `ro`/`rw` wins, as mount(8) applies options left to right. */
function readOnlyFlag(options: string): boolean | null {
  const ro = lastFlag(options, "ro");
  const rw = lastFlag(options, "rw");
  if (ro === -1 && rw === -1) return null;
  return ro > rw;
}

/**
 * Index of the last comma-delimited `flag` in `options`, or -1. Found with lastIndexOf and a
 * look at its neighbours: no array and no `,flag,` needle is built, twice per mount.
 */
function lastFlag(options: string, flag: string): number {
  let at = options.lastIndexOf(flag);
  while (at !== -1) {
    const before = at === 0 || options.charCodeAt(at - 1) === 44;
    const after = at + flag.length;
    if (before && (after === options.length || options.charCodeAt(after) === 44)) return at;
    at = at === 0 ? -1 : options.lastIndexOf(flag, at - 1);
  }
  return -1;
}

function isDigits(text: string | undefined): boolean {
  return text !== undefined && /^\d+$/.test(text);
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

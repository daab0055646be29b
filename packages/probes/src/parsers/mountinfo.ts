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
    const fields = (lines[i] ?? "").trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === "") continue;
    isMountinfo ??= /^\d+$/.test(fields[0] ?? "") && /^\d+:\d+$/.test(fields[2] ?? "");
    const result = isMountinfo ? mountinfoLine(fields, i + 1) : procMountsLine(fields, i + 1);
    if (!result.ok) return result;
    entries.push(result.entry);
  }
  linkParents(entries);
  return parsed(entries);
}

/** Undoes the kernel's octal escapes (`\040` → space); other backslashes stay as they are. */
export function decodeMountEscapes(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(/\\([0-3][0-7]{2})/g, (_, octal: string) =>
    String.fromCharCode(Number.parseInt(octal, 8)),
  );
}

/** A MountEntry with every key present; NFS details are filled in for nfs/nfs4. */
export function buildMountEntry(
  fields: Pick<MountEntry, "source" | "target" | "fstype" | "options"> & Partial<MountEntry>,
): MountEntry {
  const superOptions = fields.superOptions ?? null;
  const readOnly = fields.readOnly ?? readOnlyFrom(fields.options, superOptions);
  const entry: MountEntry = {
    superOptions,
    readOnly,
    mountId: null,
    parentId: null,
    major: null,
    minor: null,
    root: null,
    optionalFields: [],
    parentTarget: null,
    deleted: false,
    nfs: null,
    nfsServer: null,
    nfsExport: null,
    ...fields,
  };
  if (isNfsFstype(entry.fstype)) {
    const merged = superOptions === null ? entry.options : `${entry.options},${superOptions}`;
    entry.nfs = { ...parseNfsOptions(merged), readOnly };
    const { server, export: exportPath } = splitNfsSource(entry.source ?? "");
    entry.nfsServer = server;
    entry.nfsExport = exportPath;
  }
  return entry;
}

function mountinfoLine(fields: string[], line: number): LineResult {
  const [id, parent, majorMinor, root, target, options] = fields;
  const sep = fields.indexOf("-", 6);
  const fail = parseFailure(MOUNTINFO_EXPECTED, fields.join(" "), { line });
  if (id === undefined || parent === undefined || majorMinor === undefined) return fail;
  if (root === undefined || target === undefined || options === undefined) return fail;
  if (sep === -1 || fields.length !== sep + 4) return fail;
  const devMatch = /^(\d+):(\d+)$/.exec(majorMinor);
  if (!devMatch || !/^\d+$/.test(id) || !/^\d+$/.test(parent)) return fail;
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
  const isValid =
    fields.length === 6 && /^\d+$/.test(dump ?? "") && /^\d+$/.test(pass ?? "") && options;
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

function readOnlyFlag(options: string): boolean | null {
  let result: boolean | null = null;
  for (const option of options.split(",")) {
    if (option === "ro") result = true;
    else if (option === "rw") result = false;
  }
  return result;
}

function linkParents(entries: MountEntry[]): void {
  const targets = new Map<number, string>();
  for (const entry of entries) {
    if (entry.mountId !== null) targets.set(entry.mountId, entry.target);
  }
  for (const entry of entries) {
    if (entry.parentId === null || entry.parentId === entry.mountId) continue;
    entry.parentTarget = targets.get(entry.parentId) ?? null;
  }
}

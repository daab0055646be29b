/*
 * Mount option lists, and the NFS client options inside them:
 *
 *   rw,relatime,vers=4.1,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,
 *   retrans=2,sec=sys,clientaddr=10.0.0.5,local_lock=none,addr=10.0.0.1
 *   rw,nosuid,context="system_u:object_r:nfs_t:s0:c1,c2"
 *
 * Source: nfs(5), mount(8), fs/nfs/super.c nfs_show_mount_options() (what /proc/mounts prints).
 * Seen from kernels 3.10 (CentOS 7) to 6.x; nfs-utils 1.3 – 2.6 for the fstab spellings.
 */
import type { MountOptionMap, NfsMountOptions } from "@holmes/core";

type MountOptionValue = MountOptionMap[string];

const QUOTE = 34;
const COMMA = 44;

/**
 * Generic comma-separated option list. Later duplicates win, as they do for mount(8). The map has
 * no prototype so an option named `__proto__` or `constructor` is stored like any other.
 */
export function parseMountOptions(options: string): MountOptionMap {
  const map: MountOptionMap = Object.create(null);
  const list = options.trim();
  const isQuoteAware = hasQuotePairs(list);
  for (let start = 0; start < list.length; ) {
    const end = optionEnd(list, start, isQuoteAware);
    if (end > start) {
      const eq = indexWithin(list, "=", start, end);
      if (eq === -1) map[list.slice(start, end)] = true;
      else map[list.slice(start, eq)] = unquote(list.slice(eq + 1, end));
    }
    start = end + 1;
  }
  return map;
}

/** Typed NFS options; total: anything it cannot type goes to `other`, it never throws. */
export function parseNfsOptions(options: string): NfsMountOptions {
  return readNfsOptions(options).options;
}

/**
 * Reads the NFS options of one mount: its own option list and, from mountinfo, its superblock's,
 * which the kernel applies after it (so they are read as one list joined by a comma).
 */
export type ReadNfsOptions = (options: string, superOptions: string | null) => NfsMountOptions;

export function parseMountNfsOptions(
  options: string,
  superOptions: string | null,
): NfsMountOptions {
  return parseNfsOptions(joinOptions(options, superOptions));
}

/**
 * parseMountNfsOptions for one parse call over many mounts. A host's NFS mounts mostly share their
 * option strings, so each distinct list is parsed once; every call still returns its own object,
 * since callers complete it in place (readOnly).
 */
export function createNfsOptionsMemo(): ReadNfsOptions {
  // Most mounts share the strings of the mount before, which are compared rather than joined and
  // hashed; the map of every list read so far is only made once a second list turns up.
  let last:
    | { options: string; superOptions: string | null; text: string; read: ReadOptions }
    | undefined;
  let seen: Map<string, ReadOptions> | undefined;
  return (options, superOptions) => {
    if (last?.options !== options || last.superOptions !== superOptions) {
      const text = joinOptions(options, superOptions);
      let read = seen?.get(text);
      if (read === undefined) {
        read = readNfsOptions(text);
        if (last !== undefined) {
          seen ??= new Map([[last.text, last.read]]);
          seen.set(text, read);
        }
      }
      last = { options, superOptions, text, read };
    }
    const { options: typed, others } = last.read;
    return { ...typed, other: fillOptionMap(Object.create(null), others) };
  };
}

function joinOptions(options: string, superOptions: string | null): string {
  return superOptions === null ? options : `${options},${superOptions}`;
}

/** The options, and the untyped ones in order: `other` is built from (and copied by) the list. */
type ReadOptions = { options: NfsMountOptions; others: OtherOption[] };
type OtherOption = [key: string, value: MountOptionValue];

function readNfsOptions(text: string): ReadOptions {
  const options = emptyNfsOptions();
  const others: OtherOption[] = [];
  const list = text.trim();
  const isQuoteAware = hasQuotePairs(list);
  // Items are cut by offset rather than split into an array: this runs for every NFS mount.
  for (let start = 0; start < list.length; ) {
    const end = optionEnd(list, start, isQuoteAware);
    if (end > start) applyOption(options, others, list, start, end);
    start = end + 1;
  }
  fillOptionMap(options.other, others);
  return { options, others };
}

function applyOption(
  result: NfsMountOptions,
  others: OtherOption[],
  list: string,
  start: number,
  end: number,
): void {
  const eq = indexWithin(list, "=", start, end);
  if (eq === -1) {
    const flag = list.slice(start, end);
    if (!applyFlag(result, flag)) others.push([flag, true]);
    return;
  }
  const key = list.slice(start, eq);
  const value = unquote(list.slice(eq + 1, end));
  if (!applyValue(result, key, value)) others.push([key, value]);
}

/** Later duplicates overwrite the value but keep the first one's place, as plain stores do. */
function fillOptionMap(map: MountOptionMap, options: OtherOption[]): MountOptionMap {
  for (const [key, value] of options) map[key] = value;
  return map;
}

function emptyNfsOptions(): NfsMountOptions {
  return {
    vers: null,
    proto: null,
    hard: true,
    soft: false,
    softerr: false,
    timeo: null,
    retrans: null,
    rsize: null,
    wsize: null,
    acregmin: null,
    acregmax: null,
    acdirmin: null,
    acdirmax: null,
    actimeo: null,
    noac: false,
    cto: true,
    lock: true,
    intr: null,
    sec: null,
    port: null,
    mountaddr: null,
    addr: null,
    clientaddr: null,
    readOnly: null,
    other: Object.create(null),
  };
}

function applyValue(result: NfsMountOptions, key: string, value: string): boolean {
  // Named stores throughout, never result[key]: the key is a fresh slice of the text, and a
  // computed store with one looks it up in V8's string table on every option of every mount.
  switch (key) {
    case "vers":
    case "nfsvers":
      result.vers = value;
      return true;
    case "proto":
      result.proto = value;
      return true;
    case "sec":
      result.sec = value;
      return true;
    case "mountaddr":
      result.mountaddr = value;
      return true;
    case "addr":
      result.addr = value;
      return true;
    case "clientaddr":
      result.clientaddr = value;
      return true;
    default:
      return applyCount(result, key, value);
  }
}

/** Options whose value is a whole number (seconds, tenths of a second, bytes, a port). */
function applyCount(result: NfsMountOptions, key: string, value: string): boolean {
  const n = parseCount(value);
  if (n === null) return false;
  if (key === "timeo") result.timeo = n;
  else if (key === "retrans") result.retrans = n;
  else if (key === "rsize") result.rsize = n;
  else if (key === "wsize") result.wsize = n;
  else if (key === "acregmin") result.acregmin = n;
  else if (key === "acregmax") result.acregmax = n;
  else if (key === "acdirmin") result.acdirmin = n;
  else if (key === "acdirmax") result.acdirmax = n;
  else if (key === "actimeo") result.actimeo = n;
  else if (key === "port") result.port = n;
  else return false;
  return true;
}

/**
 * 1 to 15 decimal digits as a number, else null. Summed by hand: 15 digits stay below 2^53, so
 * this is exact, and it saves a regex test and a string-to-number conversion per option.
 */
function parseCount(value: string): number | null {
  if (value.length === 0 || value.length > 15) return null;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    n = n * 10 + digit;
  }
  return n;
}

/** Flags; when two contradict (`soft,hard`) the later one wins, as in the kernel's parser. */
function applyFlag(result: NfsMountOptions, key: string): boolean {
  switch (key) {
    case "hard":
    case "soft":
    case "softerr":
      result.hard = key === "hard";
      result.soft = key !== "hard";
      result.softerr = key === "softerr";
      return true;
    case "ro":
    case "rw":
      result.readOnly = key === "ro";
      return true;
    case "ac":
    case "noac":
      result.noac = key === "noac";
      return true;
    case "cto":
    case "nocto":
      result.cto = key === "cto";
      return true;
    case "lock":
    case "nolock":
      result.lock = key === "lock";
      return true;
    case "intr":
    case "nointr":
      result.intr = key === "intr";
      return true;
    default:
      return applyLegacyFlag(result, key);
  }
}

/** fstab spellings that predate `vers=`/`proto=`: `v3`, `v4.1`, `tcp`, `udp`, `rdma`. */
function applyLegacyFlag(result: NfsMountOptions, key: string): boolean {
  if (key === "tcp" || key === "udp" || key === "rdma") {
    result.proto = key;
    return true;
  }
  // Only `v…` can be a version, so other unknown flags skip the regex.
  if (key.charCodeAt(0) === 118 && /^v[234](?:\.[012])?$/.test(key)) {
    result.vers = key.slice(1);
    return true;
  }
  return false;
}

/**
 * Commas inside double quotes (SELinux `context="…:c1,c2"`) do not separate options, unless the
 * quotes are unbalanced: that is a paste artefact, not a value running to the end of the list.
 */
function hasQuotePairs(list: string): boolean {
  let quotes = list.indexOf('"');
  if (quotes === -1) return false;
  let count = 0;
  for (; quotes !== -1; quotes = list.indexOf('"', quotes + 1)) count++;
  return count % 2 === 0;
}

/** Index of the comma that ends the item starting at `start`, or list.length. */
function optionEnd(list: string, start: number, isQuoteAware: boolean): number {
  if (!isQuoteAware) {
    const comma = list.indexOf(",", start);
    return comma === -1 ? list.length : comma;
  }
  let quoted = false;
  for (let i = start; i < list.length; i++) {
    const ch = list.charCodeAt(i);
    if (ch === QUOTE) quoted = !quoted;
    else if (ch === COMMA && !quoted) return i;
  }
  return list.length;
}

/** Index of `char` in [from, to), or -1. */
function indexWithin(text: string, char: string, from: number, to: number): number {
  const at = text.indexOf(char, from);
  return at < to ? at : -1;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

/** Client-side NFS filesystem types; `nfsd` and `rpc_pipefs` are server plumbing, not mounts. */
export function isNfsFstype(fstype: string): boolean {
  return fstype === "nfs" || fstype === "nfs4";
}

/** `server:/export`, `[fe80::1]:/export` (IPv6 is bracketed) → server and export path. */
export function splitNfsSource(source: string): { server: string | null; export: string | null } {
  let server: string;
  let path: string;
  if (source.startsWith("[")) {
    const close = source.indexOf("]:");
    if (close === -1) return { server: null, export: null };
    server = source.slice(1, close);
    path = source.slice(close + 2);
  } else {
    const colon = source.indexOf(":");
    if (colon === -1) return { server: null, export: null };
    server = source.slice(0, colon);
    path = source.slice(colon + 1);
  }
  return { server: server === "" ? null : server, export: path === "" ? null : path };
}

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

/**
 * Generic comma-separated option list. Later duplicates win, as they do for mount(8). The map has
 * no prototype so an option named `__proto__` or `constructor` is stored like any other.
 */
export function parseMountOptions(options: string): MountOptionMap {
  const map: MountOptionMap = Object.create(null);
  for (const item of splitOptions(options.trim())) {
    const eq = item.indexOf("=");
    if (eq === -1) map[item] = true;
    else map[item.slice(0, eq)] = unquote(item.slice(eq + 1));
  }
  return map;
}

/** Typed NFS options; total: anything it cannot type goes to `other`, it never throws. */
export function parseNfsOptions(options: string): NfsMountOptions {
  const result = emptyNfsOptions();
  // A plain loop, not a callback: this runs for every NFS mount of every snapshot.
  for (const item of splitOptions(options.trim())) {
    const eq = item.indexOf("=");
    if (eq === -1) {
      if (!applyFlag(result, item)) result.other[item] = true;
      continue;
    }
    const key = item.slice(0, eq);
    const value = unquote(item.slice(eq + 1));
    if (!applyValue(result, key, value)) result.other[key] = value;
  }
  return result;
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
  const n = isCountKey(key) ? parseCount(value) : null;
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
  else result.port = n;
  return true;
}

function isCountKey(key: string): boolean {
  switch (key) {
    case "timeo":
    case "retrans":
    case "rsize":
    case "wsize":
    case "acregmin":
    case "acregmax":
    case "acdirmin":
    case "acdirmax":
    case "actimeo":
    case "port":
      return true;
    default:
      return false;
  }
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
  if (/^v[234](?:\.[012])?$/.test(key)) {
    result.vers = key.slice(1);
    return true;
  }
  return false;
}

/**
 * Non-empty items. Commas inside double quotes (SELinux `context="…:c1,c2"`) do not separate
 * options.
 */
function splitOptions(options: string): string[] {
  if (options === "") return [];
  const plain = options.includes('"') ? quotedSplit(options) : options.split(",");
  return plain.includes("") ? plain.filter((item) => item !== "") : plain;
}

function quotedSplit(options: string): string[] {
  const items: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < options.length; i++) {
    const ch = options.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 44 && !quoted) {
      items.push(options.slice(start, i));
      start = i + 1;
    }
  }
  items.push(options.slice(start));
  // An unbalanced quote is a paste artefact, not a value running to the end of the list.
  return quoted ? options.split(",") : items;
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

/*
 * Filesystem and NFS client messages:
 *
 *   XFS (dm-0): Log I/O Error Detected. Shutting down filesystem
 *   XFS (sdb): xfs_do_force_shutdown(0x2) called from line 1271 of file fs/xfs/xfs_log.c. …
 *   XFS (dm-0): metadata I/O error in "xlog_iodone" at daddr 0x3a0c0 len 64 error 5
 *   EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory …
 *   nfs: server fs1 not responding, still trying          nfs: server fs1 OK
 *   ls: cannot access '/mnt/data': Stale file handle
 *
 * Source: fs/xfs/xfs_fsops.c xfs_do_force_shutdown() (wording changed in 5.x: "Log I/O Error
 * (0x2) detected at …"), fs/xfs/xfs_buf.c, fs/ext4/super.c, net/sunrpc/clnt.c call_timeout().
 */
import type { KernelEvent } from "@holmes/core";
import { applyRules, deviceEvent, kernelEvent, kernelRules, toErrno } from "./kmsg-rules";
import { xfsDeviceEnd } from "./kmsg-scan";

const HEX = "(0x[0-9a-fA-F]+)";

/** The flag bits that kept their meaning across kernels (fs/xfs/xfs_mount.h SHUTDOWN_*). */
function shutdownReason(flags: string | undefined): string | null {
  const bits = flags === undefined ? 0 : Number.parseInt(flags, 16);
  if (bits & 0x2) return "log I/O error";
  if (bits & 0x1) return "metadata I/O error";
  if (bits & 0x8) return "in-memory corruption";
  if (bits & 0x4) return "forced unmount";
  return null;
}

function shutdown(device: string | null, detail: string | null, flags?: string): KernelEvent {
  const event = kernelEvent("xfs_shutdown", "critical");
  event.device = device;
  event.detail = detail;
  event.flags = flags ?? null;
  return event;
}

/** An event naming a device and a detail, the shape most filesystem errors take. */

const XFS_RULES = kernelRules([
  {
    pattern: /^(Log I\/O|I\/O|Metadata I\/O) Error (?:\((0x[0-9a-fA-F]+)\) )?[Dd]etected/,
    build: (m, ctx) =>
      shutdown(ctx.device, m[1] === "Log I/O" ? "log I/O error" : "metadata I/O error", m[2]),
  },
  {
    pattern: new RegExp(
      `^Corruption of (in-memory data|on-disk metadata) (?:\\(${HEX}\\) )?detected`,
    ),
    build: (m, ctx) =>
      shutdown(
        ctx.device,
        m[1] === "in-memory data" ? "in-memory corruption" : "on-disk corruption",
        m[2],
      ),
  },
  {
    pattern: new RegExp(`^(Block device removal|User initiated shutdown) \\(${HEX}\\)`),
    build: (m, ctx) =>
      shutdown(
        ctx.device,
        m[1] === "User initiated shutdown" ? "user initiated" : "device removed",
        m[2],
      ),
  },
  {
    pattern: /^All device paths lost/,
    build: (_, ctx) => shutdown(ctx.device, "all device paths lost"),
  },
  {
    pattern: new RegExp(`^Filesystem has been shut down due to ([a-zA-Z /-]{1,40}) \\(${HEX}\\)`),
    build: (m, ctx) => shutdown(ctx.device, m[1] ?? null, m[2]),
  },
  {
    pattern: /^Please un?mount the filesystem,? and rectify the problem/,
    build: (_, ctx) => shutdown(ctx.device, "unmount and rectify requested"),
  },
  {
    pattern: new RegExp(
      `^xfs_(?:do_)?force_shutdown\\((?:([^,()\\s]+),)?${HEX}\\) called from line`,
    ),
    build: (m, ctx) => shutdown(ctx.device ?? m[1] ?? null, shutdownReason(m[2]), m[2]),
  },
  {
    pattern: /^metadata I\/O error(?: in|:) (?:block 0x[0-9a-fA-F]+ \()?"([A-Za-z0-9_]+)[^"]*"/,
    build: (m, ctx) => metadataError(m[1] ?? "", ctx.device, /error (-?\d+)/.exec(m.input)?.[1]),
  },
  {
    pattern: /^(?:log I\/O error|xfs_log_force: error) (-?\d+)/,
    build: (m, ctx) => {
      const event = kernelEvent("xfs_log_io_error", "critical");
      event.device = ctx.device;
      event.errno = toErrno(m[1]);
      return event;
    },
  },
  {
    pattern: /^(?:Corruption detected\. Unmount and run xfs_repair|Internal error )/,
    build: (m, ctx) => deviceEvent("xfs_corruption", "critical", ctx.device, m.input.slice(0, 120)),
  },
]);

/** A failed buffer write from the log code (`xlog_*`) loses the journal, not just one block. */
function metadataError(fn: string, device: string | null, errno: string | undefined): KernelEvent {
  const isLog = fn.startsWith("xlog");
  const event = isLog
    ? deviceEvent("xfs_log_io_error", "critical", device, fn)
    : deviceEvent("xfs_metadata_io_error", "error", device, fn);
  event.errno = toErrno(errno);
  return event;
}

const EXT4_RULES = kernelRules([
  {
    pattern: /^EXT4-fs error \(device ([^)\s]+)\): (.{0,120})/,
    build: (m) => deviceEvent("ext4_error", "error", m[1] ?? null, m[2] ?? null),
  },
  {
    pattern:
      /^EXT4-fs \(([^)\s]+)\): (Remounting filesystem read-only|I\/O error while writing superblock)/,
    build: (m) => deviceEvent("ext4_error", "error", m[1] ?? null, m[2] ?? null),
  },
]);

const NFS_RULES = kernelRules([
  {
    pattern: /^(nfs|lockd): server (\S+) not responding, (still trying|timed out)/,
    build: (m) => {
      const event = kernelEvent("nfs_not_responding", "error");
      event.server = m[2] ?? null;
      event.detail = m[3] ?? null;
      event.operation = m[1] === "lockd" ? "lockd" : null;
      return event;
    },
  },
  {
    pattern: /^(nfs|lockd): server (\S+) OK/,
    build: (m) => {
      const event = kernelEvent("nfs_ok", "info");
      event.server = m[2] ?? null;
      event.operation = m[1] === "lockd" ? "lockd" : null;
      return event;
    },
  },
]);

/** `XFS (dm-0): …` (2.6.39+), `Filesystem "dm-0": …` (older), or one of two bare 2.6-era lines. */
export function classifyXfs(message: string): KernelEvent | null {
  const deviceEnd = xfsDeviceEnd(message);
  if (deviceEnd !== -1) {
    const device = message.slice(message.charCodeAt(0) === 88 /* X */ ? 5 : 12, deviceEnd);
    return applyRules(XFS_RULES, message.slice(deviceEnd + 3), { device, array: null });
  }
  // 2.6-era XFS printed these two without any device prefix.
  if (message.startsWith("xfs_") || message.startsWith("Please u")) {
    return applyRules(XFS_RULES, message);
  }
  return null;
}

/** `EXT4-fs error (device sda1): …`, `EXT4-fs (sda1): Remounting…`; every rule checks the prefix. */
export function classifyExt4(message: string): KernelEvent | null {
  return applyRules(EXT4_RULES, message);
}

/** `nfs: server fs1 not responding…`, `lockd: server fs1 OK`; every rule checks the prefix. */
export function classifyNfs(message: string): KernelEvent | null {
  return applyRules(NFS_RULES, message);
}

/**
 * ESTALE shows up in kernel lines and, more often, in the tools that hit it (`ls`, `df`). The
 * path is the token before `: Stale…`, quoted or not; found by scanning back, not by a regex,
 * so a long line cannot make this slow.
 */
export function classifyStaleHandle(message: string): KernelEvent {
  const event = kernelEvent("nfs_stale_handle", "error");
  const at = message.search(/: [Ss]tale (?:NFS )?file handle/);
  if (at <= 0) return event;
  const isQuoted = isQuote(message[at - 1] ?? "");
  const end = isQuoted ? at - 1 : at;
  let start = end;
  while (start > 0 && !isPathStop(message[start - 1] ?? "", isQuoted)) start--;
  const candidate = message.slice(start, end);
  event.path = candidate.startsWith("/") ? candidate : null;
  return event;
}

function isQuote(ch: string): boolean {
  return ch === "'" || ch === '"' || ch === "‘" || ch === "’" || ch === "`";
}

function isPathStop(ch: string, isQuoted: boolean): boolean {
  return isQuoted ? isQuote(ch) : ch === " " || ch === "\t";
}

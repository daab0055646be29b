/*
 * md (software RAID) kernel messages and mdadm --monitor events:
 *
 *   md/raid1:md0: Disk failure on sdb1, disabling device.
 *   md/raid:md0: Operation continuing on 3 devices.
 *   md/raid:md2: Cannot continue operation (2/4 failed).
 *   md: recovery of RAID array md0            md: md0: recovery done.
 *   raid5: Disk failure on sdc1, disabling device. Operation continuing on 2 devices  (2.6.x)
 *   mdadm[812]: Fail event detected on md device /dev/md0, component device /dev/sdb1
 *
 * Source: drivers/md/md.c, raid1.c, raid5.c, raid10.c (2.6.18 – 6.x); mdadm Monitor.c (3.x/4.x).
 */
import type { KernelEvent, KernelEventKind, KernelEventSeverity } from "@holmes/core";
import { applyRules, kernelEvent, kernelRules, toErrno, toSafeInt } from "./kmsg-rules";
import { isDigit, mdArrayEnd } from "./kmsg-scan";

/** 2.6-era `raid1: rest` with the array, if any, inside the rest. */
const OLD_PREFIX = /^(?:raid\d+|multipath): /;

type SyncKinds = { started: KernelEventKind; done: KernelEventKind };
const RESYNC: SyncKinds = { started: "md_resync_started", done: "md_resync_done" };
const RECOVERY: SyncKinds = { started: "md_recovery_started", done: "md_recovery_done" };
const CHECK: SyncKinds = { started: "md_check_started", done: "md_check_done" };
const RESHAPE: SyncKinds = { started: "md_reshape_started", done: "md_reshape_done" };
// A Map rather than an object: the action is a fresh regex capture, and looking up an object
// key by a new string first searches V8's table of internalized strings.
const SYNC_KINDS = new Map<string, SyncKinds>([
  ["sync", RESYNC],
  ["resync", RESYNC],
  ["requested-resync", RESYNC],
  ["recovery", RECOVERY],
  ["data-check", CHECK],
  ["check", CHECK],
  ["repair", CHECK],
  ["reshape", RESHAPE],
]);
const SYNC_ACTION = "(sync|resync|requested-resync|recovery|data-check|check|repair|reshape)";

/** Rules for the text after a personality prefix (or after an old `raidN: ` prefix). */
const ARRAY_RULES = kernelRules([
  {
    pattern:
      /^Disk failure on ([^,\s]+), disabling device\.?(?:\s*Operation continuing on (\d+) devices)?/,
    build: (m, ctx) => {
      const event = md("md_member_failed", "error", ctx.array);
      event.device = m[1] ?? null;
      event.activeDevices = toSafeInt(m[2]);
      return event;
    },
  },
  {
    pattern: /^Operation continuing on (\d+) devices/,
    build: (m, ctx) => {
      const event = md("md_array_degraded", "error", ctx.array);
      event.activeDevices = toSafeInt(m[1]);
      return event;
    },
  },
  {
    pattern: /^Cannot continue operation \((\d+)\/(\d+) failed\)/,
    build: (m, ctx) => {
      const event = md("md_cannot_continue", "critical", ctx.array);
      event.failedDevices = toSafeInt(m[1]);
      event.totalDevices = toSafeInt(m[2]);
      return event;
    },
  },
  {
    pattern: /^(?:(md\w*) )?not clean -- starting background reconstruction/,
    build: (m, ctx) => md("md_array_unclean", "warning", m[1] ?? ctx.array),
  },
  {
    pattern: /^(?:raid set (\S+) |raid level \d+ (?:set (\S+) )?)?active with (\d+) out of (\d+) /,
    build: (m, ctx) => activeWith(m[1] ?? m[2] ?? ctx.array, m[3], m[4]),
  },
  {
    pattern: /^read error not correctable \(sector (\d+) on ([^)\s]+)\)/,
    build: (m, ctx) => readError("error", ctx.array, m[2], m[1], "not correctable"),
  },
  {
    pattern: /^read error corrected \((\d+) sectors at (\d+) on ([^)\s]+)\)/,
    build: (m, ctx) => readError("warning", ctx.array, m[3], m[2], `corrected ${m[1]} sectors`),
  },
  {
    pattern: /^([^:\s]+): unrecoverable I\/O read error for block (\d+)/,
    build: (m, ctx) => readError("error", ctx.array, m[1], m[2], "unrecoverable"),
  },
]);

/** Rules for the text after `md: `. */
const MD_CORE_RULES = kernelRules([
  {
    pattern: /^md_import_device returned (-?\d+)/,
    build: (m) => {
      const errno = toErrno(m[1]);
      // -16 is EBUSY: the member is already claimed (mounted, in another array, held by LVM).
      const event =
        errno === 16
          ? md("md_import_device_busy", "warning", null)
          : md("md_import_device_failed", "error", null);
      event.errno = errno;
      return event;
    },
  },
  {
    pattern: /^kicking non-fresh ([^\s!]+) from array/,
    build: (m) => {
      const event = md("md_member_kicked", "error", null);
      event.device = m[1] ?? null;
      return event;
    },
  },
  {
    pattern: new RegExp(`^${SYNC_ACTION} of RAID array (\\S+)`),
    build: (m) => syncEvent(m[1], "started", m[2]),
  },
  { pattern: /^syncing RAID array (\S+)/, build: (m) => syncEvent("sync", "started", m[1]) },
  {
    pattern: new RegExp(`^([^:\\s]+): ${SYNC_ACTION} (done|interrupted)`),
    build: (m) => syncEvent(m[2], m[3] === "done" ? "done" : "interrupted", m[1]),
  },
  {
    pattern: /^(?:([^:\s]+): )?super_written gets error=(-?\d+)/,
    build: (m) => {
      const event = md("md_superblock_write_error", "error", m[1] ?? null);
      event.errno = toErrno(m[2]);
      return event;
    },
  },
]);

export function classifyMd(message: string): KernelEvent | null {
  // `md/raid1:md0: rest`; newer kernels name raid4/5/6 just `md/raid`.
  const arrayEnd = mdArrayEnd(message);
  if (arrayEnd !== -1) {
    const array = message.slice(message.indexOf(":") + 1, arrayEnd);
    return applyRules(ARRAY_RULES, message.slice(arrayEnd + 2), { device: null, array });
  }
  if (message.startsWith("md: ")) return applyRules(MD_CORE_RULES, message.slice(4));
  const old = OLD_PREFIX.exec(message);
  if (old) return applyRules(ARRAY_RULES, message.slice(old[0].length));
  return null;
}

// After a check, mdadm puts "mismatches found: N (on raid level L)" where the component goes.
const MDADM_EVENT =
  /^(\w+) event detected on md device (\S+?)(?:, component device\s+(mismatches found: \d+(?: \(on raid level \d+\))?|\S+?))?\s*$/;

/** mdadm's own syslog priority per event (Monitor.c), so the dashboard agrees with mail alerts. */
export function classifyMdadm(message: string, phrase: number): KernelEvent | null {
  // Start at the word before the phrase (` event detected on md device ` at `phrase`, found by
  // the caller): found by scanning back, not by an unanchored `\w+` search.
  if (phrase <= 0) return null;
  const start = message.lastIndexOf(" ", phrase - 1) + 1;
  const match = MDADM_EVENT.exec(message.slice(start));
  if (!match) return null;
  const name = match[1] ?? "";
  // Only a RebuildNN progress event ends in a digit.
  const progress = isDigit(name.charCodeAt(name.length - 1))
    ? /^Rebuild(\d{1,2})$/.exec(name)
    : null;
  const isCheckResult = match[3]?.startsWith("mismatches found") ?? false;
  const event = kernelEvent("mdadm_event", mdadmSeverity(name));
  event.array = stripDev(match[2]);
  event.device = isCheckResult ? null : stripDev(match[3]);
  event.operation = name;
  event.percent = progress ? toSafeInt(progress[1]) : null;
  event.detail = isCheckResult ? (match[3] ?? null) : null;
  return event;
}

/**
 * Critical: Fail…, Degraded…, DeviceDisappeared…; warning: Rebuild…, MoveSpare…, SparesMissing…;
 * anything else is info. The first letter leaves at most two names to compare.
 */
function mdadmSeverity(name: string): KernelEventSeverity {
  switch (name.charCodeAt(0)) {
    case 70: // F
      return name.startsWith("Fail") ? "critical" : "info";
    case 68: // D
      return name.startsWith("Degraded") || name.startsWith("DeviceDisappeared")
        ? "critical"
        : "info";
    case 82: // R
      return name.startsWith("Rebuild") ? "warning" : "info";
    case 77: // M
      return name.startsWith("MoveSpare") ? "warning" : "info";
    case 83: // S
      return name.startsWith("SparesMissing") ? "warning" : "info";
    default:
      return "info";
  }
}

function stripDev(path: string | undefined): string | null {
  if (path === undefined) return null;
  return path.startsWith("/dev/") ? path.slice(5) : path;
}

function md(
  kind: KernelEventKind,
  severity: KernelEventSeverity,
  array: string | null,
): KernelEvent {
  const event = kernelEvent(kind, severity);
  event.array = array;
  return event;
}

function readError(
  severity: KernelEventSeverity,
  array: string | null,
  device: string | undefined,
  sector: string | undefined,
  detail: string,
): KernelEvent {
  const event = md("md_read_error", severity, array);
  event.sector = toSafeInt(sector);
  event.device = device ?? null;
  event.detail = detail;
  return event;
}

/** `active with 1 out of 2 mirrors` is a degraded array even though it started. */
function activeWith(array: string | null, active?: string, total?: string): KernelEvent {
  const activeDevices = toSafeInt(active);
  const totalDevices = toSafeInt(total);
  const isDegraded =
    activeDevices !== null && totalDevices !== null && activeDevices < totalDevices;
  const event = isDegraded
    ? md("md_array_degraded", "error", array)
    : md("md_array_active", "info", array);
  event.activeDevices = activeDevices;
  event.totalDevices = totalDevices;
  return event;
}

function syncEvent(
  action: string | undefined,
  phase: "started" | "done" | "interrupted",
  array: string | undefined,
): KernelEvent | null {
  const kinds = action === undefined ? undefined : SYNC_KINDS.get(action);
  if (!kinds) return null;
  let event: KernelEvent;
  if (phase === "interrupted") event = md("md_sync_interrupted", "warning", array ?? null);
  else {
    // A recovery means a member is being rebuilt: the array is degraded until it is done.
    const severity =
      phase === "started" && kinds.started === "md_recovery_started" ? "warning" : "info";
    event = md(phase === "started" ? kinds.started : kinds.done, severity, array ?? null);
  }
  event.operation = action ?? null;
  return event;
}

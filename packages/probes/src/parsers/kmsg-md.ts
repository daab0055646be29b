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
import {
  applyRules,
  type KernelEventFields,
  kernelEvent,
  kernelRules,
  toErrno,
  toSafeInt,
} from "./kmsg-rules";

/** `md/raid1:md0: rest`; newer kernels name raid4/5/6 just `md/raid`. */
const PERSONALITY_PREFIX = /^md\/[a-z0-9]+:([^:\s]+): /;
/** 2.6-era `raid1: rest` with the array, if any, inside the rest. */
const OLD_PREFIX = /^(?:raid\d+|multipath): /;

const SYNC_KINDS: Record<string, { started: KernelEventKind; done: KernelEventKind }> = {
  sync: { started: "md_resync_started", done: "md_resync_done" },
  resync: { started: "md_resync_started", done: "md_resync_done" },
  "requested-resync": { started: "md_resync_started", done: "md_resync_done" },
  recovery: { started: "md_recovery_started", done: "md_recovery_done" },
  "data-check": { started: "md_check_started", done: "md_check_done" },
  check: { started: "md_check_started", done: "md_check_done" },
  repair: { started: "md_check_started", done: "md_check_done" },
  reshape: { started: "md_reshape_started", done: "md_reshape_done" },
};
const SYNC_ACTION = "(sync|resync|requested-resync|recovery|data-check|check|repair|reshape)";

/** Rules for the text after a personality prefix (or after an old `raidN: ` prefix). */
const ARRAY_RULES = kernelRules([
  {
    pattern:
      /^Disk failure on ([^,\s]+), disabling device\.?(?:\s*Operation continuing on (\d+) devices)?/,
    build: (m, ctx) =>
      md("md_member_failed", "error", ctx.array, {
        device: m[1] ?? null,
        activeDevices: toSafeInt(m[2]),
      }),
  },
  {
    pattern: /^Operation continuing on (\d+) devices/,
    build: (m, ctx) =>
      md("md_array_degraded", "error", ctx.array, { activeDevices: toSafeInt(m[1]) }),
  },
  {
    pattern: /^Cannot continue operation \((\d+)\/(\d+) failed\)/,
    build: (m, ctx) =>
      md("md_cannot_continue", "critical", ctx.array, {
        failedDevices: toSafeInt(m[1]),
        totalDevices: toSafeInt(m[2]),
      }),
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
    build: (m, ctx) =>
      md("md_read_error", "error", ctx.array, {
        sector: toSafeInt(m[1]),
        device: m[2] ?? null,
        detail: "not correctable",
      }),
  },
  {
    pattern: /^read error corrected \((\d+) sectors at (\d+) on ([^)\s]+)\)/,
    build: (m, ctx) =>
      md("md_read_error", "warning", ctx.array, {
        sector: toSafeInt(m[2]),
        device: m[3] ?? null,
        detail: `corrected ${m[1]} sectors`,
      }),
  },
  {
    pattern: /^([^:\s]+): unrecoverable I\/O read error for block (\d+)/,
    build: (m, ctx) =>
      md("md_read_error", "error", ctx.array, {
        device: m[1] ?? null,
        sector: toSafeInt(m[2]),
        detail: "unrecoverable",
      }),
  },
]);

/** Rules for the text after `md: `. */
const MD_CORE_RULES = kernelRules([
  {
    pattern: /^md_import_device returned (-?\d+)/,
    build: (m) => {
      const errno = toErrno(m[1]);
      // -16 is EBUSY: the member is already claimed (mounted, in another array, held by LVM).
      if (errno === 16) return md("md_import_device_busy", "warning", null, { errno });
      return md("md_import_device_failed", "error", null, { errno });
    },
  },
  {
    pattern: /^kicking non-fresh ([^\s!]+) from array/,
    build: (m) => md("md_member_kicked", "error", null, { device: m[1] ?? null }),
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
    build: (m) => md("md_superblock_write_error", "error", m[1] ?? null, { errno: toErrno(m[2]) }),
  },
]);

export function classifyMd(message: string): KernelEvent | null {
  const personality = PERSONALITY_PREFIX.exec(message);
  if (personality) {
    const rest = message.slice(personality[0].length);
    return applyRules(ARRAY_RULES, rest, { device: null, array: personality[1] ?? null });
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
export function classifyMdadm(message: string): KernelEvent | null {
  // Start at the word before the phrase: found with indexOf, not an unanchored `\w+` search.
  const phrase = message.indexOf(" event detected on md device ");
  if (phrase <= 0) return null;
  const start = message.lastIndexOf(" ", phrase - 1) + 1;
  const match = MDADM_EVENT.exec(message.slice(start));
  if (!match) return null;
  const name = match[1] ?? "";
  const progress = /^Rebuild(\d{1,2})$/.exec(name);
  const isCheckResult = match[3]?.startsWith("mismatches found") ?? false;
  return kernelEvent("mdadm_event", mdadmSeverity(name), {
    array: stripDev(match[2]),
    device: isCheckResult ? null : stripDev(match[3]),
    operation: name,
    percent: progress ? toSafeInt(progress[1]) : null,
    detail: isCheckResult ? (match[3] ?? null) : null,
  });
}

function mdadmSeverity(name: string): KernelEventSeverity {
  if (/^(?:Fail|Degraded|DeviceDisappeared)/.test(name)) return "critical";
  if (/^(?:Rebuild|MoveSpare|SparesMissing)/.test(name)) return "warning";
  return "info";
}

function stripDev(path: string | undefined): string | null {
  if (path === undefined) return null;
  return path.startsWith("/dev/") ? path.slice(5) : path;
}

function md(
  kind: KernelEventKind,
  severity: KernelEventSeverity,
  array: string | null,
  fields: Omit<KernelEventFields, "array"> = {},
): KernelEvent {
  const event = kernelEvent(kind, severity, fields);
  event.array = array;
  return event;
}

/** `active with 1 out of 2 mirrors` is a degraded array even though it started. */
function activeWith(array: string | null, active?: string, total?: string): KernelEvent {
  const activeDevices = toSafeInt(active);
  const totalDevices = toSafeInt(total);
  const isDegraded =
    activeDevices !== null && totalDevices !== null && activeDevices < totalDevices;
  return md(
    isDegraded ? "md_array_degraded" : "md_array_active",
    isDegraded ? "error" : "info",
    array,
    {
      activeDevices,
      totalDevices,
    },
  );
}

function syncEvent(
  action: string | undefined,
  phase: "started" | "done" | "interrupted",
  array: string | undefined,
): KernelEvent | null {
  const kinds = action === undefined ? undefined : SYNC_KINDS[action];
  if (!kinds) return null;
  const fields = { operation: action ?? null };
  if (phase === "interrupted") return md("md_sync_interrupted", "warning", array ?? null, fields);
  // A recovery means a member is being rebuilt: the array is degraded until it is done.
  const severity =
    phase === "started" && kinds.started === "md_recovery_started" ? "warning" : "info";
  return md(phase === "started" ? kinds.started : kinds.done, severity, array ?? null, fields);
}

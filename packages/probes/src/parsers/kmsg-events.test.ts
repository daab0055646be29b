// Event classification (kmsg-events.ts and its rule files) over the project's own captures:
// every line's expected event, value by value. Shared captures and framing: kmsg.test.ts.
import {
  KERNEL_EVENT_KINDS,
  type KernelEvent,
  type KernelLog,
  type KernelLogLine,
  KernelLogSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture, ownFixtureNames } from "../testing/fixtures";
import { parseKernelLog } from "./kmsg";

function parseOk(text: string, year?: number): KernelLog {
  const result = parseKernelLog(text, year === undefined ? {} : { year });
  if (!result.ok) throw new Error(`unexpected failure: ${JSON.stringify(result.error)}`);
  KernelLogSchema.parse(result.value);
  return result.value;
}

function line(log: KernelLog, lineNumber: number): KernelLogLine {
  const found = log.lines.find((l) => l.lineNumber === lineNumber);
  if (!found) throw new Error(`no line ${lineNumber}`);
  return found;
}

/** Expected event per line number; lines not listed must have no event. */
type Expected = Record<number, Partial<KernelEvent>>;

function expectEvents(log: KernelLog, expected: Expected) {
  for (const l of log.lines) {
    const want = expected[l.lineNumber];
    if (want === undefined) expect(l.event, `line ${l.lineNumber}: ${l.raw}`).toBeNull();
    else expect(l.event, `line ${l.lineNumber}: ${l.raw}`).toMatchObject(want);
  }
  expect(log.eventCount).toBe(Object.keys(expected).length);
}

/** Own fixtures: every line's expected event, value by value. */
const OWN: Record<string, Expected> = {
  "dmesg-md-raid1-raid10-degrade-rebuild.txt": {
    2: { kind: "md_member_kicked", device: "sdc1", array: null },
    3: {
      kind: "md_array_degraded",
      array: "md0",
      activeDevices: 1,
      totalDevices: 2,
      severity: "error",
    },
    5: { kind: "md_import_device_busy", errno: 16, severity: "warning" },
    6: { kind: "md_import_device_failed", errno: 22 },
    7: {
      kind: "md_array_active",
      array: "md1",
      activeDevices: 4,
      totalDevices: 4,
      severity: "info",
    },
    8: { kind: "md_array_degraded", array: "md2", activeDevices: 3, totalDevices: 4 },
    9: { kind: "md_recovery_started", array: "md0", severity: "warning" },
    10: { kind: "md_recovery_done", array: "md0", severity: "info" },
    11: { kind: "md_member_failed", array: "md1", device: "sdf1", activeDevices: null },
    12: { kind: "md_array_degraded", array: "md1", activeDevices: 3, totalDevices: null },
    13: { kind: "md_check_started", array: "md1", operation: "data-check" },
    14: { kind: "md_check_done", array: "md1" },
    15: { kind: "md_resync_started", array: "md3" },
    16: { kind: "md_sync_interrupted", array: "md3", operation: "resync", severity: "warning" },
    17: { kind: "md_reshape_started", array: "md2" },
    18: { kind: "md_reshape_done", array: "md2" },
    19: {
      kind: "md_read_error",
      array: "md0",
      device: "sdb1",
      sector: 262144,
      severity: "warning",
    },
    20: { kind: "md_read_error", array: "md0", device: "sdb1", sector: 1048576, severity: "error" },
    21: { kind: "md_resync_done", array: "md4" },
  },
  "journal-short-ata-xfs-nfs-ext4-hung.txt": {
    2: { kind: "ata_error", device: "ata3.00", severity: "error" },
    4: { kind: "ata_error", device: "ata3.00", operation: "READ FPDMA QUEUED" },
    5: { kind: "ata_error", detail: "status: { DRDY ERR }" },
    6: { kind: "ata_error", detail: "error: { UNC }" },
    7: { kind: "ata_error", device: "ata3", detail: "hard resetting link", severity: "warning" },
    10: { kind: "scsi_sense_error", device: "sdc", detail: "Medium Error" },
    11: { kind: "block_io_error", device: "sdc", sector: 497105952, operation: "READ" },
    13: { kind: "xfs_log_io_error", device: "dm-3", errno: 5, detail: "xlog_iodone" },
    14: { kind: "xfs_shutdown", device: "dm-3", flags: "0x2", detail: "log I/O error" },
    15: { kind: "xfs_shutdown", device: "dm-3", detail: "log I/O error" },
    16: { kind: "xfs_shutdown", device: "dm-3" },
    17: { kind: "xfs_log_io_error", device: "dm-3", errno: 5 },
    18: { kind: "xfs_shutdown", device: "dm-3", flags: "0x2", detail: "log error" },
    19: { kind: "xfs_shutdown", device: "sda1", detail: "in-memory corruption" },
    20: {
      kind: "xfs_metadata_io_error",
      device: "dm-4",
      errno: 5,
      detail: "xfs_buf_ioend",
      severity: "error",
    },
    21: { kind: "xfs_corruption", device: "dm-4" },
    22: { kind: "xfs_shutdown", device: "nvme0n1p4", flags: "0x2", detail: "log I/O error" },
    23: { kind: "xfs_shutdown", device: "nvme0n1p4" },
    24: { kind: "nfs_not_responding", server: "fs1", detail: "timed out", operation: null },
    25: { kind: "nfs_not_responding", server: "fs1", detail: "still trying", operation: "lockd" },
    26: { kind: "nfs_ok", server: "fs1" },
    27: { kind: "hung_task", detail: "postgres (pid 4411) blocked > 120 s" },
    30: { kind: "ext4_error", device: "sdb1" },
    31: { kind: "ext4_error", device: "sdb1", detail: "Remounting filesystem read-only" },
    32: { kind: "nfs_stale_handle", path: null },
    33: {
      kind: "block_io_error",
      device: "dm-5",
      block: 1310704,
      sector: null,
      detail: "async page read",
    },
  },
  "mixed-iso-ctime-kmsg-ansi-swiotlb.txt": {
    1: { kind: "swiotlb_full", device: "0000:41:00.0", bytes: 524288 },
    2: { kind: "swiotlb_full", device: "0000:03:00.0", bytes: 65536 },
    3: { kind: "swiotlb_full", device: "0000:03:00.0", bytes: 65536 },
    4: { kind: "scsi_sense_error", device: "sda", detail: "Hardware Error" },
    5: {
      kind: "block_io_error",
      device: "sdd",
      sector: 1953520000,
      detail: "critical medium error",
    },
    6: {
      kind: "block_io_error",
      device: "sde",
      sector: 0,
      operation: "WRITE",
      detail: "critical target error",
    },
    7: { kind: "md_member_failed", array: "md5", device: "nvme1n1p3" },
    8: { kind: "md_array_degraded", array: "md5", activeDevices: 1 },
    9: { kind: "md_cannot_continue", array: "md9", failedDevices: 3, totalDevices: 6 },
    10: { kind: "kernel_oops" },
    11: { kind: "ata_error", device: "ata5", severity: "error" },
    12: { kind: "nfs_stale_handle", path: "/mnt/nfs/reports 2023" },
    13: { kind: "block_device_offline", device: "sdk" },
    14: { kind: "ata_error", device: "ata7", severity: "warning" },
    15: { kind: "kernel_oops", detail: "Kernel panic - not syncing: Fatal exception" },
  },
  // mdadm --monitor after a checkarray run: the mismatch count sits where the component goes.
  "syslog-debian-checkarray-mismatches.txt": {
    1: { kind: "md_check_started", array: "md0", operation: "data-check" },
    2: {
      kind: "mdadm_event",
      operation: "RebuildFinished",
      array: "md0",
      device: null,
      detail: "mismatches found: 128 (on raid level 10)",
    },
    3: { kind: "mdadm_event", array: "md1", device: null, detail: "mismatches found: 0" },
  },
  "syslog-rhel5-raid5-xfs-mdadm.txt": {
    1: { kind: "md_member_failed", device: "sdc1", array: null, activeDevices: 2 },
    2: { kind: "block_io_error", device: "sdc", sector: 976767935, operation: null },
    3: { kind: "block_io_error", device: "sdc1", block: 122095984 },
    4: {
      kind: "mdadm_event",
      operation: "Fail",
      array: "md0",
      device: "sdc1",
      severity: "critical",
    },
    5: { kind: "mdadm_event", operation: "DegradedArray", array: "md0", device: null },
    6: { kind: "md_array_active", array: "md1", activeDevices: 2, totalDevices: 2 },
    7: { kind: "md_array_degraded", array: "md0", activeDevices: 2, totalDevices: 3 },
    8: { kind: "md_resync_started", array: "md0", operation: "sync" },
    9: { kind: "md_resync_done", array: "md0" },
    10: { kind: "mdadm_event", operation: "RebuildFinished", severity: "warning" },
    11: { kind: "mdadm_event", operation: "SpareActive", device: "sdd1", severity: "info" },
    12: { kind: "md_array_unclean", array: "md1" },
    13: { kind: "md_superblock_write_error", errno: 5 },
    14: { kind: "xfs_shutdown", device: "dm-2", detail: "log I/O error" },
    15: { kind: "xfs_shutdown", device: "dm-2", flags: "0x2", detail: "log I/O error" },
    16: { kind: "xfs_shutdown", device: null },
    17: { kind: "xfs_log_io_error", device: "dm-2", errno: 5 },
  },
};

describe("parseKernelLog on own fixtures", () => {
  it("has an expectation table for every own fixture", () => {
    expect(ownFixtureNames("kmsg")).toEqual(Object.keys(OWN).sort());
  });

  it.each(Object.entries(OWN))("%s", (name, events) => {
    expectEvents(parseOk(ownFixture(`kmsg/${name}`), 2023), events);
  });

  it("classifies every event kind somewhere in the own fixtures", () => {
    const seen = new Set<string>();
    for (const name of Object.keys(OWN)) {
      for (const l of parseOk(ownFixture(`kmsg/${name}`)).lines)
        if (l.event) seen.add(l.event.kind);
    }
    expect([...seen].sort()).toEqual([...KERNEL_EVENT_KINDS].sort());
  });

  it("frames every supported timestamp form", () => {
    const log = parseOk(ownFixture("kmsg/mixed-iso-ctime-kmsg-ansi-swiotlb.txt"));
    expect(line(log, 1)).toMatchObject({
      timestamp: {
        kind: "wallclock",
        text: "2023-11-20T10:00:00+0000",
        iso: "2023-11-20T10:00:00+00:00",
      },
      host: "gpu04",
      source: "kernel",
    });
    expect(line(log, 3).timestamp).toEqual({
      kind: "wallclock",
      text: "Mon Nov 20 10:00:01 2023",
      iso: "2023-11-20T10:00:01",
    });
    expect(line(log, 4).timestamp).toMatchObject({ iso: "2023-11-06T09:15:22" });
    expect(line(log, 5)).toMatchObject({
      level: "err",
      timestamp: { kind: "monotonic", seconds: 812.004411 },
    });
    expect(line(log, 6)).toMatchObject({ level: "err", timestamp: { seconds: 812.0045 } });
    expect(line(log, 7)).toMatchObject({
      level: "err",
      timestamp: { kind: "monotonic", seconds: 812.0046 },
    });
    expect(line(log, 8).level).toBe("warning");
    expect(line(log, 9)).toMatchObject({
      host: null,
      timestamp: { iso: "2023-11-20T10:05:00.123456+00:00" },
      message: "md/raid:md9: Cannot continue operation (3/6 failed).",
    });
    expect(line(log, 11).message).toBe("ata5: COMRESET failed (errno=-16)");
    expect(line(log, 11).raw).toContain("\x1b[32m");
  });

  it("takes the kernel's own uptime out of rsyslog lines", () => {
    const log = parseOk(ownFixture("kmsg/syslog-rhel5-raid5-xfs-mdadm.txt"), 2009);
    expect(line(log, 1)).toMatchObject({
      timestamp: { kind: "wallclock", text: "Mar  3 02:14:07", iso: "2009-03-03T02:14:07" },
      monotonicSeconds: 1722.339188,
      host: "fs01",
      source: "kernel",
    });
    expect(line(log, 1).message).toMatch(/^raid5: Disk failure on sdc1/);
    expect(line(log, 4)).toMatchObject({ source: "mdadm", monotonicSeconds: null });
    expect(line(log, 18)).toMatchObject({ host: null, message: "fs01 -- MARK --", event: null });
  });
});

describe("phrases that may sit anywhere in a message", () => {
  const eventOf = (message: string) => parseOk(`[    1.000000] ${message}`).lines[0]?.event;

  it("gives the mdadm phrase precedence wherever it is, even where it overlaps another", () => {
    // ", dev " ends with the space that " event detected…" starts with.
    expect(eventOf("x, dev event detected on md device /dev/md0")).toMatchObject({
      kind: "mdadm_event",
      operation: "dev",
      array: "md0",
    });
    expect(
      eventOf("ls: '/mnt/x': Stale file handle Fail event detected on md device /dev/md1"),
    ).toMatchObject({ kind: "mdadm_event", operation: "Fail", array: "md1" });
  });

  it("prefers a stale handle to block trouble, and reads the first `, dev ` tail", () => {
    expect(eventOf("blk: I/O error, dev sdb, sector 5 ESTALE")).toMatchObject({
      kind: "nfs_stale_handle",
    });
    expect(eventOf("x error, dev , dev y, sector 2")).toBeNull();
    expect(eventOf("I/O error, dev sdc, sector 9 Sense Key : Medium Error")).toMatchObject({
      kind: "block_io_error",
      device: "sdc",
      sector: 9,
    });
    expect(eventOf("sd 0:0:0:0: [sdb] Sense Key : Medium Error, dev sdb, sector 1")).toBeNull();
  });
});

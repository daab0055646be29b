import {
  type KernelEvent,
  type KernelLog,
  type KernelLogLine,
  KernelLogSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { fixture, fixtureNames, hasSharedFixtures, ownFixture } from "../testing/fixtures";
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

const SHARED: Record<string, { lines: number; events: Expected }> = {
  "anaconda-syslog-md-raid1-not-clean-resync-and-mdadm-events.txt": {
    lines: 11,
    events: {
      2: { kind: "md_array_unclean", severity: "warning", array: "md0" },
      3: { kind: "md_array_active", array: "md0", activeDevices: 2, totalDevices: 2 },
      4: {
        kind: "mdadm_event",
        operation: "DeviceDisappeared",
        array: "md0",
        severity: "critical",
      },
      6: { kind: "md_resync_started", array: "md0", operation: "resync" },
      7: { kind: "mdadm_event", operation: "NewArray", severity: "info" },
      8: { kind: "mdadm_event", operation: "RebuildStarted", severity: "warning" },
      9: { kind: "mdadm_event", operation: "Rebuild23", percent: 23 },
    },
  },
  "dmesg-nfs-server-ok-then-not-responding-still-trying.txt": {
    lines: 18,
    events: {
      1: { kind: "nfs_ok", server: "100.73.159.36", severity: "info" },
      2: { kind: "nfs_ok", server: "100.73.159.36" },
      3: { kind: "nfs_ok", server: "100.73.159.36" },
      16: { kind: "nfs_not_responding", server: "100.73.159.36", detail: "still trying" },
      17: { kind: "nfs_not_responding", server: "100.73.159.36", detail: "still trying" },
      18: { kind: "nfs_not_responding", server: "100.73.159.36", detail: "still trying" },
    },
  },
  "dmesg-sata-link-reset-md-raid5-disk-failure-cannot-continue.txt": {
    lines: 17,
    events: {
      2: { kind: "block_device_offline", device: "0:1:0:0" },
      4: { kind: "block_io_error", device: "sdb", sector: 14008336, operation: "WRITE" },
      5: { kind: "md_superblock_write_error", errno: 5 },
      6: { kind: "md_member_failed", array: "md2", device: "sdb6", severity: "error" },
      7: {
        kind: "md_cannot_continue",
        array: "md2",
        failedDevices: 2,
        totalDevices: 4,
        severity: "critical",
      },
      11: { kind: "scsi_sense_error", device: "sdb", detail: "Medium Error" },
      14: { kind: "block_io_error", device: "sdb", sector: 14010528, operation: "READ" },
      15: {
        kind: "md_read_error",
        array: "md2",
        device: "sdb6",
        sector: 2208,
        detail: "not correctable",
      },
      16: { kind: "md_read_error", array: "md2", device: "sdb6", sector: 2216 },
      17: { kind: "md_read_error", array: "md2", device: "sdb6", sector: 2224 },
    },
  },
  "journal-xfs-log-io-error-shutting-down-ebs.txt": {
    lines: 2,
    events: {
      1: { kind: "xfs_shutdown", device: "xvdb", detail: "log I/O error", severity: "critical" },
      2: { kind: "xfs_shutdown", device: "xvdb", detail: "unmount and rectify requested" },
    },
  },
  "swiotlb-full-dma-out-of-sw-iommu-space-then-gpf.txt": {
    lines: 3,
    events: {
      1: { kind: "swiotlb_full", device: "0000:00:05.0", bytes: 4096 },
      2: { kind: "swiotlb_full", device: "0000:00:05.0", bytes: 4096 },
      3: { kind: "kernel_oops", severity: "critical" },
    },
  },
  "userspace-ls-stale-file-handle.txt": {
    lines: 1,
    events: { 1: { kind: "nfs_stale_handle", path: "/mnt/dataset/" } },
  },
};

describe.runIf(hasSharedFixtures("kmsg shared corpus"))("parseKernelLog on shared captures", () => {
  it("covers every file of kmsg/", () => {
    expect(fixtureNames("kmsg")).toEqual(Object.keys(SHARED).sort());
  });

  it.each(Object.entries(SHARED))("%s", (name, { lines, events }) => {
    const log = parseOk(fixture(`kmsg/${name}`));
    expect(log.lines).toHaveLength(lines);
    expectEvents(log, events);
  });

  it("reads the anaconda installer format: time, level, facility", () => {
    const log = parseOk(
      fixture("kmsg/anaconda-syslog-md-raid1-not-clean-resync-and-mdadm-events.txt"),
    );
    expect(line(log, 2)).toMatchObject({
      timestamp: { kind: "wallclock", text: "23:54:39,681", iso: null },
      level: "info",
      source: "kernel",
      host: null,
      message: "md/raid1:md0: not clean -- starting background reconstruction",
    });
    expect(line(log, 4)).toMatchObject({ level: "crit", source: "mdadm" });
    expect(line(log, 10).source).toBe("org.fedoraproject.Anaconda.Modules.Storage");
  });

  it("reads dmesg monotonic stamps and journal short stamps without inventing a year", () => {
    const dmesg = parseOk(fixture("kmsg/dmesg-nfs-server-ok-then-not-responding-still-trying.txt"));
    expect(line(dmesg, 16).timestamp).toEqual({ kind: "monotonic", seconds: 1576939.453001 });
    expect(line(dmesg, 16).message).toBe("nfs: server 100.73.159.36 not responding, still trying");
    const journal = fixture("kmsg/journal-xfs-log-io-error-shutting-down-ebs.txt");
    expect(line(parseOk(journal), 1)).toMatchObject({
      timestamp: { kind: "wallclock", text: "Jun 08 11:45:16", iso: null },
      host: "ip-10-8-4-150.eu-west-1.compute.internal",
      source: "kernel",
    });
    expect(line(parseOk(journal, 2016), 1).timestamp).toEqual({
      kind: "wallclock",
      text: "Jun 08 11:45:16",
      iso: "2016-06-08T11:45:16",
    });
  });
});

describe("parseKernelLog edge cases", () => {
  it("treats empty input as an empty log and skips blank lines", () => {
    expect(parseOk("")).toEqual({ lines: [], eventCount: 0 });
    const log = parseOk("\n\n[    1.000000] nfs: server a OK\n\n");
    expect(log.lines.map((l) => l.lineNumber)).toEqual([3]);
  });

  it("keeps unrecognised lines with a null event", () => {
    const log = parseOk("hello\nworld: 1 2 3");
    expect(log.lines.map((l) => [l.message, l.event])).toEqual([
      ["hello", null],
      ["world: 1 2 3", null],
    ]);
  });

  it("fails only on bytes that cannot be a text log, naming their line", () => {
    const result = parseKernelLog("[ 1.0] ok\n[ 2.0] fine\nbin\u0000ary");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(3);
    expect(result.error.got).toBe("bin\u0000ary");
    expect(result.error.expected).toContain("NUL");
    // Other control bytes (a BEL from a serial console) are odd text, not binary.
    expect(parseKernelLog("a\u0007b\ttab\r\n").ok).toBe(true);
  });

  it("gives the same lines for CRLF line endings", () => {
    const text = ownFixture("kmsg/journal-short-ata-xfs-nfs-ext4-hung.txt");
    expect(parseOk(text.replaceAll("\n", "\r\n"))).toEqual(parseOk(text));
  });

  it.each([2023.5, 12345, -1, Number.NaN])("ignores an unusable year %s", (year) => {
    const log = parseOk("Nov 20 10:00:00 h kernel: x", year);
    expect(line(log, 1).timestamp).toMatchObject({ iso: null });
  });

  it("pads single-digit days and keeps fractional seconds", () => {
    const log = parseOk("Nov  5 10:00:00.123456 h kernel: x", 2023);
    expect(line(log, 1).timestamp).toEqual({
      kind: "wallclock",
      text: "Nov  5 10:00:00.123456",
      iso: "2023-11-05T10:00:00.123456",
    });
  });

  it("stays linear on long hostile lines", () => {
    const word = "a".repeat(50_000);
    const hostile = [
      `${word} x event detected on md device /dev/md0`,
      `md/raid1:md0: Disk failure on ${word}`,
      `ls: ${"/".repeat(50_000)}: Stale file handle`,
      `sd 0:0:0:0: [${word} Sense Key : ${word}`,
      `${"[a".repeat(20_000)}`,
      `I/O error${", dev ".repeat(10_000)}, sector 1`,
    ].join("\n");
    const started = performance.now();
    expect(parseOk(hostile).lines).toHaveLength(6);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("does not read a month-like word as a timestamp", () => {
    const log = parseOk("Foo 20 10:00:00 h kernel: x\nMay be nothing");
    expect(log.lines.every((l) => l.timestamp === null)).toBe(true);
  });
});

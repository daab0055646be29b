import { AppError } from "@holmes/core";
import { describe, expect, it } from "vitest";
import {
  ALLOWED_COMMAND_IDS,
  FIXED_COMMAND_IDS,
  fixedCommand,
  isAllowedInvocation,
  kernelLogSince,
  lvmBackup,
  mdadmDetail,
  mdadmExamine,
  resolveInvocation,
  sfdiskDump,
  smartctl,
} from "./allowlist";
import { LVM_COLUMN_FIELDS, LVM_COLUMN_SEPARATOR } from "./lvm-columns";

const DEVICE_BUILDERS = [
  ["mdadmDetail", mdadmDetail],
  ["mdadmExamine", mdadmExamine],
  ["smartctl", smartctl],
  ["sfdiskDump", sfdiskDump],
] as const;

const HOSTILE_DEVICES = [
  "sda;reboot",
  "/dev/sda;reboot",
  "$(id)",
  "/dev/$(id)",
  "`id`",
  "",
  "--help",
  "/dev/md/../sda",
  "/dev/sda\n",
];

describe("builders", () => {
  it("produce the documented argv", () => {
    expect(smartctl("/dev/sda").argv).toEqual([
      "smartctl",
      "--json=c",
      "-x",
      "--nocheck=standby",
      "/dev/sda",
    ]);
    expect(mdadmDetail("/dev/md/data").argv).toEqual(["mdadm", "--detail", "/dev/md/data"]);
    expect(mdadmExamine("/dev/sdb1").argv).toEqual(["mdadm", "--examine", "/dev/sdb1"]);
    expect(sfdiskDump("/dev/nvme0n1").argv).toEqual(["sfdisk", "--dump", "/dev/nvme0n1"]);
    expect(lvmBackup("vg0").argv).toEqual(["cat", "/etc/lvm/backup/vg0"]);
    expect(kernelLogSince(1_700_000_000).argv).toEqual([
      "journalctl",
      "-k",
      "-o",
      "short-iso",
      "--since",
      "@1700000000",
      "--no-pager",
    ]);
  });

  it("give each invocation an id, a parser format and its privilege", () => {
    expect(smartctl("/dev/sda")).toMatchObject({
      id: "smartctl:/dev/sda",
      commandId: "smartctl",
      format: "smartctl",
      privileged: true,
      fallback: null,
    });
    expect(lvmBackup("vg0")).toMatchObject({ format: "vgcfgbackup", privileged: true });
    expect(fixedCommand("mdstat")).toMatchObject({
      id: "mdstat",
      format: "mdstat",
      privileged: false,
    });
    expect(kernelLogSince(0).fallback).toMatchObject({
      id: "kernel-log-dmesg",
      argv: ["dmesg"],
      format: "kmsg",
    });
    expect(fixedCommand("mdadm-conf-debian").fallback?.argv).toEqual(["cat", "/etc/mdadm.conf"]);
  });

  describe.each(DEVICE_BUILDERS)("%s", (_name, build) => {
    it.each(HOSTILE_DEVICES)("throws BAD_REQUEST for %j", (value) => {
      expect(() => build(value)).toThrow(AppError);
      try {
        build(value);
      } catch (error) {
        expect(error).toMatchObject({ code: "BAD_REQUEST" });
      }
    });
  });

  it.each(["..", ".", "-vg", "vg/../../etc/shadow", "vg;reboot", "$(id)", ""])(
    "lvmBackup throws for %j",
    (vg) => {
      expect(() => lvmBackup(vg)).toThrow(AppError);
    },
  );

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e13])(
    "kernelLogSince throws for %s",
    (seconds) => {
      expect(() => kernelLogSince(seconds)).toThrow(AppError);
    },
  );
});

describe("isAllowedInvocation", () => {
  it("accepts every fixed command and every builder's output", () => {
    const fixed = FIXED_COMMAND_IDS.map(fixedCommand);
    for (const invocation of [
      ...fixed,
      smartctl("/dev/sda"),
      lvmBackup("vg0"),
      kernelLogSince(5),
    ]) {
      expect(isAllowedInvocation(invocation.argv)).toBe(true);
      expect(resolveInvocation(invocation.argv)).toEqual(invocation);
    }
  });

  it.each([
    [["cat", "/etc/shadow"]],
    [["cat", "/etc/lvm/backup/../../shadow"]],
    [["cat", "/proc/mdstat", "/etc/shadow"]],
    [["smartctl", "--json=c", "-x", "/dev/sda"]],
    [["smartctl", "--json=c", "-x", "--nocheck=standby", "/dev/sda;reboot"]],
    [["mdadm", "--detail", "/dev/md0", "--remove"]],
    [["mdadm", "--stop", "/dev/md0"]],
    [["journalctl", "-k", "-o", "short-iso", "--since", "@-1", "--no-pager"]],
    [["journalctl", "-k", "-o", "short-iso", "--since", "yesterday", "--no-pager"]],
    [["sh", "-c", "cat /proc/mdstat"]],
    [["reboot"]],
    [[]],
  ])("refuses %j", (argv) => {
    expect(isAllowedInvocation(argv)).toBe(false);
  });

  it("lists every command id once", () => {
    expect(new Set(ALLOWED_COMMAND_IDS).size).toBe(ALLOWED_COMMAND_IDS.length);
    expect(ALLOWED_COMMAND_IDS).toEqual(
      expect.arrayContaining(["mdstat", "smartctl", "lvm-backup", "kernel-log"]),
    );
  });
});

describe("fallbacks for hosts whose tools predate JSON output", () => {
  it.each([
    ["mountinfo", "proc-mounts", ["cat", "/proc/mounts"], false],
    ["losetup", "losetup-all", ["losetup", "-a"], true],
  ] as const)("%s falls back on %s", (primary, fallback, argv, privileged) => {
    expect(fixedCommand(primary).fallback).toMatchObject({ id: fallback, argv, privileged });
  });

  it.each(["pv", "vg", "lv"] as const)("%ss falls back on its column report", (kind) => {
    const fallback = fixedCommand(`${kind}s`).fallback;
    expect(fallback?.argv).toEqual([
      `${kind}s`,
      "--noheadings",
      "--separator",
      "|",
      "--units",
      "b",
      "--nosuffix",
      "-o",
      LVM_COLUMN_FIELDS[kind].join(","),
    ]);
    expect(fallback).toMatchObject({ privileged: true, format: "lvm-columns", fallback: null });
    // The argv maps back to the same entry, as the forced-command host and the simulator need.
    expect(resolveInvocation(fallback?.argv ?? [])?.id).toBe(`${kind}s-columns`);
  });

  it("refuses an LVM column report with other columns", () => {
    const argv = [...(fixedCommand("vgs-columns").argv ?? [])];
    argv[argv.length - 1] = "vg_name,vg_tags";
    expect(isAllowedInvocation(argv)).toBe(false);
  });

  it("asks LVM for no column whose value could hold the separator", () => {
    const all = Object.values(LVM_COLUMN_FIELDS).flat();
    expect(all.every((field) => /^[a-z_]+$/.test(field))).toBe(true);
    expect(all).not.toContain("lv_tags");
    expect(LVM_COLUMN_SEPARATOR).toBe("|");
  });
});

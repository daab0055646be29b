import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParseResult } from "@holmes/core";
import {
  parseKernelLog,
  parseLosetup,
  parseLvmReport,
  parseMdadmDetail,
  parseMdadmExamine,
  parseMdstat,
  parseMountinfo,
  parseMountstats,
  parseSmartctl,
} from "@holmes/probes/parsers";
import { sharedFixturesDir } from "@holmes/probes/testing/fixtures";
import { describe, expect, it } from "vitest";
import type { Expectation } from "../types";
import { evaluateExpectation } from "./evaluate";

// Real captures (../shared/fixtures, see SOURCES.md) parsed by the collector's own parsers: the
// expectations are judged on exactly what a run will hand them. A missing file fails the test.
// The corpus lives beside the repository: a fresh clone without it skips this file with one line
// (CI requires it; `sharedFixturesDir` throws there when it is missing).
const FIXTURES = sharedFixturesDir();
if (FIXTURES) expectationsOnRealCaptures(FIXTURES);
else it.skip("runbook expectations on real captures need ../shared/fixtures", () => {});

function expectationsOnRealCaptures(fixtures: string): void {
  const text = (path: string) => readFileSync(join(fixtures, path), "utf8");

  function parsed<T>(parse: (input: string) => ParseResult<T>, input: string): T {
    const result = parse(input);
    if (!result.ok) throw new Error(`fixture did not parse: ${JSON.stringify(result.error)}`);
    return result.value;
  }

  const mdstat = (path: string) => parsed(parseMdstat, text(`mdstat/${path}`));
  const RECOVERY = text("mdstat/pymdstat-05-raid5-md127-recovery-12pct.txt");
  const recovering = parsed(parseMdstat, RECOVERY);
  const PAIRS = mdstat("pymdstat-09-raid1-pair-plus-inactive-all-spares.txt");
  const COMPOSITE = mdstat(
    "procfs-composite-20-arrays-raid0-1-5-6-linear-imsm-resync-recovery-check-reshape.txt",
  );
  const AUTO_RO = mdstat(
    "libstorage-ng-imsm-container-md127-with-raid1-raid0-members-auto-read-only.txt",
  );

  const passes = (expect: Expectation, output: unknown, previous?: unknown) =>
    evaluateExpectation(expect, output, previous).passed;

  describe("mdstat expectations", () => {
    it("array-state compares only the given fields", () => {
      expect(
        passes({ that: "array-state", array: "/dev/md0", state: "active", degraded: false }, PAIRS),
      ).toBe(true);
      expect(passes({ that: "array-state", array: "md2", state: "inactive" }, PAIRS)).toBe(true);
      expect(
        passes(
          { that: "array-state", array: "md127", degraded: true, activeDisks: 5, raidDisks: 6 },
          recovering,
        ),
      ).toBe(true);
      const outcome = evaluateExpectation(
        { that: "array-state", array: "md127", degraded: false },
        recovering,
      );
      expect(outcome).toMatchObject({
        passed: false,
        summary: "md127: degraded is true, expected false",
      });
      expect(outcome.details).toContain("degraded: expected false, found true");
    });

    it("array-state read_only means (read-only), not auto-read-only", () => {
      expect(passes({ that: "array-state", array: "md101", readOnly: true }, COMPOSITE)).toBe(true);
      expect(passes({ that: "array-state", array: "md125", readOnly: true }, AUTO_RO)).toBe(false);
    });

    it("array-state fails for an array that is not there, naming the ones that are", () => {
      const outcome = evaluateExpectation(
        { that: "array-state", array: "/dev/md9", state: "active" },
        PAIRS,
      );
      expect(outcome).toEqual({
        passed: false,
        summary: "md9 is not in /proc/mdstat",
        details: ["arrays listed: md0, md1, md2"],
      });
    });

    it("array-absent", () => {
      expect(passes({ that: "array-absent", array: "/dev/md127" }, PAIRS)).toBe(true);
      expect(passes({ that: "array-absent", array: "/dev/md2" }, PAIRS)).toBe(false);
    });

    it("devices-unused sees members of inactive arrays too", () => {
      expect(passes({ that: "devices-unused", devices: ["/dev/sdg1", "/dev/sdh9"] }, PAIRS)).toBe(
        true,
      );
      const outcome = evaluateExpectation(
        { that: "devices-unused", devices: ["/dev/sde1", "/dev/sdc"] },
        PAIRS,
      );
      expect(outcome.passed).toBe(false);
      expect(outcome.details).toEqual([
        "sde1 is a member of md0 (active)",
        "sdc is a member of md2 (inactive)",
      ]);
    });

    it("sync-idle", () => {
      expect(passes({ that: "sync-idle", array: "md0" }, PAIRS)).toBe(true);
      expect(
        evaluateExpectation({ that: "sync-idle", array: "md127" }, recovering).summary,
      ).toMatch(/md127: recovery running at 12.6%/);
      expect(passes({ that: "sync-idle", array: "md9" }, COMPOSITE)).toBe(false); // resync=DELAYED
    });
  });

  describe("sync-progressing", () => {
    const expectation: Expectation = { that: "sync-progressing", array: "md127" };
    const later = parsed(parseMdstat, RECOVERY.replace("12.6% (37043392/", "13.4% (39313392/"));

    it("passes a running recovery on its first observation and asks for a second", () => {
      const outcome = evaluateExpectation(expectation, recovering);
      expect(outcome.passed).toBe(true);
      expect(outcome.details).toEqual(["run the check again to confirm it advances"]);
    });

    it("passes when the recovery advanced since the previous observation", () => {
      expect(evaluateExpectation(expectation, later, recovering)).toMatchObject({
        passed: true,
        summary: expect.stringContaining("(was 12.6%)"),
      });
    });

    it("fails when it has not advanced", () => {
      expect(evaluateExpectation(expectation, recovering, recovering)).toMatchObject({
        passed: false,
        summary: "md127: recovery has not advanced since the previous check",
      });
    });

    it("passes when the recovery finished in between and the array is whole", () => {
      expect(
        passes(
          { that: "sync-progressing", array: "md0" },
          PAIRS,
          parsed(parseMdstat, RECOVERY.replaceAll("md127", "md0")),
        ),
      ).toBe(true);
    });

    it("fails when nothing runs, and explains a pending sync of an auto-read-only array", () => {
      expect(passes({ that: "sync-progressing", array: "md0" }, PAIRS)).toBe(false);
      const pending = evaluateExpectation({ that: "sync-progressing", array: "md11" }, COMPOSITE);
      expect(pending).toMatchObject({
        passed: false,
        summary: "md11: resync is pending, not running",
      });
      expect(pending.details[0]).toMatch(/auto-read-only/);
    });

    it("takes a reshape as progress too", () => {
      expect(passes({ that: "sync-progressing", array: "md42" }, COMPOSITE)).toBe(true);
    });
  });

  describe("sync-progressing-or-complete", () => {
    const watch = (array: string): Expectation => ({ that: "sync-progressing-or-complete", array });
    const DEGRADED = mdstat("pymdstat-07-raid1-6slot-faulty-member-degraded.txt");

    it("passes an array that is whole with nothing running, even on the first check", () => {
      // A bitmap re-add that finished before anyone looked: sync-progressing fails here.
      expect(passes({ that: "sync-progressing", array: "md0" }, PAIRS)).toBe(false);
      expect(evaluateExpectation(watch("md0"), PAIRS)).toMatchObject({
        passed: true,
        summary: "md0: no resync or recovery running and not degraded (complete)",
      });
    });

    it("judges a running recovery like sync-progressing", () => {
      const later = parsed(parseMdstat, RECOVERY.replace("12.6% (37043392/", "13.4% (39313392/"));
      expect(passes(watch("md127"), recovering)).toBe(true);
      expect(passes(watch("md127"), later, recovering)).toBe(true);
      expect(evaluateExpectation(watch("md127"), recovering, recovering)).toMatchObject({
        passed: false,
        summary: "md127: recovery has not advanced since the previous check",
      });
    });

    it("fails a degraded array that nothing rebuilds", () => {
      expect(evaluateExpectation(watch("md1"), DEGRADED)).toMatchObject({
        passed: false,
        summary: "md1 is degraded and nothing is rebuilding it",
      });
    });

    it("fails a pending sync, an inactive array and a missing one", () => {
      expect(passes(watch("md11"), COMPOSITE)).toBe(false);
      expect(passes(watch("md2"), PAIRS)).toBe(false);
      expect(evaluateExpectation(watch("md9"), PAIRS).summary).toBe("md9 is not in /proc/mdstat");
    });
  });

  describe("mdadm --detail expectations", () => {
    const faulty = parsed(parseMdadmDetail, text("mdadm-detail/jc-raid1-faulty.txt"));
    const rebuilding = parsed(
      parseMdadmDetail,
      text("mdadm-detail/jc-raid1-spare-writem-rebuild.txt"),
    );

    it("detail-state checks state words and counts", () => {
      expect(
        passes(
          { that: "detail-state", includes: ["degraded"], failedDevices: 1, activeDevices: 1 },
          faulty,
        ),
      ).toBe(true);
      expect(
        evaluateExpectation({ that: "detail-state", excludes: ["degraded"] }, faulty),
      ).toMatchObject({ passed: false, summary: "/dev/md126: state is degraded" });
      expect(passes({ that: "detail-state", includes: ["clean"], raidDevices: 3 }, faulty)).toBe(
        false,
      );
    });

    it("member-state finds a member by path and its flags", () => {
      expect(
        passes(
          { that: "member-state", device: "/dev/vda2", present: true, flags: ["faulty"] },
          faulty,
        ),
      ).toBe(true);
      expect(passes({ that: "member-state", device: "/dev/vda2", present: false }, faulty)).toBe(
        false,
      );
      expect(passes({ that: "member-state", device: "/dev/vdb1", present: false }, faulty)).toBe(
        true,
      );
      expect(
        passes(
          {
            that: "member-state",
            device: "/dev/vda2",
            present: true,
            flags: ["spare", "rebuilding"],
          },
          rebuilding,
        ),
      ).toBe(true);
      expect(
        evaluateExpectation(
          {
            that: "member-state",
            device: "/dev/vda4",
            present: true,
            flags: ["spare", "rebuilding"],
          },
          rebuilding,
        ).summary,
      ).toBe("vda4 is active sync, not spare rebuilding");
    });
  });

  describe("mdadm --examine: superblock", () => {
    const examined = parsed(parseMdadmExamine, text("mdadm-examine/jc-raid1-0-90-ok.txt"));

    it("null (mdadm printed no superblock) and a parsed superblock", () => {
      expect(passes({ that: "superblock", present: false }, null)).toBe(true);
      expect(passes({ that: "superblock", present: true }, null)).toBe(false);
      expect(passes({ that: "superblock", present: true }, examined)).toBe(true);
      expect(evaluateExpectation({ that: "superblock", present: false }, examined).summary).toMatch(
        /3f720601:29af5283:96fc04a8:108a4af7 is still on the device/,
      );
    });
  });

  describe("mount expectations", () => {
    const mounts = parsed(
      parseMountinfo,
      text("mountinfo/procfs-nfs4-twice-nfs3-udp-xfs-overlay.txt"),
    );

    it("mounted / not-mounted", () => {
      expect(
        passes({ that: "mounted", path: "/mnt/nfs/test", fstype: "nfs", readOnly: false }, mounts),
      ).toBe(true);
      expect(passes({ that: "mounted", path: "/", fstype: "xfs" }, mounts)).toBe(false);
      expect(passes({ that: "mounted", path: "/srv" }, mounts)).toBe(false);
      expect(passes({ that: "not-mounted", path: "/srv" }, mounts)).toBe(true);
      expect(passes({ that: "not-mounted", path: "/mnt/nfs/test" }, mounts)).toBe(false);
    });

    it("no-nfs-mount-with-option reads the superblock options", () => {
      expect(passes({ that: "no-nfs-mount-with-option", option: "soft" }, mounts)).toBe(true);
      const hard = evaluateExpectation(
        { that: "no-nfs-mount-with-option", option: "hard" },
        mounts,
      );
      expect(hard).toMatchObject({ passed: false, summary: "3 NFS mount(s) with hard" });
      const soft = parsed(
        parseMountinfo,
        text("mountinfo/procfs-nfs4-twice-nfs3-udp-xfs-overlay.txt")
          .replace("udp,timeo=11,retrans=3", "udp,soft,timeo=11,retrans=3")
          .replace(",hard,proto=udp", ",proto=udp"),
      );
      expect(
        evaluateExpectation({ that: "no-nfs-mount-with-option", option: "soft" }, soft).details,
      ).toEqual(["/mnt/nfs/test (192.168.1.1:/srv/test) has soft"]);
    });

    it("nfs-retransmissions-steady needs two observations", () => {
      const stats = text("mountstats/procfs-nfs4-tcp-plus-local-fs.txt");
      const now = parsed(parseMountstats, stats);
      expect(
        evaluateExpectation({ that: "nfs-retransmissions-steady", maxIncrease: 0 }, now).summary,
      ).toMatch(/first observation/);
      expect(
        passes(
          { that: "nfs-retransmissions-steady", maxIncrease: 0, path: "/mnt/nfs/test" },
          now,
          now,
        ),
      ).toBe(true);
      expect(
        passes({ that: "nfs-retransmissions-steady", maxIncrease: 0, path: "/nowhere" }, now, now),
      ).toBe(false);
    });
  });

  describe("losetup, lvm, smartctl, kernel log, uname", () => {
    const loops = parsed(parseLosetup, text("losetup/insights-l-rhel8-dio-logsec.txt"));
    const vgs = parsed(parseLvmReport, text("lvm/libstorage-ng-vgs-json-basic.json"));
    const lvs = parsed(parseLvmReport, text("lvm/libstorage-ng-lvs-json-linear-root-swap.json"));
    const smart = parsed(parseSmartctl, text("smartctl-json/netdata-ata-hdd.json"));
    const xfsLog = parsed(
      parseKernelLog,
      text("kmsg/journal-xfs-log-io-error-shutting-down-ebs.txt"),
    );
    const nfsLog = parsed(
      parseKernelLog,
      text("kmsg/dmesg-nfs-server-ok-then-not-responding-still-trying.txt"),
    );

    it("loop-attached / loop-detached", () => {
      expect(
        passes({ that: "loop-attached", device: "/dev/loop0", backFile: "/root/disk1.img" }, loops),
      ).toBe(true);
      expect(
        passes({ that: "loop-attached", device: "/dev/loop0", backFile: "/root/disk2.img" }, loops),
      ).toBe(false);
      expect(passes({ that: "loop-detached", device: "/dev/loop3" }, loops)).toBe(true);
      expect(passes({ that: "loop-detached", device: "/dev/loop2" }, loops)).toBe(false);
    });

    it("vg-present / lv-active", () => {
      expect(passes({ that: "vg-present", vg: "system" }, vgs)).toBe(true);
      expect(passes({ that: "vg-present", vg: "vg0" }, vgs)).toBe(false);
      expect(passes({ that: "lv-active", vg: "system", lv: "root" }, lvs)).toBe(true);
      expect(passes({ that: "lv-active", vg: "system", lv: "home" }, lvs)).toBe(false);
    });

    it("smart-healthy judges the overall verdict and attributes 5 and 197", () => {
      expect(passes({ that: "smart-healthy", maxReallocated: 0, maxPending: 0 }, smart)).toBe(true);
      expect(passes({ that: "smart-healthy" }, { ...smart, passed: false })).toBe(false);
      const worn = {
        ...smart,
        attributes: smart.attributes.map((a) => (a.id === 5 ? { ...a, raw: 8 } : a)),
      };
      expect(
        evaluateExpectation({ that: "smart-healthy", maxReallocated: 0 }, worn).summary,
      ).toMatch(/8 reallocated sectors \(limit 0\)/);
      expect(passes({ that: "smart-healthy", maxReallocated: 10 }, worn)).toBe(true);
    });

    it("no-kernel-events by kind and device", () => {
      expect(passes({ that: "no-kernel-events", events: ["xfs_shutdown"] }, xfsLog)).toBe(false);
      expect(
        passes(
          { that: "no-kernel-events", events: ["xfs_shutdown"], device: "/dev/loop3" },
          xfsLog,
        ),
      ).toBe(true);
      expect(
        passes({ that: "no-kernel-events", events: ["xfs_shutdown"], device: "/dev/xvdb" }, xfsLog),
      ).toBe(false);
      expect(passes({ that: "no-kernel-events", events: ["xfs_shutdown"] }, nfsLog)).toBe(true);
      expect(passes({ that: "no-kernel-events", events: ["nfs_not_responding"] }, nfsLog)).toBe(
        false,
      );
    });

    it("kernel-at-least compares versions numerically", () => {
      const atLeast = (version: string, uname: string) =>
        passes({ that: "kernel-at-least", version }, uname);
      expect(atLeast("2.6.21", "2.6.18-419.el5")).toBe(false);
      expect(atLeast("2.6.21", "2.6.21")).toBe(true);
      expect(atLeast("2.6.21", "2.6.32-754.el6.x86_64")).toBe(true);
      expect(atLeast("2.6.21", "3.10.0-1160.el7.x86_64\n")).toBe(true);
      expect(atLeast("3.10", "3.9.11")).toBe(false);
      expect(atLeast("2.6.21", "Linux")).toBe(false);
    });
  });

  describe("output of the wrong shape", () => {
    it.each([
      [{ that: "array-state", array: "md0" }, { arrays: "nope" }],
      [{ that: "array-state", array: "md0" }, null],
      [{ that: "mounted", path: "/" }, { not: "a list" }],
      [{ that: "mounted", path: "/" }, [{ target: "/" }]],
      [{ that: "kernel-at-least", version: "2.6.21" }, 42],
      [{ that: "smart-healthy" }, undefined],
      [{ that: "sync-progressing", array: "md127" }, recovering, "garbage"],
    ] as [Expectation, unknown, unknown?][])(
      "%o on %o fails with a reason, never throws",
      (expectation, output, previous) => {
        const outcome = evaluateExpectation(expectation, output, previous);
        expect(outcome.passed).toBe(false);
        expect(outcome.summary).toMatch(/cannot evaluate/);
      },
    );
  });
}

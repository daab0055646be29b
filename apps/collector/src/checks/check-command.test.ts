import type { ParseResult } from "@holmes/core";
import { resolveInvocation } from "@holmes/probes/commands";
import { fixture, hasSharedFixtures } from "@holmes/probes/testing/fixtures";
import {
  CHECK_PROBE_NAMES,
  type CheckProbe,
  type Expectation,
  evaluateExpectation,
} from "@holmes/runbooks";
import { describe, expect, it } from "vitest";
import { checkInvocation, readCheckOutput } from "./check-command";

const NOW = new Date("2026-11-22T10:00:00Z");

/** Valid arguments for every probe, and what each must run. */
const EXAMPLES: Record<CheckProbe, { args: Record<string, string>; argv: string[] }> = {
  mdstat: { args: {}, argv: ["cat", "/proc/mdstat"] },
  "mdadm-detail": { args: { array: "/dev/md1" }, argv: ["mdadm", "--detail", "/dev/md1"] },
  "mdadm-examine": { args: { device: "/dev/sdb1" }, argv: ["mdadm", "--examine", "/dev/sdb1"] },
  mountinfo: { args: {}, argv: ["cat", "/proc/self/mountinfo"] },
  mountstats: { args: {}, argv: ["cat", "/proc/self/mountstats"] },
  losetup: { args: {}, argv: ["losetup", "--list", "--json"] },
  lvm: {
    args: { report: "lvs" },
    argv: ["lvs", "--reportformat", "json", "--units", "b", "--nosuffix"],
  },
  smartctl: {
    args: { device: "/dev/sda" },
    argv: ["smartctl", "--json=c", "-x", "--nocheck=standby", "/dev/sda"],
  },
  kmsg: {
    args: { since_minutes: "30" },
    argv: [
      "journalctl",
      "-k",
      "-o",
      "short-iso",
      "--since",
      `@${NOW.getTime() / 1000 - 1800}`,
      "--no-pager",
    ],
  },
  uname: { args: {}, argv: ["uname", "-r"] },
};

describe("checkInvocation", () => {
  it.each(CHECK_PROBE_NAMES)("maps %s to exactly one allowlisted command", (probe) => {
    const example = EXAMPLES[probe];
    const invocation = checkInvocation(probe, example.args, NOW);
    expect(invocation.argv).toEqual(example.argv);
    expect(resolveInvocation(invocation.argv)?.id).toBe(invocation.id);
  });

  it("covers every probe the runbook format names", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...CHECK_PROBE_NAMES].sort());
  });

  it("uses defaults for optional arguments", () => {
    expect(checkInvocation("lvm", {}, NOW).argv[0]).toBe("vgs");
    expect(checkInvocation("kmsg", {}, NOW).argv).toContain(`@${NOW.getTime() / 1000 - 3600}`);
  });

  it.each([
    ["mdadm-detail", { array: "/dev/md0; reboot" }, /refused argument/],
    ["mdadm-detail", {}, /"array" is missing/],
    ["mdadm-examine", { device: "$(rm -rf /)" }, /refused argument/],
    ["smartctl", { device: "../etc/shadow" }, /refused argument/],
    ["lvm", { report: "lvremove" }, /pvs, vgs or lvs/],
    ["kmsg", { since_minutes: "-5" }, /since_minutes/],
    ["kmsg", { since_minutes: "1e9" }, /since_minutes/],
    ["kmsg", { since_minutes: "0" }, /since_minutes/],
  ] as const)("refuses %s with %j", (probe, args, message) => {
    expect(() => checkInvocation(probe, args, NOW)).toThrow(message);
  });
});

/** The section id of the command's fallback, which answers when the primary failed. */
function fallbackId(probe: CheckProbe, args: Record<string, string> = {}): string {
  const id = checkInvocation(probe, args, NOW).fallback?.id;
  if (!id) throw new Error(`${probe} has no fallback`);
  return id;
}

function read(
  probe: CheckProbe,
  args: Record<string, string>,
  output: string,
  answeredId?: string,
) {
  const invocation = checkInvocation(probe, args, NOW);
  return readCheckOutput(probe, invocation, answeredId ?? invocation.id, output);
}

function judged(expect: Expectation, parsed: ParseResult<unknown>) {
  if (!parsed.ok) throw new Error(`not parsed: ${JSON.stringify(parsed.error)}`);
  return evaluateExpectation(expect, parsed.value);
}

// mdadm's own text (Examine.c pr_err; super-mbr.c examine_mbr), stderr folded into stdout.
const NO_SUPERBLOCK = "mdadm: No md superblock detected on /dev/sdd1.\n";
const MBR_DISK = [
  "/dev/sdd:",
  "   MBR Magic : aa55",
  "Partition[0] :      1048576 sectors at         2048 (type fd)",
  "Partition[1] :   1952473088 sectors at      1050624 (type fd)",
  "",
].join("\n");
const NO_SUPERBLOCK_EXPECTED = { that: "superblock", present: false } as const;

describe("readCheckOutput", () => {
  it("parses with the command's parser, and passes text through trimmed", () => {
    expect(read("mdstat", {}, "Personalities : [raid1]\nunused devices: <none>\n").ok).toBe(true);
    expect(read("uname", {}, "6.8.0-45-generic\n")).toEqual({
      ok: true,
      value: "6.8.0-45-generic",
    });
    expect(read("losetup", {}, "not json").ok).toBe(false);
  });

  it("reads mdadm's 'No md superblock detected' as no superblock, not as output it cannot parse", () => {
    const args = { device: "/dev/sdd1" };
    const outcome = judged(NO_SUPERBLOCK_EXPECTED, read("mdadm-examine", args, NO_SUPERBLOCK));
    expect(outcome.passed).toBe(true);
    const present = judged(
      { that: "superblock", present: true },
      read("mdadm-examine", args, NO_SUPERBLOCK),
    );
    expect(present.passed).toBe(false);
  });

  it("reads a whole disk's partition-table dump as no superblock, saying its partitions were not examined", () => {
    const outcome = judged(
      NO_SUPERBLOCK_EXPECTED,
      read("mdadm-examine", { device: "/dev/sdd" }, MBR_DISK),
    );
    expect(outcome.passed).toBe(true);
    expect(`${outcome.summary} ${outcome.details.join(" ")}`).toMatch(/partition/i);
  });

  it.runIf(hasSharedFixtures("readCheckOutput"))(
    "still parses a real superblock, and refuses text that is neither",
    () => {
      const member = fixture("mdadm-examine/jc-raid1-ok.txt");
      const outcome = judged(
        NO_SUPERBLOCK_EXPECTED,
        read("mdadm-examine", { device: "/dev/sdb1" }, member),
      );
      expect(outcome.passed).toBe(false);
      expect(
        read("mdadm-examine", { device: "/dev/sdb1" }, "mdadm: cannot open /dev/sdb1\n").ok,
      ).toBe(false);
    },
  );

  it("reads the fallback's text form with the poll's parser when the JSON form was refused", () => {
    const loops = read(
      "losetup",
      {},
      "/dev/loop0: [0016]:4099 (/mnt/archive/dvd.iso)\n",
      fallbackId("losetup"),
    );
    expect(loops).toMatchObject({
      ok: true,
      value: [{ name: "/dev/loop0", backFile: "/mnt/archive/dvd.iso" }],
    });
    const vgs = read(
      "lvm",
      { report: "vgs" },
      "  VolGroup00|4Gk1Xq-2wYs-Zl9B-tM4r-EKq8-o1aY-3fHb8N|wz--n-|159786205184|0|33554432|4762|0|1|2|0|3\n",
      fallbackId("lvm", { report: "vgs" }),
    );
    expect(vgs).toMatchObject({ ok: true, value: { vgs: [{ vgName: "VolGroup00", lvCount: 2 }] } });
    // The same text under the primary's id is not JSON: the form is chosen by what answered.
    expect(read("losetup", {}, "/dev/loop0: [0016]:4099 (/mnt/archive/dvd.iso)\n").ok).toBe(false);
  });
});

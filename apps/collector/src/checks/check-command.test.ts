import { resolveInvocation } from "@holmes/probes/commands";
import { CHECK_PROBE_NAMES, type CheckProbe } from "@holmes/runbooks";
import { describe, expect, it } from "vitest";
import { checkInvocation, parseCheckOutput } from "./check-command";

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

describe("parseCheckOutput", () => {
  it("parses with the command's parser, and passes text through trimmed", () => {
    const mdstat = parseCheckOutput(
      checkInvocation("mdstat", {}, NOW),
      "Personalities : [raid1]\nunused devices: <none>\n",
    );
    expect(mdstat.ok).toBe(true);
    expect(parseCheckOutput(checkInvocation("uname", {}, NOW), "6.8.0-45-generic\n")).toEqual({
      ok: true,
      value: "6.8.0-45-generic",
    });
    expect(parseCheckOutput(checkInvocation("losetup", {}, NOW), "not json").ok).toBe(false);
  });
});

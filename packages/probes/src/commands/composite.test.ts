import { AppError } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fixedCommand,
  isAllowedInvocation,
  kernelLogSince,
  lvmBackup,
  mdadmDetail,
  smartctl,
} from "./allowlist";
import { composeProbe, parseComposite, probeTimeoutMs, toProbeCommand } from "./composite";
import { splitShellLine, toShellLine } from "./shell";
import { invocationListArbitrary } from "./testing/arbitraries";

const SAMPLE = [
  fixedCommand("mdstat"),
  smartctl("/dev/sda"),
  lvmBackup("vg0"),
  kernelLogSince(1_700_000_000),
];
const sampleScript = composeProbe(SAMPLE, { useSudo: true });

function runnerLines(script: string): string[] {
  return script.split("; ").filter((statement) => statement.startsWith("holmes_run "));
}

describe("composeProbe", () => {
  it("writes one line: a fixed preamble, then one runner call per invocation", () => {
    expect(sampleScript).not.toContain("\n");
    expect(sampleScript.startsWith("LC_ALL=C; export LC_ALL; PATH=")).toBe(true);
    expect(runnerLines(sampleScript)).toEqual([
      "holmes_run mdstat 5 user cat /proc/mdstat",
      "holmes_run smartctl:/dev/sda 30 sudo smartctl --json=c -x --nocheck=standby /dev/sda",
      "holmes_run lvm-backup:vg0 5 sudo cat /etc/lvm/backup/vg0",
      "holmes_run kernel-log:1700000000 20 sudo journalctl -k -o short-iso --since @1700000000 --no-pager || holmes_run kernel-log-dmesg 20 sudo dmesg",
    ]);
  });

  it("runs privileged commands without sudo when the host option is off", () => {
    const script = composeProbe(SAMPLE, { useSudo: false });
    expect(runnerLines(script).every((line) => line.split(" ")[3] === "user")).toBe(true);
  });

  it("passes every runner line through the quoting inverse", () => {
    fc.assert(
      fc.property(invocationListArbitrary, fc.boolean(), (invocations, useSudo) => {
        for (const line of runnerLines(composeProbe(invocations, { useSudo }))) {
          for (const step of line.split(" || ")) {
            const words = splitShellLine(step);
            expect(words?.[0]).toBe("holmes_run");
            expect(isAllowedInvocation(words?.slice(4) ?? [])).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [
      "a changed argument",
      {
        ...smartctl("/dev/sda"),
        argv: ["smartctl", "--json=c", "-x", "--nocheck=standby", "/dev/sda;reboot"],
      },
    ],
    ["a hand-made command", { ...fixedCommand("mdstat"), argv: ["cat", "/etc/shadow"] }],
    ["a forged id", { ...fixedCommand("mdstat"), id: "mdstat; reboot" }],
    ["a lowered privilege", { ...lvmBackup("vg0"), privileged: false }],
    ["a dropped fallback", { ...kernelLogSince(1), fallback: null }],
    ["a longer timeout", { ...mdadmDetail("/dev/md0"), timeoutMs: 3_600_000 }],
  ])(
    "refuses %s, even once the genuine invocation with its id was composed",
    (_case, invocation) => {
      const genuine = [fixedCommand("mdstat"), lvmBackup("vg0"), kernelLogSince(1)];
      composeProbe([...genuine, mdadmDetail("/dev/md0")], { useSudo: true });
      expect(() => composeProbe([invocation], { useSudo: true })).toThrow(AppError);
    },
  );

  it("refuses an invocation its caller changed after it was composed", () => {
    // A device no other test composes, so the statement kept is this invocation's.
    const invocation = mdadmDetail("/dev/md77");
    composeProbe([invocation], { useSudo: true });
    (invocation.argv as string[])[0] = "rm";
    expect(() => composeProbe([invocation], { useSudo: true })).toThrow(AppError);
  });

  it("refuses the same section twice", () => {
    expect(() =>
      composeProbe([fixedCommand("mdstat"), fixedCommand("mdstat")], { useSudo: false }),
    ).toThrow(/duplicate/);
  });
});

describe("parseComposite", () => {
  it("inverts composeProbe, for the script and for its sh -c command", () => {
    fc.assert(
      fc.property(invocationListArbitrary, fc.boolean(), (invocations, useSudo) => {
        const script = composeProbe(invocations, { useSudo });
        expect(parseComposite(script)).toEqual(invocations);
        expect(parseComposite(toProbeCommand(script))).toEqual(invocations);
      }),
      { numRuns: 600 },
    );
  });

  const tampered: Array<[string, string]> = [
    ["an appended command", `${sampleScript}; reboot`],
    ["an appended runner call", `${sampleScript}; holmes_run x 5 user reboot`],
    ["a hostile device", sampleScript.replace("/dev/sda", "'/dev/sda;reboot'")],
    ["command substitution", sampleScript.replace("/dev/sda", "/dev/sda$(id)")],
    ["backticks", sampleScript.replace("vg0", "vg0`id`")],
    ["a pipe", sampleScript.replace("cat /proc/mdstat", "cat /proc/mdstat | sh")],
    ["a redirection", sampleScript.replace("cat /proc/mdstat", "cat /proc/mdstat > /etc/fstab")],
    ["a path outside the allowlist", sampleScript.replaceAll("/proc/mdstat", "/etc/shadow")],
    ["sudo dropped from one command", sampleScript.replace("5 sudo cat", "5 user cat")],
    ["a changed timeout", sampleScript.replace("mdstat 5 user", "mdstat 500 user")],
    ["a mismatched id", sampleScript.replace("smartctl:/dev/sda 30", "smartctl:/dev/sdb 30")],
    ["a different fallback", sampleScript.replace("sudo dmesg", "sudo dmesg -c")],
    ["an edited preamble", sampleScript.replace("timeout -k 2", "timeout -k 9")],
    ["a newline", `${sampleScript}\nreboot`],
    ["a trailing separator", `${sampleScript}; `],
    ["the empty string", ""],
    ["a plain command", "cat /proc/mdstat"],
    ["a wrapper that is not sh -c", toShellLine(["bash", "-c", sampleScript])],
  ];
  it.each(tampered)("rejects %s", (_case, script) => {
    expect(parseComposite(script)).toBeNull();
  });

  it("rejects random edits, and whatever it accepts is allowlisted", () => {
    const edit = fc.record({
      at: fc.nat(sampleScript.length),
      remove: fc.nat(3),
      insert: fc.string({ maxLength: 4 }),
    });
    fc.assert(
      fc.property(edit, ({ at, remove, insert }) => {
        const script = sampleScript.slice(0, at) + insert + sampleScript.slice(at + remove);
        const parsed = parseComposite(script);
        if (script !== sampleScript && parsed !== null) {
          expect(parsed.every((invocation) => isAllowedInvocation(invocation.argv))).toBe(true);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it("accepts an empty probe", () => {
    expect(parseComposite(composeProbe([], { useSudo: true }))).toEqual([]);
  });
});

describe("probeTimeoutMs", () => {
  it("sums every step's limit, fallbacks included, plus slack", () => {
    expect(probeTimeoutMs([fixedCommand("mdstat"), kernelLogSince(0)])).toBe(
      5_000 + 20_000 + 20_000 + 5_000,
    );
  });
});

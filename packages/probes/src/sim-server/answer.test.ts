import { describe, expect, it } from "vitest";
import { type CommandInvocation, discoveryProbe } from "../commands";
import { createFleet, type HostModel, hostAt, readsClock, renderCommand } from "../simulate";
import { answerExec, type StaticOutputs } from "./answer";

const fleet = createFleet({ hosts: 2, seed: 7, scenarios: [], epochMs: 0 });
const at = 3_600_000;
const host = hostAt(fleet, fleet.hosts[0]?.hostname ?? "", at);
if (!host) throw new Error("the fleet has no first host");
const { command } = discoveryProbe({ useSudo: true, kernelLogSinceEpochSeconds: 0 });

describe("answerExec", () => {
  it("answers a script it has seen before as it did the first time", () => {
    const first = answerExec(host, command, at);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain("Personalities");
    expect(answerExec(host, command, at)).toEqual(first);
  });

  it("still refuses a tampered copy of a script it has answered", () => {
    answerExec(host, command, at);
    const tampered = command.replace("uname -r", "uname -r; reboot");
    expect(tampered).not.toBe(command);
    expect(answerExec(host, tampered, at).exitCode).toBe(126);
    expect(answerExec(host, tampered, at).exitCode).toBe(126);
    expect(answerExec(host, command, at).exitCode).toBe(0);
  });
});

/** Every command a full poll of `host` runs (its devices' details and SMART included). */
function fullPoll(host: HostModel, sinceMs: number) {
  const plan = discoveryProbe({
    useSudo: true,
    kernelLogSinceEpochSeconds: Math.floor(sinceMs / 1000),
    expected: {
      arrays: host.mdArrays.map((array) => array.name),
      members: host.mdArrays.flatMap((array) => array.members.map((member) => member.device)),
      disks: host.disks.map((disk) => disk.name),
      volumeGroups: host.vgs.map((vg) => vg.name),
    },
  });
  const chain = (invocation: CommandInvocation | null): CommandInvocation[] =>
    invocation ? [invocation, ...chain(invocation.fallback)] : [];
  return { command: plan.command, argvs: plan.invocations.flatMap(chain).map((i) => i.argv) };
}

describe("a host without a scenario", () => {
  const healthy = createFleet({ hosts: 40, seed: 11, scenarios: [], epochMs: 0 });
  const HOUR = 3_600_000;
  // Hours and jitter periods apart, so the SMART, NFS and kernel-log clocks all moved.
  const [early, late] = [HOUR + 1_000, 53 * HOUR + 7 * 60_000];

  it("prints all but the clocked commands the same at any time", () => {
    let compared = 0;
    let clocked = 0;
    for (const { hostname } of healthy.hosts) {
      const [before, after] = [hostAt(healthy, hostname, early), hostAt(healthy, hostname, late)];
      if (!before || !after) throw new Error(`${hostname} is not in the fleet`);
      for (const argv of fullPoll(before, 0).argvs) {
        const [a, b] = [renderCommand(before, argv, early), renderCommand(after, argv, late)];
        if (readsClock(argv)) {
          if (JSON.stringify(a) !== JSON.stringify(b)) clocked += 1;
          continue;
        }
        expect(b, `${hostname}: ${argv.join(" ")}`).toEqual(a);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(40 * 15);
    // The clocked ones do move: keeping them would freeze SMART counters and NFS statistics.
    expect(clocked).toBeGreaterThan(40);
  });

  it("answers from its kept outputs what it would have rendered", () => {
    for (const { hostname } of healthy.hosts.slice(0, 10)) {
      const kept: StaticOutputs = new Map();
      const before = hostAt(healthy, hostname, early);
      const after = hostAt(healthy, hostname, late);
      if (!before || !after) throw new Error(`${hostname} is not in the fleet`);
      const { command } = fullPoll(before, early - HOUR);
      answerExec(before, command, early, kept);
      expect(kept.size).toBeGreaterThan(10);
      expect(answerExec(after, command, late, kept)).toEqual(answerExec(after, command, late));
    }
  });
});

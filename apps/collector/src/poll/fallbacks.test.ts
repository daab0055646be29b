import {
  type CommandInvocation,
  type FixedCommandId,
  fixedCommand,
  type ProbeSection,
} from "@holmes/probes/commands";
import { describe, expect, it } from "vitest";
import { probeSection } from "../testing/sections";
import { buildSnapshot } from "./normalize";
import { PollReader } from "./sections";

const REFUSED =
  "vgs: unrecognized option `--reportformat'\n  Error during parsing of command line.\n";
const VGS_COLUMNS =
  "  VolGroup00|4Gk1Xq-2wYs-Zl9B-tM4r-EKq8-o1aY-3fHb8N|wz--n-|159786205184|0|33554432|4762|0|1|2|0|3\n";
const LVS_COLUMNS =
  "  VolGroup00|LogVol00|Jb3xYv-1aB2-cD3e-F4gH-i5Jk-L6mN-8RtmQw|-wi-ao|155508555776|||/dev/sda2(0)\n";

function fallbackOf(id: FixedCommandId) {
  const fallback = fixedCommand(id).fallback;
  if (!fallback) throw new Error(`${id} has no fallback`);
  return fallback;
}

const PROC_MOUNTS =
  "rootfs / rootfs rw 0 0\n/dev/root / ext3 rw,data=ordered 0 0\n" +
  "fs1:/export/archive /mnt/archive nfs rw,vers=3,hard,intr,proto=tcp,addr=10.20.0.11 0 0\n";

/** The sections of an old host's poll: each primary refused, then its fallback. */
function oldHostReader(overrides: Record<string, ProbeSection> = {}) {
  const commands: Array<[CommandInvocation, ProbeSection]> = [
    [
      fixedCommand("mountinfo"),
      probeSection("mountinfo", "cat: /proc/self/mountinfo: No such file\n", 1),
    ],
    [fallbackOf("mountinfo"), probeSection("proc-mounts", PROC_MOUNTS, 0)],
    [
      fixedCommand("losetup"),
      probeSection("losetup", "losetup: unrecognized option `--list'\n", 1),
    ],
    [
      fallbackOf("losetup"),
      probeSection("losetup-all", "/dev/loop0: [0016]:4099 (/mnt/archive/dvd.iso)\n", 0),
    ],
    [fixedCommand("vgs"), probeSection("vgs", REFUSED, 3)],
    [fallbackOf("vgs"), probeSection("vgs-columns", VGS_COLUMNS, 0)],
    [fixedCommand("lvs"), probeSection("lvs", REFUSED.replaceAll("vgs", "lvs"), 3)],
    [fallbackOf("lvs"), probeSection("lvs-columns", LVS_COLUMNS, 0)],
  ];
  return new PollReader(
    commands.map(([invocation, value]) => ({
      invocation,
      section: overrides[invocation.id] ?? value,
    })),
  );
}

describe("a poll where the JSON forms were refused and their fallbacks answered", () => {
  it("stores mounts, loops and LVM from the fallbacks, with no problem", () => {
    const reader = oldHostReader();
    const snapshot = buildSnapshot(reader, new Date("2026-06-01T00:00:00Z"), { isSmartDue: false });
    expect(reader.problems).toEqual([]);
    expect(snapshot.mounts.map((m) => [m.mountPoint, m.fstype])).toEqual([
      ["/", "ext3"],
      ["/mnt/archive", "nfs"],
    ]);
    expect(snapshot.mounts[1]?.nfs).toMatchObject({ vers: "3", intr: true, server: "fs1" });
    expect(snapshot.loopDevices).toEqual([
      {
        name: "loop0",
        backFile: "/mnt/archive/dvd.iso",
        isBackFileDeleted: false,
        isReadOnly: false,
      },
    ]);
    expect(
      snapshot.volumeGroups.map((vg) => [vg.name, vg.sizeBytes, vg.logicalVolumes?.length]),
    ).toEqual([["VolGroup00", 159_786_205_184, 1]]);
  });

  it("reports the fallback's own failure, not the refused primary", () => {
    const reader = oldHostReader({
      "vgs-columns": probeSection("vgs-columns", "  VolGroup00|only-two-columns\n", 0),
    });
    buildSnapshot(reader, new Date("2026-06-01T00:00:00Z"), { isSmartDue: false });
    expect(reader.problems.map((p) => p.commandId)).toEqual(["vgs-columns"]);
    expect(reader.problems[0]?.message).toContain("line 1: expected 12");
  });
});

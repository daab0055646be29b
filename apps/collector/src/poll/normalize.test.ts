import { fixedCommand } from "@holmes/probes/commands";
import { describe, expect, it } from "vitest";
import { probeSection } from "../testing/sections";
import { buildSnapshot } from "./normalize";
import { PollReader } from "./sections";

const MOUNTINFO =
  "36 25 0:32 / /mnt/db rw,relatime shared:1 - nfs4 fs1:/export/db rw,vers=4.1,soft,proto=tcp,timeo=600,retrans=2\n";

describe("a poll with malformed output", () => {
  it("keeps the parse error with its command and still stores what did parse", () => {
    const reader = new PollReader([
      {
        invocation: fixedCommand("mdstat"),
        section: probeSection(
          "mdstat",
          "Personalities : [raid1]\nmd0 : active raid1 sda1[0]\n      12 blocks garbage\n",
        ),
      },
      { invocation: fixedCommand("mountinfo"), section: probeSection("mountinfo", MOUNTINFO) },
      { invocation: fixedCommand("uname"), section: probeSection("uname", "6.1.0-26-amd64\n") },
      {
        invocation: fixedCommand("losetup"),
        section: probeSection("losetup", "", null, { isMissing: true, missingTool: "losetup" }),
      },
      {
        invocation: fixedCommand("lsblk"),
        section: probeSection("lsblk", '{"blockdevices": [', null, { isTruncated: true }),
      },
    ]);
    const snapshot = buildSnapshot(reader, new Date("2026-01-01T00:00:00Z"), { isSmartDue: false });
    expect(reader.problems).toEqual([
      {
        commandId: "mdstat",
        message: expect.stringMatching(/^line 3: expected .+, got "garbage"$/),
      },
      { commandId: "lsblk", message: "output ended before the command finished" },
    ]);
    expect(snapshot.arrays).toEqual([]);
    expect(snapshot.mounts).toEqual([
      expect.objectContaining({
        mountPoint: "/mnt/db",
        fstype: "nfs4",
        nfs: expect.objectContaining({ soft: true, server: "fs1" }),
      }),
    ]);
    expect(snapshot.kernelRelease).toBe("6.1.0-26-amd64");
    // A missing tool is recorded as such, not as a failure of the poll.
    expect(snapshot.missingTools).toEqual(["losetup"]);
  });

  it("reads smartctl output whatever its exit status: the status is a bitmask of findings", () => {
    const reader = new PollReader([
      {
        invocation: { ...fixedCommand("uname"), id: "smartctl:/dev/sda", commandId: "smartctl" },
        section: probeSection("smartctl:/dev/sda", "not json at all", 64),
      },
    ]);
    buildSnapshot(reader, new Date(), { isSmartDue: true });
    expect(reader.problems).toEqual([
      { commandId: "smartctl:/dev/sda", message: expect.stringMatching(/JSON/i) },
    ]);
  });
});

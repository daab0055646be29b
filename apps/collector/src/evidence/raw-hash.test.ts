import { describe, expect, it } from "vitest";
import { sectionDigests } from "../poll/poll-memory";
import { probeSection } from "../testing/sections";
import { evidenceRawHashes } from "./raw-hash";

const EVIDENCE = [
  probeSection("mdstat", "Personalities : [raid1]\nunused devices: <none>\n"),
  probeSection("lsblk", '{"blockdevices": []}\n'),
  probeSection("vgs", '{"report": []}\n'),
  probeSection("fstab", "/dev/md0 / ext4 defaults 0 1\n"),
  probeSection("mdadm-conf", "ARRAY /dev/md0 UUID=1:2:3:4\n"),
  probeSection("mdadm-conf-debian", "ARRAY /dev/md0 UUID=1:2:3:4\n"),
  probeSection("mdadm-detail-scan", "ARRAY /dev/md0 metadata=1.2\n"),
  probeSection("mdadm-detail:/dev/md0", "/dev/md0:\n   Raid Level : raid1\n"),
  probeSection("mdadm-examine:/dev/sda1", "/dev/sda1:\n   Magic : a92b4efc\n"),
  probeSection("lvm-backup:vg0", "vg0 {\n}\n"),
];

describe("evidenceRawHashes", () => {
  const base = evidenceRawHashes(EVIDENCE);

  it("changes when any evidence section's output or status changes", () => {
    for (const [index, section] of EVIDENCE.entries()) {
      const changed = EVIDENCE.with(index, { ...section, output: `${section.output}x` });
      expect(evidenceRawHashes(changed).base, section.id).not.toBe(base.base);
      const failed = EVIDENCE.with(index, { ...section, exitCode: 1 });
      expect(evidenceRawHashes(failed).base, section.id).not.toBe(base.base);
    }
  });

  it("ignores sections no item is built from", () => {
    const withOthers = [
      ...EVIDENCE,
      probeSection("uname", "6.1.0\n"),
      probeSection("mountstats", ""),
    ];
    expect(evidenceRawHashes(withOthers)).toEqual(base);
  });

  it("gives the same hashes from the poll's own digests as when it hashes the sections", () => {
    const withOthers = [...EVIDENCE, probeSection("uname", "6.1.0\n")];
    expect(evidenceRawHashes(EVIDENCE, sectionDigests(withOthers))).toEqual(base);
  });

  it("hashes partition tables apart, and says when a poll read none", () => {
    expect(base.partitions).toBeNull();
    const dump = probeSection("sfdisk-dump:/dev/sda", "label: gpt\n");
    const withDump = evidenceRawHashes([...EVIDENCE, dump]);
    expect(withDump.base).toBe(base.base);
    expect(withDump.partitions).not.toBeNull();
    const otherDump = evidenceRawHashes([...EVIDENCE, { ...dump, output: "label: dos\n" }]);
    expect(otherDump.partitions).not.toBe(withDump.partitions);
  });
});

import { describe, expect, it } from "vitest";
import { probeSection } from "../testing/sections";
import { combinedDigest, deepFreeze, sectionDigests } from "./poll-memory";

const LSBLK = '{"blockdevices": []}\n';

describe("the digests a poll's memory is keyed by", () => {
  const digestOf = (...sections: Parameters<typeof sectionDigests>[0]) =>
    combinedDigest(sectionDigests(sections));

  it("change with a stable section's output, its exit status or its id", () => {
    const base = digestOf(probeSection("lsblk", LSBLK), probeSection("uname", "6.1.0\n"));
    expect(digestOf(probeSection("lsblk", LSBLK), probeSection("uname", "6.1.0\n"))).toBe(base);
    expect(digestOf(probeSection("lsblk", LSBLK), probeSection("uname", "6.1.1\n"))).not.toBe(base);
    expect(digestOf(probeSection("lsblk", LSBLK), probeSection("uname", "6.1.0\n", 1))).not.toBe(
      base,
    );
    expect(digestOf(probeSection("lsblk", LSBLK), probeSection("os-release", "6.1.0\n"))).not.toBe(
      base,
    );
    const truncated = probeSection("uname", "6.1.0\n", null, { isTruncated: true });
    expect(digestOf(probeSection("lsblk", LSBLK), truncated)).not.toBe(base);
  });

  it("leave out what every poll reads afresh: NFS counters, kernel messages, SMART", () => {
    const base = digestOf(probeSection("lsblk", LSBLK));
    const withVolatile = digestOf(
      probeSection("lsblk", LSBLK),
      probeSection("mountstats", "device fs1:/export mounted on /mnt with fstype nfs4\n"),
      probeSection("kernel-log:1700000000", "kernel: md: md0 stopped\n"),
      probeSection("smartctl:/dev/sda", "{}", 4),
      probeSection("sfdisk-dump:/dev/sda", "label: gpt\n"),
    );
    expect(withVolatile).toBe(base);
  });

  it("do not depend on the order of the sections or on which round trip brought them", () => {
    const digests = sectionDigests([probeSection("lsblk", LSBLK), probeSection("uname", "6\n")]);
    const reversed = sectionDigests([probeSection("uname", "6\n"), probeSection("lsblk", LSBLK)]);
    expect(combinedDigest(reversed)).toBe(combinedDigest(digests));
    expect(combinedDigest(digests, ["lsblk"])).toBe(digestOf(probeSection("lsblk", LSBLK)));
  });
});

describe("deepFreeze", () => {
  it("freezes every object and array inside, and leaves dates usable", () => {
    const value = deepFreeze({ rows: [{ name: "md0", members: ["sda1"] }], at: new Date(0) });
    expect(() => value.rows.push({ name: "md1", members: [] })).toThrow(TypeError);
    expect(() => {
      (value.rows[0] as { name: string }).name = "md9";
    }).toThrow(TypeError);
    expect(() => value.rows[0]?.members.push("sdb1")).toThrow(TypeError);
    expect(value.at.getTime()).toBe(0);
  });
});

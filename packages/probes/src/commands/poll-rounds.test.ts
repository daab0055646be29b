import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeProbe, parseComposite } from "./composite";
import { isBlockDeviceName, isDevicePath, isVolumeGroupName } from "./device-names";
import { detailProbe, discoveryProbe } from "./poll-rounds";

const NO_NAMES = { arrays: [], members: [], disks: [], volumeGroups: [] };

describe("discoveryProbe", () => {
  it("runs only fixed commands, plus the kernel log since the last poll", () => {
    const plan = discoveryProbe({ useSudo: true, kernelLogSinceEpochSeconds: 1_700_000_000 });
    expect(plan.invocations.map((invocation) => invocation.id)).toEqual([
      "mdstat",
      "mountinfo",
      "mountstats",
      "uname",
      "os-release",
      "fstab",
      "mdadm-conf-debian",
      "lsblk",
      "findmnt",
      "losetup",
      "smartctl-scan",
      "mdadm-detail-scan",
      "pvs",
      "vgs",
      "lvs",
      "kernel-log:1700000000",
    ]);
    expect(plan.rejected).toEqual([]);
    expect(parseComposite(plan.script)).toEqual(plan.invocations);
    expect(parseComposite(plan.command)).toEqual(plan.invocations);
    expect(plan.timeoutMs).toBeGreaterThan(100_000);
    expect(plan.discovery).toEqual(plan.invocations);
  });

  it("also reads the details of the devices expected, after the fixed commands", () => {
    const options = { useSudo: true, kernelLogSinceEpochSeconds: 1_700_000_000 };
    const plain = discoveryProbe(options);
    const plan = discoveryProbe({
      ...options,
      expected: { arrays: ["md0"], members: ["sda1"], disks: [], volumeGroups: ["vg0"] },
    });
    expect(plan.discovery).toEqual(plain.invocations);
    expect(plan.invocations.map((invocation) => invocation.id)).toEqual([
      ...plain.invocations.map((invocation) => invocation.id),
      "mdadm-detail:/dev/md0",
      "mdadm-examine:/dev/sda1",
      "lvm-backup:vg0",
    ]);
    expect(parseComposite(plan.command)).toEqual(plan.invocations);
    expect(plan.timeoutMs).toBeGreaterThan(plain.timeoutMs);
  });

  it("leaves an expected name that fails validation out, for the details to reject", () => {
    const plan = discoveryProbe({
      useSudo: false,
      kernelLogSinceEpochSeconds: 0,
      expected: { ...NO_NAMES, arrays: ["md0;reboot", "md1"] },
    });
    expect(plan.invocations.map((invocation) => invocation.id).slice(-1)).toEqual([
      "mdadm-detail:/dev/md1",
    ]);
    expect(plan.script).not.toContain("reboot");
    expect(plan.rejected).toEqual([]);
  });
});

describe("detailProbe", () => {
  it("asks about each discovered name once", () => {
    const plan = detailProbe(
      {
        arrays: ["md0", "/dev/md/data", "md0"],
        members: ["sda1", "/dev/sdb1"],
        disks: ["sda", "nvme0n1"],
        volumeGroups: ["vg0", "vg0"],
      },
      { useSudo: true },
    );
    expect(plan.invocations.map((invocation) => invocation.id)).toEqual([
      "mdadm-detail:/dev/md0",
      "mdadm-detail:/dev/md/data",
      "mdadm-examine:/dev/sda1",
      "mdadm-examine:/dev/sdb1",
      "smartctl:/dev/sda",
      "smartctl:/dev/nvme0n1",
      "sfdisk-dump:/dev/sda",
      "sfdisk-dump:/dev/nvme0n1",
      "lvm-backup:vg0",
    ]);
    expect(parseComposite(plan.script)).toEqual(plan.invocations);
  });

  it("records hostile names as rejected and never puts them in the script", () => {
    const hostile = [
      "sda;reboot",
      "$(id)",
      "`id`",
      "/dev/sda\nreboot",
      "--help",
      "../../etc/shadow",
    ];
    const plan = detailProbe(
      {
        arrays: hostile,
        members: hostile,
        disks: ["sda", ...hostile],
        volumeGroups: [...hostile, "-vg", ".."],
      },
      { useSudo: false },
    );
    expect(plan.invocations.map((invocation) => invocation.id)).toEqual([
      "smartctl:/dev/sda",
      "sfdisk-dump:/dev/sda",
    ]);
    expect(plan.rejected.map((rejected) => rejected.value)).toEqual([
      ...hostile,
      ...hostile,
      ...hostile,
      ...hostile,
      "-vg",
      "..",
    ]);
    for (const value of ["reboot", "$(id)", "`id`", "--help", "shadow"]) {
      expect(plan.script).not.toContain(value);
    }
  });

  it("lets no value that fails validation into the script (arbitrary strings)", () => {
    const emptyScript = composeProbe([], { useSudo: true });
    const invalid = fc
      .string({ unit: "binary", maxLength: 40 })
      .filter(
        (value) => !isBlockDeviceName(value) && !isDevicePath(value) && !isVolumeGroupName(value),
      );
    fc.assert(
      fc.property(fc.array(invalid, { maxLength: 5 }), (values) => {
        const plan = detailProbe(
          { arrays: values, members: values, disks: values, volumeGroups: values },
          { useSudo: true },
        );
        expect(plan.script).toBe(emptyScript);
        expect(plan.rejected).toHaveLength(values.length * 4);
      }),
      { numRuns: 1_000 },
    );
  });

  it("asks only for what the first round trip did not read, and lists every detail", () => {
    const names = { arrays: ["md0", "md1"], members: [], disks: ["sda"], volumeGroups: [] };
    const plan = detailProbe(
      names,
      { useSudo: true },
      new Set(["mdadm-detail:/dev/md0", "smartctl:/dev/sda", "sfdisk-dump:/dev/sda"]),
    );
    expect(plan.invocations.map((invocation) => invocation.id)).toEqual(["mdadm-detail:/dev/md1"]);
    expect(plan.details.map((invocation) => invocation.id)).toEqual([
      "mdadm-detail:/dev/md0",
      "mdadm-detail:/dev/md1",
      "smartctl:/dev/sda",
      "sfdisk-dump:/dev/sda",
    ]);
    expect(parseComposite(plan.script)).toEqual(plan.invocations);
  });

  it("builds an empty probe when nothing was discovered", () => {
    const plan = detailProbe(NO_NAMES, { useSudo: true });
    expect(plan.invocations).toEqual([]);
    expect(parseComposite(plan.script)).toEqual([]);
  });

  it("caps the length of a rejected value it keeps", () => {
    const plan = detailProbe({ ...NO_NAMES, disks: ["x".repeat(10_000)] }, { useSudo: true });
    expect(plan.rejected[0]?.value).toHaveLength(200);
  });
});

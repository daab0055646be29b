import type { HostDetail } from "@holmes/db/queries/host-detail";
import { describe, expect, it } from "vitest";
import { buildTopology, type TopologyNode } from "./host-topology";

type Input = Parameters<typeof buildTopology>[0];
type Array0 = HostDetail["arrays"][number];

const member = (
  device: string,
  slot: number | null,
  disk: string,
  extra: Partial<Array0["members"][number]> = {},
) => ({
  device,
  slot,
  role: "active",
  stateFlags: [],
  isFaulty: false,
  isSpare: false,
  diskSerial: `SN-${disk}`,
  disk: { name: disk, model: "ST4000", capacityBytes: 4e12 },
  ...extra,
});

const INPUT: Input = {
  arrays: [
    {
      name: "md2",
      uuid: null,
      level: "raid10",
      state: "active",
      readOnly: false,
      degraded: true,
      raidDisks: 2,
      activeDisks: 1,
      statusString: "[U_]",
      layout: "near=2",
      chunkKb: 512,
      syncAction: "recovery",
      syncPercent: 38.2,
      syncSpeedKbps: 1,
      syncFinishMinutes: 1,
      observedAt: new Date(0),
      expectation: null,
      members: [
        member("sdc1", 0, "sdc"),
        member("sdd1", null, "sdd", { isFaulty: true, role: "faulty" }),
      ],
    },
  ],
  disks: [
    { name: "sda", model: "Micron", serial: "SN-sda" },
    { name: "sdc", model: "ST4000", serial: "SN-sdc" },
  ] as HostDetail["disks"],
  mounts: [
    {
      mountPoint: "/srv/data",
      source: "/dev/mapper/vg--data-data--new",
      fstype: "xfs",
      options: "",
      isDeleted: false,
      nfs: null,
    },
    {
      mountPoint: "/boot",
      source: "/dev/sda1",
      fstype: "ext4",
      options: "",
      isDeleted: false,
      nfs: null,
    },
    {
      mountPoint: "/srv/db1",
      source: "/dev/loop0",
      fstype: "xfs",
      options: "",
      isDeleted: false,
      nfs: null,
    },
    {
      mountPoint: "/mnt/images",
      source: "fs1:/export/images",
      fstype: "nfs",
      options: "",
      isDeleted: false,
      nfs: {} as never,
    },
    {
      mountPoint: "/mnt/home",
      source: "fs1:/export/home",
      fstype: "nfs4",
      options: "",
      isDeleted: false,
      nfs: {} as never,
    },
  ],
  loopDevices: [
    {
      name: "loop0",
      backFile: "/mnt/images/db1.img",
      isBackFileDeleted: false,
      isReadOnly: false,
      backingMount: { mountPoint: "/mnt/images", source: "fs1:/export/images", fstype: "nfs" },
      isOnNfs: true,
      mountedAt: { mountPoint: "/srv/db1", fstype: "xfs" },
    },
  ],
  volumeGroups: [
    {
      name: "vg-data",
      uuid: null,
      sizeBytes: 1,
      freeBytes: 0,
      physicalVolumes: [{ name: "/dev/md2", sizeBytes: 1, freeBytes: 0, isMissing: false }],
      logicalVolumes: [
        {
          name: "data-new",
          sizeBytes: 1,
          attr: null,
          segtype: "linear",
          isHidden: false,
          health: null,
          devices: ["/dev/md2"],
        },
      ],
    },
  ],
};

/** The tree as indented lines: what the page draws, minus styling. */
function outline(nodes: TopologyNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${"  ".repeat(depth)}${n.kind} ${n.label}${n.problem ? ` [${n.problem}]` : ""}${
      n.from.length
        ? ` <= ${n.from.map((f) => `${f.label}${f.from.length ? `(${f.from.map((g) => g.label).join(",")})` : ""}${f.problem ? ` [${f.problem}]` : ""}`).join(" + ")}`
        : ""
    }`,
    ...outline(n.children, depth + 1),
  ]);
}

describe("buildTopology", () => {
  it("reads disk → partition → md → PV/VG/LV → mount, and loop → file → NFS → mount", () => {
    expect(outline(buildTopology(INPUT))).toEqual([
      "md md2 [degraded] <= sdc1(sdc) + sdd1(sdd) [faulty]",
      "  pv PV /dev/md2",
      "    lv vg-data/data-new",
      "      mount /srv/data",
      "loop loop0 <= /mnt/images/db1.img(fs1:/export/images)",
      "  mount /srv/db1",
      "disk sda",
      "  partition sda1",
      "    mount /boot",
      "nfs fs1:/export/home",
    ]);
  });

  it("marks the NFS mount under a loop device's backing file", () => {
    const loop = buildTopology(INPUT).find((n) => n.kind === "loop");
    expect(loop?.from[0]?.from[0]).toMatchObject({ kind: "nfs", problem: "on NFS" });
  });
});

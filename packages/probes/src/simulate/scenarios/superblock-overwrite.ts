/**
 * Incident 3: a reinstall wiped a 10-disk host. Before: /boot on a 10-way RAID1 of the first
 * partitions, LVM vg0 on a RAID10 of the second ones. The installer then repartitioned sda, put a
 * fresh vg0 on sda2 and zeroed every md superblock. After its reboot no array assembles, the other
 * nine disks keep their partitions with no signature on them (`mdadm --examine` finds nothing),
 * and vg0 is a different volume group: new UUID, seqno back to 2, on /dev/sda2 instead of md1.
 * The disks (and their serials) are the same, so evidence captured before still matches them.
 */
import { assembleHost, type HostBlueprint } from "../blueprint";
import { bootLog } from "../boot-log";
import { type DiskPlan, GPT_TYPES } from "../build-layout";
import { buildVg } from "../build-lvm";
import { createMountTable, superOptionsFor } from "../build-mounts";
import { ALMA_8 } from "../catalog";
import type { DiskModel, HostModel, LvmVg } from "../model";
import { type Rng, uuid } from "../prng";
import { BOOT_RAID_PART, drive, history, RAID_PART } from "./parts";
import {
  CYCLE_MS,
  eventRng,
  MINUTE,
  SCENARIO_START,
  type Scenario,
  type ScenarioClock,
  wallAt,
} from "./timeline";

const REINSTALL = 12 * MINUTE;
const BACK = 16 * MINUTE;
const NAMES = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].map((l) => `sd${l}`);

export const superblockOverwrite: Scenario = {
  id: "superblock-overwrite",
  title: "A reinstall overwrote the md superblocks of a 10-disk host",
  cycleMs: CYCLE_MS,
  marks: { reinstalling: REINSTALL, reinstalled: BACK },
  buildHost: ({ hostname, rng, epochMs }) => assembleHost(blueprint(hostname, epochMs), rng),
  stateAt: (base, elapsedMs, clock = SCENARIO_START) => {
    if (elapsedMs < REINSTALL) return base;
    if (elapsedMs < BACK) return { ...base, isReachable: false };
    return reinstalled(base, clock);
  },
};

/** Ten identical HDDs, each with a /boot mirror member and a RAID10 member. */
function blueprint(hostname: string, epochMs: number): HostBlueprint {
  const parts = [BOOT_RAID_PART, RAID_PART];
  const lvs = [
    { name: "root", size: { gib: 50 }, fstype: "xfs" },
    { name: "swap", size: { gib: 16 }, fstype: "swap" },
    { name: "srv", size: { share: 0.85 }, fstype: "xfs" },
  ];
  return {
    hostname,
    os: ALMA_8,
    ...history(epochMs, 96, 1100),
    disks: NAMES.map((): DiskPlan => ({ spec: drive("WDC"), label: "gpt", parts })),
    arrays: [
      { name: "md0", level: "raid1", members: NAMES.map((d) => `${d}1`), hasBitmap: false },
      { name: "md1", level: "raid10", members: NAMES.map((d) => `${d}2`) },
    ],
    vgs: [{ name: "vg0", pv: "md1", lvs }],
    mounts: [
      { device: "vg0/root", target: "/", fstype: "xfs" },
      { device: "md0", target: "/boot", fstype: "xfs" },
      { device: "vg0/srv", target: "/srv", fstype: "xfs" },
    ],
    swaps: ["vg0/swap"],
    nfs: [],
    loops: [],
  };
}

function reinstalled(base: HostModel, clock: ScenarioClock): HostModel {
  const rng = eventRng(base, 7919);
  const bootMs = wallAt(clock, BACK) - 90_000;
  const disks = base.disks.map((disk) =>
    disk.name === "sda" ? repartitioned(disk, rng) : wiped(disk),
  );
  const vg = freshVg(base.hostname, disks[0]?.partitions[1]?.sizeSectors ?? 0, bootMs, rng);
  const table = createMountTable({
    source: "/dev/mapper/vg0-root",
    majMin: "253:0",
    fstype: "xfs",
  });
  const superOptions = superOptionsFor("xfs");
  table.add({
    source: "/dev/sda1",
    target: "/boot",
    fstype: "xfs",
    root: "/",
    majMin: "8:1",
    options: "rw,relatime",
    superOptions,
  });
  const host: HostModel = {
    ...base,
    boots: [...base.boots, { id: rng.hex(32), startMs: bootMs }],
    disks,
    mdArrays: [],
    mdPersonalities: [],
    mdadmConfUuids: null,
    vgs: [vg],
    mounts: table.mounts,
    fstab: [
      { spec: "/dev/mapper/vg0-root", file: "/", vfstype: "xfs", options: "defaults" },
      { spec: "/dev/sda1", file: "/boot", vfstype: "xfs", options: "defaults" },
      { spec: "/dev/mapper/vg0-swap", file: "none", vfstype: "swap", options: "defaults" },
    ],
  };
  return { ...host, kernelLog: [...base.kernelLog, ...bootLog(host, bootMs, rng)] };
}

/** The installer's VG: same name as before, new UUID, seqno back near the start. */
function freshVg(hostname: string, pvSectors: number, bootMs: number, rng: Rng): LvmVg {
  const lvs = [
    { name: "root", size: { gib: 70 }, fstype: "xfs" },
    { name: "swap", size: { gib: 4 }, fstype: "swap" },
  ];
  const createdSec = Math.floor(bootMs / 1000) - 1500;
  const vg = buildVg(
    { name: "vg0", pvDevice: "/dev/sda2", pvSectors, lvs, hostname, createdSec, firstDmMinor: 0 },
    rng,
  );
  return { ...vg, seqno: 2 };
}

/** The installer's new layout on sda: /boot and one LVM partition. */
function repartitioned(disk: DiskModel, rng: Rng): DiskModel {
  const total = disk.capacityBytes / 512 - 34;
  const rest = Math.floor((total - 2048 - 2_097_152) / 2048) * 2048;
  return {
    ...disk,
    partitionTable: { label: "gpt", id: uuid(rng).toUpperCase() },
    partitions: [
      {
        name: "sda1",
        number: 1,
        major: 8,
        minor: 1,
        startSector: 2048,
        sizeSectors: 2_097_152,
        type: GPT_TYPES.linux,
        partUuid: uuid(rng),
        fstype: "xfs",
      },
      {
        name: "sda2",
        number: 2,
        major: 8,
        minor: 2,
        startSector: 2_099_200,
        sizeSectors: rest,
        type: GPT_TYPES.lvm,
        partUuid: uuid(rng),
        fstype: "LVM2_member",
      },
    ],
  };
}

/** Partition table intact, superblocks zeroed: blkid finds nothing on either partition. */
function wiped(disk: DiskModel): DiskModel {
  return { ...disk, partitions: disk.partitions.map((p) => ({ ...p, fstype: null })) };
}

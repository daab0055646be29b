/**
 * Incident 1: a RAID0 created while udev still held some members. `mdadm --create /dev/md0` wrote
 * superblocks to all four disks; udev's incremental assembly grabbed two of them into an
 * inactive md127 first, so adding them to md0 failed with EBUSY (`md_import_device returned
 * -16`). md0 comes up with two members, md127 sits inactive with the other two as spares, both
 * carrying the same array UUID. Twelve minutes later the admin stops both and re-creates md0.
 */
import { assembleHost, type HostBlueprint } from "../blueprint";
import { type DiskPlan, GPT_TYPES } from "../build-layout";
import { buildArray } from "../build-md";
import { DEBIAN_12 } from "../catalog";
import type { HostModel, MdArrayModel } from "../model";
import { drive, history } from "./parts";
import {
  CYCLE_MS,
  eventRng,
  MINUTE,
  SCENARIO_START,
  type Scenario,
  type TimedLine,
  withLines,
} from "./timeline";

const SPLIT = 6 * MINUTE;
const FIXED = 18 * MINUTE;
const NEW_DISKS = ["sdb", "sdc", "sdd", "sde"];

export const mdSplitOnCreate: Scenario = {
  id: "md-split-on-create",
  title: "New RAID0 comes up split into md0 and an inactive md127",
  cycleMs: CYCLE_MS,
  marks: { split: SPLIT, fixed: FIXED },
  buildHost: ({ hostname, rng, epochMs }) => {
    const host = assembleHost(blueprint(hostname, epochMs), rng);
    // Debian's installer writes mdadm.conf even without arrays; nobody added the new one.
    return { ...host, mdadmConfUuids: [] };
  },
  stateAt: (base, elapsedMs, clock = SCENARIO_START) => {
    if (elapsedMs < SPLIT) return base;
    const createdSec = Math.floor((clock.cycleStartMs + SPLIT / clock.speed) / 1000);
    const isFixed = elapsedMs >= FIXED;
    const arrays = isFixed ? [recreated(base, createdSec)] : splitArrays(base, createdSec);
    const members = {
      ...base,
      mdArrays: arrays,
      disks: base.disks.map((d) =>
        NEW_DISKS.includes(d.name) ? { ...d, fstype: "linux_raid_member" } : d,
      ),
    };
    return withLines(
      members,
      clock,
      elapsedMs,
      script(newArray(base, ["sdb"], createdSec).usedDevSizeKb),
    );
  },
};

/** One SSD with /boot and LVM, and four new, blank 16 TB disks for the array. */
function blueprint(hostname: string, epochMs: number): HostBlueprint {
  const disks: DiskPlan[] = [
    {
      spec: drive("Samsung SSD"),
      label: "gpt",
      parts: [
        { sizeSectors: 2_097_152, type: GPT_TYPES.linux, fstype: "ext4" },
        { sizeSectors: null, type: GPT_TYPES.lvm, fstype: "LVM2_member" },
      ],
    },
    ...NEW_DISKS.map((): DiskPlan => ({ spec: drive("TOSHIBA"), label: null, parts: [] })),
  ];
  const lvs = [
    { name: "root", size: { gib: 30 }, fstype: "ext4" },
    { name: "swap", size: { gib: 8 }, fstype: "swap" },
    { name: "srv", size: { share: 0.7 }, fstype: "xfs" },
  ];
  return {
    hostname,
    os: DEBIAN_12,
    ...history(epochMs, 12, 400),
    disks,
    arrays: [],
    vgs: [{ name: "vg0", pv: "sda2", lvs }],
    mounts: [
      { device: "vg0/root", target: "/", fstype: "ext4" },
      { device: "sda1", target: "/boot", fstype: "ext4" },
      { device: "vg0/srv", target: "/srv", fstype: "xfs" },
    ],
    swaps: ["vg0/swap"],
    nfs: [],
    loops: [],
  };
}

function newArray(base: HostModel, members: string[], createdSec: number): MdArrayModel {
  const rng = eventRng(base, createdSec);
  const disk = base.disks.find((d) => d.name === members[0]);
  const array = buildArray(
    {
      name: "md0",
      level: "raid0",
      members,
      memberSectors: (disk?.capacityBytes ?? 0) / 512,
      homehost: base.hostname,
      createdSec,
      hasBitmap: false,
    },
    rng,
  );
  return { ...array, events: 0 };
}

function splitArrays(base: HostModel, createdSec: number): MdArrayModel[] {
  const whole = newArray(base, NEW_DISKS, createdSec);
  const md0 = newArray(base, NEW_DISKS.slice(0, 2), createdSec);
  const md127: MdArrayModel = {
    ...whole,
    name: "md127",
    minor: 127,
    isActive: false,
    members: whole.members.slice(2).map((m) => ({ ...m, slot: null, state: "spare" })),
  };
  // Both halves carry the superblock mdadm --create wrote: one array UUID, one name.
  return [{ ...md0, uuid: whole.uuid, members: whole.members.slice(0, 2) }, md127];
}

function recreated(base: HostModel, createdSec: number): MdArrayModel {
  return newArray(base, NEW_DISKS, createdSec + Math.floor((FIXED - SPLIT) / 1000));
}

/** Capacities are in 512-byte sectors, as the block layer logs them. */
function script(memberKb: number): TimedLine[] {
  const sectors = (members: number) => members * memberKb * 2;
  return [
    { at: SPLIT, message: "md: md_import_device returned -16" },
    { at: SPLIT + 40, message: "md: md_import_device returned -16" },
    { at: SPLIT + 900, message: `md0: detected capacity change from 0 to ${sectors(2)}` },
    { at: FIXED + 10, message: "md: md127 stopped." },
    { at: FIXED + 2000, message: "md: md0 stopped." },
    { at: FIXED + 60_000, message: `md0: detected capacity change from 0 to ${sectors(4)}` },
  ];
}

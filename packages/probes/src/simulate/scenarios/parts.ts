/** Building blocks the scenario hosts share: drives by model, partition plans, common arrays. */
import type { HostBlueprint } from "../blueprint";
import { GPT_TYPES, type PartPlan } from "../build-layout";
import { DRIVES, type DriveSpec } from "../catalog";

export const DAY_MS = 86_400_000;

export const RAID_PART: PartPlan = {
  sizeSectors: null,
  type: GPT_TYPES.raid,
  fstype: "linux_raid_member",
};
/** 1 GiB for /boot, mirrored. */
export const BOOT_RAID_PART: PartPlan = {
  sizeSectors: 2_097_152,
  type: GPT_TYPES.raid,
  fstype: "linux_raid_member",
};

export function drive(modelPrefix: string): DriveSpec {
  const spec = DRIVES.find((d) => d.model.startsWith(modelPrefix));
  if (!spec) throw new Error(`drive catalog has no ${modelPrefix}`);
  return spec;
}

/** md0 (/boot) and md1 (LVM) mirrored over the first two disks' partitions 1 and 2. */
export function mirroredOs(): HostBlueprint["arrays"] {
  return [
    { name: "md0", level: "raid1", members: ["sda1", "sdb1"] },
    { name: "md1", level: "raid1", members: ["sda2", "sdb2"] },
  ];
}

/** Timestamps relative to the fleet's epoch: booted `bootDays` ago, installed `installDays` ago. */
export function history(epochMs: number, bootDays: number, installDays: number) {
  return {
    bootMs: epochMs - bootDays * DAY_MS,
    installedSec: Math.floor(epochMs / 1000) - installDays * 86_400,
  };
}

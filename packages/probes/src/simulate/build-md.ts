/**
 * md arrays as mdadm creates them: sizes follow mdadm's rules (component size rounded down to
 * the chunk, data offset 128 MiB on large members with 1.x metadata), so --detail, --examine and
 * /proc/mdstat agree with each other the way they do on a real host.
 */
import type { MdArrayModel, MdLevel, MdMember } from "./model";
import type { Rng } from "./prng";

export type ArraySpec = {
  name: string;
  level: MdLevel;
  /** Kernel names of the active members, in slot order. */
  members: string[];
  spares?: string[];
  /** Size of each member device in 512-byte sectors. */
  memberSectors: number;
  metadata?: "1.2" | "0.90";
  homehost: string;
  createdSec: number;
  hasBitmap?: boolean;
  /** mdadm's default is 512 KiB; 2.6-era mdadm created 64 KiB chunks. */
  chunkKb?: number;
};

const SECTORS_PER_GIB = 2 * 1024 * 1024;

export function buildArray(spec: ArraySpec, rng: Rng): MdArrayModel {
  const metadata = spec.metadata ?? "1.2";
  const chunkKb = spec.level === "raid1" ? null : (spec.chunkKb ?? 512);
  const { dataOffset, usedDevSizeKb } = memberGeometry(spec.memberSectors, metadata, chunkKb);
  const raidDisks = spec.members.length;
  const member = (device: string, descNr: number, slot: number | null): MdMember => ({
    device,
    descNr,
    slot,
    state: slot === null ? "spare" : "in_sync",
    deviceUuid: rng.hex(32),
  });
  const members = [
    ...spec.members.map((device, slot) => member(device, slot, slot)),
    ...(spec.spares ?? []).map((device, i) => member(device, raidDisks + i, null)),
  ];
  return {
    name: spec.name,
    minor: Number.parseInt(spec.name.slice(2), 10),
    uuid: rng.hex(32),
    metadata,
    level: spec.level,
    isActive: true,
    raidDisks,
    chunkKb,
    arraySizeKb: usedDevSizeKb * dataDisks(spec.level, raidDisks),
    usedDevSizeKb,
    dataOffsetSectors: dataOffset,
    homehost: spec.homehost,
    arrayName: spec.name.slice(2),
    creationTimeSec: spec.createdSec,
    updateTimeSec: spec.createdSec,
    events: rng.int(40, 9000),
    hasBitmap: spec.hasBitmap ?? usedDevSizeKb > 100 * 1024 * 1024,
    members,
    sync: null,
  };
}

/**
 * Where data starts on a member and how much of it the array uses. 0.90 keeps its superblock in
 * the last 64 KiB, so data starts at sector 0; mdadm rounds the used size down to the chunk.
 */
function memberGeometry(memberSectors: number, metadata: string, chunkKb: number | null) {
  const dataOffset = metadata === "0.90" ? 0 : memberSectors < 2 * SECTORS_PER_GIB ? 2048 : 262144;
  const superReserve = metadata === "0.90" ? 128 : 0;
  const usableKb = Math.floor((memberSectors - dataOffset - superReserve) / 2);
  const usedDevSizeKb = usableKb - (usableKb % (chunkKb ?? 64));
  return { dataOffset, usedDevSizeKb };
}

/** How many members' worth of data the array holds. */
export function dataDisks(level: MdLevel, raidDisks: number): number {
  switch (level) {
    case "raid0":
      return raidDisks;
    case "raid1":
      return 1;
    case "raid5":
      return raidDisks - 1;
    case "raid6":
      return raidDisks - 2;
    case "raid10":
      return raidDisks / 2;
  }
}

/** Slots with an in-sync member; fewer than raidDisks means the array lost redundancy. */
export function inSyncCount(array: MdArrayModel): number {
  return array.members.filter((m) => m.state === "in_sync" && m.slot !== null).length;
}

export function isDegraded(array: MdArrayModel): boolean {
  return array.isActive && inSyncCount(array) < array.raidDisks;
}

/** mdadm prints the uuid as four 8-digit words (`e054553a:fbccdcfe:…`). */
export function mdUuid(hex: string): string {
  return `${hex.slice(0, 8)}:${hex.slice(8, 16)}:${hex.slice(16, 24)}:${hex.slice(24, 32)}`;
}

/** Sync progress in tenths of a percent as md.c computes it: sectors done × 1000 / (max + 1). */
export function syncPerMille(sync: { doneKb: number; totalKb: number }): number {
  return Math.floor((sync.doneKb * 2 * 1000) / (sync.totalKb * 2 + 1));
}

/** md.c's estimate: remaining sectors over the recent rate, in seconds. */
export function syncFinishSeconds(sync: { doneKb: number; totalKb: number; speedKBps: number }) {
  return Math.floor((sync.totalKb - sync.doneKb) / Math.max(1, sync.speedKBps));
}

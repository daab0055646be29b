/**
 * Incident 2: a data disk wears out. Its remapped (5), pending (197), offline-uncorrectable (198)
 * and reported-uncorrectable (187) counts climb while libata logs read errors; an extended
 * self-test fails; at 15 minutes md fails the member, RAID10 md2 degrades, and the hot spare
 * rebuilds until 28 minutes. Counts never fall within a cycle: the drive only gets worse.
 */
import { assembleHost, type HostBlueprint } from "../blueprint";
import { type WearCounts, withWear } from "../build-disks";
import type { DiskPlan } from "../build-layout";
import { ROCKY_9 } from "../catalog";
import type { DiskModel, HostModel, MdArrayModel } from "../model";
import { BOOT_RAID_PART, drive, history, mirroredOs, RAID_PART } from "./parts";
import {
  CYCLE_MS,
  MINUTE,
  mapArray,
  progress,
  SCENARIO_START,
  type Scenario,
  type TimedLine,
  wallAt,
  withLines,
  wobble,
} from "./timeline";

const WEAR_FROM = 3 * MINUTE;
const SELF_TEST = 9 * MINUTE;
const FAIL = 15 * MINUTE;
const REBUILD_FROM = FAIL + 5_000;
const REBUILD_DONE = 28 * MINUTE;
const WORN = "sdd";
const WORN_MEMBER = "sdd1";
const SPARE_MEMBER = "sdg1";

export const diskWearoutRebuild: Scenario = {
  id: "disk-wearout-rebuild",
  title: "A wearing disk fails out of RAID10; the spare rebuilds",
  cycleMs: CYCLE_MS,
  marks: {
    wearing: WEAR_FROM,
    selfTestFailed: SELF_TEST,
    failed: FAIL,
    rebuilding: REBUILD_FROM,
    rebuilt: REBUILD_DONE,
  },
  buildHost: ({ hostname, rng, epochMs }) => assembleHost(blueprint(hostname, epochMs), rng),
  stateAt: (base, elapsedMs, clock = SCENARIO_START) => {
    if (elapsedMs < WEAR_FROM) return base;
    let host: HostModel = {
      ...base,
      disks: base.disks.map((d) => (d.name === WORN ? wornDisk(d, elapsedMs) : d)),
    };
    if (elapsedMs >= FAIL) {
      // A recovering array rewrites its superblock continually; Update Time tracks "now".
      const nowSec = Math.floor(wallAt(clock, elapsedMs) / 1000);
      host = mapArray(host, "md2", (array) => ({
        ...degraded(array, elapsedMs),
        updateTimeSec: nowSec,
      }));
    }
    return withLines(host, clock, elapsedMs, script(elapsedMs));
  },
};

/** Two SSDs for the OS, five 4 TB HDDs: a four-disk RAID10 (md2) plus its hot spare. */
function blueprint(hostname: string, epochMs: number): HostBlueprint {
  const ssd = drive("Micron_5300");
  const hdd = drive("ST4000");
  const disks: DiskPlan[] = [
    { spec: ssd, label: "gpt", parts: [BOOT_RAID_PART, RAID_PART] },
    { spec: ssd, label: "gpt", parts: [BOOT_RAID_PART, RAID_PART] },
    ...Array.from({ length: 5 }, (): DiskPlan => ({ spec: hdd, label: "gpt", parts: [RAID_PART] })),
  ];
  const osLvs = [
    { name: "root", size: { gib: 40 }, fstype: "xfs" },
    { name: "swap", size: { gib: 8 }, fstype: "swap" },
  ];
  return {
    hostname,
    os: ROCKY_9,
    ...history(epochMs, 41, 700),
    disks,
    arrays: [
      ...mirroredOs(),
      {
        name: "md2",
        level: "raid10",
        members: ["sdc1", "sdd1", "sde1", "sdf1"],
        spares: [SPARE_MEMBER],
      },
    ],
    vgs: [
      { name: "vg0", pv: "md1", lvs: osLvs },
      { name: "vgdata", pv: "md2", lvs: [{ name: "data", size: { share: 0.9 }, fstype: "xfs" }] },
    ],
    mounts: [
      { device: "vg0/root", target: "/", fstype: "xfs" },
      { device: "md0", target: "/boot", fstype: "xfs" },
      { device: "vgdata/data", target: "/srv/data", fstype: "xfs" },
    ],
    swaps: ["vg0/swap"],
    nfs: [],
    loops: [],
  };
}

/** Counts as a function of the cycle's time: monotonic, past the threshold of 5 by FAIL. */
export function wearAt(elapsedMs: number): WearCounts {
  const f = progress(elapsedMs, WEAR_FROM, FAIL);
  const reallocated = Math.round(3700 * f * f);
  return {
    reallocated,
    pending: Math.round(160 * f),
    offlineUncorrectable: Math.round(48 * f),
    reportedUncorrect: Math.round(64 * f),
    commandTimeout: Math.round(9 * f),
    reallocEvents: Math.round(reallocated / 3),
  };
}

function wornDisk(disk: DiskModel, elapsedMs: number): DiskModel {
  const wear = wearAt(elapsedMs);
  const smart = {
    ...disk.smart,
    attributes: withWear(disk.smart, wear),
    errorLogCount: wear.reportedUncorrect,
  };
  smart.passed = !smart.attributes.some((a) => a.id === 5 && a.value <= a.thresh);
  if (elapsedMs >= SELF_TEST) {
    const failed = {
      type: "Extended offline" as const,
      statusValue: 0x79,
      status: "Completed: read failure",
      lifetimeHours: smart.powerOnHours,
      failingLba: 1876539362,
    };
    smart.selfTests = [failed, ...smart.selfTests];
  }
  return { ...disk, smart };
}

function degraded(array: MdArrayModel, elapsedMs: number): MdArrayModel {
  const isRebuilding = elapsedMs >= REBUILD_FROM && elapsedMs < REBUILD_DONE;
  const isRebuilt = elapsedMs >= REBUILD_DONE;
  const members = array.members.map((m) => {
    if (m.device === WORN_MEMBER) return { ...m, state: "faulty" as const };
    if (m.device === SPARE_MEMBER && elapsedMs >= REBUILD_FROM) {
      return { ...m, slot: 1, state: isRebuilt ? ("in_sync" as const) : ("rebuilding" as const) };
    }
    return m;
  });
  const f = progress(elapsedMs, REBUILD_FROM, REBUILD_DONE);
  const sync = isRebuilding
    ? {
        action: "recovery" as const,
        doneKb: Math.floor(array.usedDevSizeKb * f),
        totalKb: array.usedDevSizeKb,
        speedKBps: Math.round(151_000 + 1_500 * wobble(elapsedMs, 10_000)),
      }
    : null;
  const events = array.events + 2 + Math.floor((elapsedMs - FAIL) / 60_000);
  return { ...array, members, sync, events };
}

function script(elapsedMs: number): TimedLine[] {
  const lines: TimedLine[] = [];
  // A burst of libata and block errors every 90 seconds while the disk decays.
  for (let at = WEAR_FROM + 30_000; at < FAIL && at <= elapsedMs; at += 90_000) {
    const sector = 1876539362 + Math.floor(at / 1000) * 8;
    lines.push(
      { at, message: "ata4.00: exception Emask 0x0 SAct 0x400000 SErr 0x0 action 0x0" },
      { at, message: "ata4.00: failed command: READ FPDMA QUEUED" },
      { at, message: "ata4.00: status: { DRDY ERR }" },
      { at, message: "ata4.00: error: { UNC }" },
      { at: at + 20, message: "sd 3:0:0:0: [sdd] tag#22 Sense Key : Medium Error [current]" },
      {
        at: at + 20,
        message: `I/O error, dev sdd, sector ${sector} op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2`,
      },
      { at: at + 30, message: "ata4: EH complete" },
    );
  }
  lines.push(
    { at: FAIL, message: "md/raid10:md2: Disk failure on sdd1, disabling device." },
    { at: FAIL, message: "md/raid10:md2: Operation continuing on 3 devices." },
    { at: REBUILD_FROM, message: "md: recovery of RAID array md2" },
    { at: REBUILD_DONE, message: "md: md2: recovery done." },
  );
  return lines;
}

/**
 * Incident 6: a virtualization host runs out of software IOMMU bounce buffers for its SAS HBA
 * (`PCI-DMA: Out of SW-IOMMU space for 65536 bytes at device 0000:05:00.0`), crashes, is
 * unreachable for seven minutes and boots again. The journal keeps the lines from before the
 * crash, then a new boot; md finds the arrays unclean and resyncs md1 against its bitmap.
 */
import { assembleHost, type HostBlueprint } from "../blueprint";
import { bootLog } from "../boot-log";
import type { DiskPlan } from "../build-layout";
import { CENTOS_7 } from "../catalog";
import type { HostModel, MdArrayModel } from "../model";
import { fstabNfsOptions, hostAddress } from "../random-host";
import { BOOT_RAID_PART, drive, history, mirroredOs, RAID_PART } from "./parts";
import {
  CYCLE_MS,
  eventRng,
  MINUTE,
  progress,
  SCENARIO_START,
  type Scenario,
  type ScenarioClock,
  type TimedLine,
  wallAt,
  withLines,
} from "./timeline";

const FULL = 12 * MINUTE;
const CRASH = FULL + 2 * MINUTE;
const REBOOT = CRASH + 6 * MINUTE;
const UP = CRASH + 7 * MINUTE;
const RESYNC_DONE = UP + 4 * MINUTE;
const DMA_LINE = "PCI-DMA: Out of SW-IOMMU space for 65536 bytes at device 0000:05:00.0";

export const swiotlbCrash: Scenario = {
  id: "swiotlb-crash",
  title: "SW-IOMMU exhaustion crashes a virtualization host",
  cycleMs: CYCLE_MS,
  marks: {
    swiotlbFull: FULL,
    crashed: CRASH,
    rebooted: REBOOT,
    reachable: UP,
    resynced: RESYNC_DONE,
  },
  buildHost: ({ hostname, index, rng, epochMs }) =>
    assembleHost(blueprint(hostname, index, epochMs), rng),
  stateAt: (base, elapsedMs, clock = SCENARIO_START) => {
    const before = withLines(base, clock, elapsedMs, DMA_SCRIPT);
    if (elapsedMs < CRASH) return before;
    if (elapsedMs < REBOOT) return { ...before, isReachable: false };
    const after = rebooted(before, clock, elapsedMs);
    return elapsedMs < UP ? { ...after, isReachable: false } : after;
  },
};

/** Mirrored OS SSDs (md1 with a bitmap) and four SAS disks in a RAID10 for the VM images. */
function blueprint(hostname: string, index: number, epochMs: number): HostBlueprint {
  const ssd = drive("Micron_5300");
  const sas = drive("HUH721212AL5200");
  const osLvs = [
    { name: "root", size: { gib: 50 }, fstype: "xfs" },
    { name: "swap", size: { gib: 16 }, fstype: "swap" },
  ];
  return {
    hostname,
    os: CENTOS_7,
    ...history(epochMs, 67, 1500),
    disks: [
      ...[0, 1].map(
        (): DiskPlan => ({ spec: ssd, label: "gpt", parts: [BOOT_RAID_PART, RAID_PART] }),
      ),
      ...[0, 1, 2, 3].map((): DiskPlan => ({ spec: sas, label: "gpt", parts: [RAID_PART] })),
    ],
    arrays: [
      ...mirroredOs().map((a) => (a.name === "md1" ? { ...a, hasBitmap: true } : a)),
      { name: "md2", level: "raid10", members: ["sdc1", "sdd1", "sde1", "sdf1"] },
    ],
    vgs: [
      { name: "vg0", pv: "md1", lvs: osLvs },
      {
        name: "vmstore",
        pv: "md2",
        lvs: [{ name: "images", size: { share: 0.95 }, fstype: "xfs" }],
      },
    ],
    mounts: [
      { device: "vg0/root", target: "/", fstype: "xfs" },
      { device: "md0", target: "/boot", fstype: "xfs" },
      { device: "vmstore/images", target: "/var/lib/libvirt/images", fstype: "xfs" },
    ],
    swaps: ["vg0/swap"],
    nfs: [isoMount(hostAddress(index))],
    loops: [],
  };
}

const DMA_SCRIPT: readonly TimedLine[] = [
  { at: FULL, message: "mpt3sas 0000:05:00.0: swiotlb buffer is full (sz: 65536 bytes)" },
  { at: FULL + 1, message: DMA_LINE },
  { at: FULL + 45_000, message: DMA_LINE },
  { at: FULL + 80_000, message: DMA_LINE },
];

function rebooted(host: HostModel, clock: ScenarioClock, elapsedMs: number): HostModel {
  const bootMs = wallAt(clock, REBOOT);
  const rng = eventRng(host, Math.floor(clock.cycleStartMs / 1000));
  const mounts = host.mounts.map((m) =>
    m.nfs ? { ...m, nfs: { ...m.nfs, mountedAtMs: bootMs + 31_000 } } : m,
  );
  const arrays = host.mdArrays.map((a) => (a.name === "md1" ? resyncing(a, elapsedMs) : a));
  const next: HostModel = {
    ...host,
    boots: [...host.boots, { id: rng.hex(32), startMs: bootMs }],
    mounts,
    mdArrays: arrays,
  };
  const boot = bootLog(next, bootMs, rng);
  const resync: TimedLine[] = [
    {
      at: REBOOT + 4_000,
      message: "md/raid1:md1: not clean -- starting background reconstruction",
    },
    { at: REBOOT + 4_100, message: "md: resync of RAID array md1" },
    { at: RESYNC_DONE, message: "md: md1: resync done." },
  ];
  return withLines({ ...next, kernelLog: [...next.kernelLog, ...boot] }, clock, elapsedMs, resync);
}

/** With a write-intent bitmap only the regions dirty at the crash are copied again. */
function resyncing(array: MdArrayModel, elapsedMs: number): MdArrayModel {
  if (elapsedMs >= RESYNC_DONE) return array;
  const f = progress(elapsedMs, REBOOT + 4_100, RESYNC_DONE);
  const doneKb = Math.floor(array.usedDevSizeKb * f);
  return {
    ...array,
    sync: { action: "resync", doneKb, totalKb: array.usedDevSizeKb, speedKBps: 187_000 },
  };
}

function isoMount(clientAddr: string) {
  return {
    server: "nas01",
    serverAddr: "10.20.0.30",
    exportPath: "/export/isos",
    target: "/var/lib/libvirt/isos",
    vers: "3" as const,
    isSoft: false,
    isIntr: false,
    timeo: 600,
    retrans: 2,
    rsize: 1048576,
    wsize: 1048576,
    clientAddr,
    opsPerSecond: { read: 12, write: 0, getattr: 25 },
    extraRetrans: 0,
    extraTimeouts: 0,
    srcPort: 901,
    fstabOptions: fstabNfsOptions("3", false, false),
  };
}

/**
 * A healthy fleet host drawn at random: an OS pair of SSDs or NVMe drives with /boot and LVM on
 * RAID1, a data array (RAID1, RAID10 or RAID6) of HDDs or SAS drives with its own VG, and a few
 * NFS mounts with mostly sensible options.
 */
import type { HostBlueprint, LoopPlan, NfsPlan } from "./blueprint";
import { type DiskPlan, GPT_TYPES, type PartPlan } from "./build-layout";
import { type DriveSpec, drivesOfKind, MODERN_RELEASES } from "./catalog";
import type { MdLevel } from "./model";
import type { Rng } from "./prng";

const DAY_MS = 86_400_000;
const RAID_PART: PartPlan = {
  sizeSectors: null,
  type: GPT_TYPES.raid,
  fstype: "linux_raid_member",
};
const BOOT_PART: PartPlan = {
  sizeSectors: 2_097_152,
  type: GPT_TYPES.raid,
  fstype: "linux_raid_member",
};

export const NFS_SERVERS = [
  { server: "fs1", serverAddr: "10.20.0.11" },
  { server: "fs2", serverAddr: "10.20.0.12" },
  { server: "nas01", serverAddr: "10.20.0.30" },
] as const;

const EXPORTS: ReadonlyArray<[string, string]> = [
  ["/export/home", "/mnt/home"],
  ["/export/scratch", "/mnt/scratch"],
  ["/export/backup", "/mnt/backup"],
  ["/export/software", "/opt/software"],
  ["/export/images", "/mnt/images"],
];

export function hostAddress(index: number): string {
  return `10.20.${1 + Math.floor(index / 250)}.${10 + (index % 250)}`;
}

export function randomBlueprint(
  rng: Rng,
  hostname: string,
  index: number,
  epochMs: number,
): HostBlueprint {
  const os = rng.pick(MODERN_RELEASES);
  const diskCount = rng.int(2, 12);
  const osSpec = rng.pick(drivesOfKind(rng.chance(0.3) ? "nvme" : "ssd"));
  // Three disks make a mirrored pair with a hot spare; four or more add a data array.
  const osDisks = diskCount === 3 ? 3 : 2;
  const bootMs = epochMs - rng.int(3, 180) * DAY_MS - rng.int(0, DAY_MS);
  const rootFs = os.os.family === "debian" ? "ext4" : "xfs";
  const bp: HostBlueprint = {
    hostname,
    os,
    bootMs,
    installedSec: Math.floor((bootMs - rng.int(30, 900) * DAY_MS) / 1000),
    disks: Array.from(
      { length: osDisks },
      (): DiskPlan => ({ spec: osSpec, label: "gpt", parts: [BOOT_PART, RAID_PART] }),
    ),
    arrays: osArrays(deviceNames(osSpec, osDisks)),
    vgs: [{ name: "vg0", pv: "md1", lvs: osLvs(rootFs) }],
    mounts: [
      { device: "vg0/root", target: "/", fstype: rootFs },
      { device: "md0", target: "/boot", fstype: "ext4" },
      { device: "vg0/srv", target: "/srv", fstype: "xfs" },
    ],
    swaps: ["vg0/swap"],
    nfs: randomNfs(rng, hostAddress(index)),
    loops: [],
  };
  if (diskCount >= 4) addDataArray(bp, rng, diskCount - 2, osSpec.protocol === "NVMe" ? 0 : 2);
  bp.loops = randomLoops(rng, bp);
  return bp;
}

/** /boot on a RAID1 of the first partitions, LVM on a RAID1 of the second; any third disk spares. */
function osArrays(names: string[]): HostBlueprint["arrays"] {
  return [1, 2].map((number) => ({
    name: `md${number - 1}`,
    level: "raid1" as const,
    members: names.slice(0, 2).map((d) => part(d, number)),
    spares: names.slice(2).map((d) => part(d, number)),
  }));
}

function osLvs(rootFs: string) {
  return [
    { name: "root", size: { gib: 30 }, fstype: rootFs },
    { name: "swap", size: { gib: 8 }, fstype: "swap" },
    { name: "srv", size: { share: 0.7 }, fstype: "xfs" },
  ];
}

function addDataArray(bp: HostBlueprint, rng: Rng, count: number, sdOffset: number): void {
  const spec = rng.pick([...drivesOfKind("hdd"), ...drivesOfKind("sas")]);
  for (let i = 0; i < count; i++) bp.disks.push({ spec, label: "gpt", parts: [RAID_PART] });
  const names = deviceNames(spec, count, sdOffset).map((d) => part(d, 1));
  const { level, active } = dataLevel(rng, count);
  bp.arrays.push({
    name: "md2",
    level,
    members: names.slice(0, active),
    spares: names.slice(active),
  });
  bp.vgs.push({
    name: "vgdata",
    pv: "md2",
    lvs: [{ name: "data", size: { share: 0.9 }, fstype: "xfs" }],
  });
  bp.mounts.push({ device: "vgdata/data", target: "/srv/data", fstype: "xfs" });
}

function dataLevel(rng: Rng, count: number): { level: MdLevel; active: number } {
  if (count >= 6 && rng.chance(0.5)) return { level: "raid6", active: count };
  if (count >= 4) return { level: "raid10", active: count - (count % 2) };
  return { level: "raid1", active: 2 };
}

function deviceNames(spec: DriveSpec, count: number, sdOffset = 0): string[] {
  return Array.from({ length: count }, (_, i) =>
    spec.protocol === "NVMe" ? `nvme${i}n1` : `sd${String.fromCharCode(97 + sdOffset + i)}`,
  );
}

function part(disk: string, number: number): string {
  return disk.startsWith("nvme") ? `${disk}p${number}` : `${disk}${number}`;
}

function randomNfs(rng: Rng, clientAddr: string): NfsPlan[] {
  const roll = rng.next();
  const count = roll < 0.4 ? 0 : roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3;
  const exports = shuffled(EXPORTS, rng).slice(0, count);
  return exports.map(([exportPath, target]) => {
    const vers = rng.pick(["4.2", "4.2", "4.2", "4.1", "3"] as const);
    const isSoft = rng.chance(0.05);
    const isIntr = rng.chance(0.03);
    return {
      ...rng.pick(NFS_SERVERS),
      exportPath,
      target,
      vers,
      isSoft,
      isIntr,
      timeo: isSoft ? 150 : 600,
      retrans: isSoft ? 3 : 2,
      rsize: 1048576,
      wsize: 1048576,
      clientAddr,
      opsPerSecond: { read: rng.int(5, 80), write: rng.int(2, 30), getattr: rng.int(20, 200) },
      extraRetrans: 0,
      extraTimeouts: 0,
      srcPort: rng.int(700, 1023),
      fstabOptions: fstabNfsOptions(vers, isSoft, isIntr),
    };
  });
}

/** Fisher-Yates on a copy: a random sort comparator is neither uniform nor engine-stable. */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = copy[i];
    const b = copy[j];
    if (a !== undefined && b !== undefined) {
      copy[i] = b;
      copy[j] = a;
    }
  }
  return copy;
}

export function fstabNfsOptions(vers: string, isSoft: boolean, isIntr: boolean): string {
  const parts = [`vers=${vers}`, isSoft ? "soft" : "hard"];
  if (isSoft) parts.push("timeo=150", "retrans=3");
  if (isIntr) parts.push("intr");
  return [...parts, "_netdev"].join(",");
}

function randomLoops(rng: Rng, bp: HostBlueprint): LoopPlan[] {
  if (!rng.chance(0.15)) return [];
  const onNfs = bp.nfs.find((n) => n.target === "/mnt/images");
  const backFile = onNfs ? `/mnt/images/${bp.hostname}-cache.img` : "/srv/images/ci-cache.img";
  bp.mounts.push({ device: "loop0", target: "/var/cache/ci", fstype: "xfs" });
  return [{ backFile, sizeBytes: 21474836480, fstype: "xfs", target: "/var/cache/ci" }];
}

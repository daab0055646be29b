/**
 * A host described by intent (these disks, these arrays on those partitions, this VG on that
 * array, mounted there) and assembled into a full HostModel. Healthy hosts draw a random
 * blueprint; each scenario writes its own, so both go through the same wiring.
 */
import { bootLog } from "./boot-log";
import { type DiskPlan, findBlockDevice, materializeDisks } from "./build-layout";
import { buildVg, type LvSpec, lvMapperPath } from "./build-lvm";
import { type ArraySpec, buildArray } from "./build-md";
import { createMountTable, type MountTable, superOptionsFor } from "./build-mounts";
import type { OsSpec } from "./catalog";
import type { DiskModel, HostModel, LoopModel, LvmVg, MdArrayModel, NfsMount } from "./model";
import type { Rng } from "./prng";

export type NfsPlan = Omit<NfsMount, "ops" | "mountedAtMs"> & {
  target: string;
  fstabOptions: string;
};
export type LoopPlan = {
  backFile: string;
  sizeBytes: number;
  fstype: string;
  target: string | null;
};

export type HostBlueprint = {
  hostname: string;
  os: OsSpec;
  bootMs: number;
  /** When the OS was installed (array and VG creation times). */
  installedSec: number;
  disks: DiskPlan[];
  arrays: Array<Omit<ArraySpec, "memberSectors" | "homehost" | "createdSec">>;
  /** Each VG on one PV: an md array (`md1`) or a partition (`sda2`). */
  vgs: Array<{ name: string; pv: string; lvs: LvSpec[] }>;
  /** `md0`, `vg0/root` or `loop0`, mounted at target. */
  mounts: Array<{ device: string; target: string; fstype: string }>;
  swaps: string[];
  nfs: NfsPlan[];
  loops: LoopPlan[];
};

export function assembleHost(bp: HostBlueprint, rng: Rng): HostModel {
  const disks = materializeDisks(bp.disks, rng);
  // md rewrites the superblock when the array is assembled at boot, so that is its update time.
  const mdArrays = bp.arrays.map((spec) => {
    const array = buildArray(withSizes(spec, bp, disks), rng);
    array.updateTimeSec = Math.floor(bp.bootMs / 1000) + 3;
    return array;
  });
  const vgs = buildVgs(bp, { mdArrays, disks }, rng);
  const loops = bp.loops.map(loopFromPlan);
  const table = buildMounts(bp, { vgs, disks }, loops);
  const host: HostModel = {
    hostname: bp.hostname,
    kernel: bp.os.kernel,
    os: bp.os.os,
    isReachable: true,
    boots: [{ id: rng.hex(32), startMs: bp.bootMs }],
    missingCommands: [],
    legacyCommands: {},
    hasMountinfo: true,
    hasPrintkTime: true,
    mdPersonalities: ["raid1", "raid10", "raid0", "raid6", "raid5", "raid4", "linear", "multipath"],
    disks,
    mdArrays,
    mdadmConfUuids: mdArrays.map((array) => array.uuid),
    vgs,
    mounts: table.mounts,
    swaps: bp.swaps.map((name) => devicePath(name)),
    fstab: table.fstab,
    loops,
    kernelLog: [],
  };
  host.kernelLog = bootLog(host, bp.bootMs, rng);
  return host;
}

function loopFromPlan(plan: LoopPlan, index: number): LoopModel {
  return {
    name: `loop${index}`,
    minor: index,
    backFile: plan.backFile,
    sizeBytes: plan.sizeBytes,
    isAutoclear: true,
    isReadOnly: false,
    isDirectIo: false,
    fstype: plan.fstype,
  };
}

function withSizes(
  spec: HostBlueprint["arrays"][number],
  bp: HostBlueprint,
  disks: DiskModel[],
): ArraySpec {
  const first = findBlockDevice(disks, spec.members[0] ?? "");
  const memberSectors =
    first?.partition?.sizeSectors ?? (first ? first.disk.capacityBytes / 512 : 0);
  return { ...spec, memberSectors, homehost: bp.hostname, createdSec: bp.installedSec };
}

function pvSectors(pv: string, devices: { mdArrays: MdArrayModel[]; disks: DiskModel[] }): number {
  const array = devices.mdArrays.find((a) => a.name === pv);
  if (array) return array.arraySizeKb * 2;
  return findBlockDevice(devices.disks, pv)?.partition?.sizeSectors ?? 0;
}

function buildVgs(
  bp: HostBlueprint,
  devices: { mdArrays: MdArrayModel[]; disks: DiskModel[] },
  rng: Rng,
): LvmVg[] {
  let dmMinor = 0;
  return bp.vgs.map((plan) => {
    const vg = buildVg(
      {
        name: plan.name,
        pvDevice: `/dev/${plan.pv}`,
        pvSectors: pvSectors(plan.pv, devices),
        lvs: plan.lvs,
        hostname: bp.hostname,
        createdSec: bp.installedSec,
        firstDmMinor: dmMinor,
      },
      rng,
    );
    dmMinor += plan.lvs.length;
    return vg;
  });
}

type Devices = { vgs: LvmVg[]; disks: DiskModel[] };

function buildMounts(bp: HostBlueprint, devices: Devices, loops: LoopModel[]) {
  const [rootPlan, ...rest] = bp.mounts;
  const root = rootPlan ?? { device: "vg0/root", target: "/", fstype: "ext4" };
  const isLegacy = bp.os.os.systemdVersion === null;
  const rootMount = {
    source: devicePath(root.device),
    majMin: majMinOf(root.device, devices),
    fstype: root.fstype,
  };
  const table = createMountTable(rootMount, isLegacy);
  table.fstab.push(fstabLine(root.device, "/", root.fstype, bp.os.os.family));
  // Loop images can live on NFS, so they are mounted after the network filesystems.
  for (const plan of rest.filter((p) => !p.device.startsWith("loop"))) {
    addLocal(table, plan, devices, loops, bp.os.os.family);
  }
  for (const swap of bp.swaps) table.fstab.push(fstabLine(swap, "none", "swap", bp.os.os.family));
  for (const { target, fstabOptions, ...nfs } of bp.nfs) {
    table.addNfs(target, { ...nfs, mountedAtMs: bp.bootMs + 31_000, ops: [] }, fstabOptions);
  }
  for (const plan of rest.filter((p) => p.device.startsWith("loop"))) {
    addLocal(table, plan, devices, loops, bp.os.os.family);
  }
  return table;
}

type MountPlan = HostBlueprint["mounts"][number];

function addLocal(
  table: MountTable,
  plan: MountPlan,
  devices: Devices,
  loops: LoopModel[],
  family: string,
) {
  table.add({
    source: devicePath(plan.device),
    target: plan.target,
    fstype: plan.fstype,
    root: "/",
    majMin: majMinOf(plan.device, devices),
    options: "rw,relatime",
    superOptions: superOptionsFor(plan.fstype),
  });
  const loop = loops.find((l) => l.name === plan.device);
  const spec = loop ? loop.backFile : plan.device;
  table.fstab.push(fstabLine(spec, plan.target, plan.fstype, family, loop !== undefined));
}

function fstabLine(device: string, file: string, vfstype: string, family: string, isLoop = false) {
  const spec = device.startsWith("/") ? device : devicePath(device);
  const rootOptions = family === "debian" ? "errors=remount-ro" : "defaults";
  const options = isLoop
    ? "loop,noatime"
    : file === "/" && vfstype === "ext4"
      ? rootOptions
      : "defaults";
  return { spec, file, vfstype, options };
}

/** `vg0/root` → /dev/mapper/vg0-root; `md0` → /dev/md0. */
export function devicePath(device: string): string {
  const slash = device.indexOf("/");
  if (slash === -1) return `/dev/${device}`;
  return lvMapperPath(device.slice(0, slash), device.slice(slash + 1));
}

function majMinOf(device: string, { vgs, disks }: Devices): string {
  const slash = device.indexOf("/");
  if (slash !== -1) {
    const vg = vgs.find((v) => v.name === device.slice(0, slash));
    const lv = vg?.lvs.find((l) => l.name === device.slice(slash + 1));
    return `253:${lv?.dmMinor ?? 0}`;
  }
  if (device.startsWith("md")) return `9:${Number.parseInt(device.slice(2), 10)}`;
  if (device.startsWith("loop")) return `7:${Number.parseInt(device.slice(4), 10)}`;
  const found = findBlockDevice(disks, device);
  const node = found?.partition ?? found?.disk;
  return node ? `${node.major}:${node.minor}` : "0:0";
}

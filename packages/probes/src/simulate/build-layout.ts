/**
 * Turns a per-disk partition plan into kernel devices: `sdX` disks get major 8 with 16 minors
 * each, NVMe namespaces and their partitions take consecutive minors of major 259 in probe
 * order, as the kernel numbers them.
 */
import { buildDisk } from "./build-disks";
import type { DriveSpec } from "./catalog";
import type { DiskModel, PartitionModel } from "./model";
import { type Rng, uuid } from "./prng";

export const GPT_TYPES = {
  raid: "A19D880F-05FC-4D3B-A006-743F0F84911E",
  linux: "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
  lvm: "E6D6D379-F507-44C2-A23C-238F2A3DF928",
  efi: "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
} as const;

export type PartPlan = {
  /** Sectors, or null for "the rest of the disk". */
  sizeSectors: number | null;
  type: string;
  fstype: string | null;
};

export type DiskPlan = {
  spec: DriveSpec;
  label: "gpt" | "dos" | null;
  parts: PartPlan[];
  /** Signature on the whole disk when there is no partition table. */
  fstype?: string | null;
};

const FIRST_LBA = 2048;
/** GPT keeps a 33-sector backup table at the end of the disk. */
const GPT_TAIL = 34;

export function materializeDisks(plans: readonly DiskPlan[], rng: Rng): DiskModel[] {
  let sdIndex = 0;
  let nvmeIndex = 0;
  let nvmeMinor = 0;
  return plans.map((plan) => {
    const isNvme = plan.spec.protocol === "NVMe";
    const name = isNvme ? `nvme${nvmeIndex++}n1` : sdName(sdIndex++);
    const major = isNvme ? 259 : 8;
    const minor = isNvme ? nvmeMinor++ : (sdIndex - 1) * 16;
    const disk = buildDisk(plan.spec, { name, major, minor }, rng);
    disk.fstype = plan.fstype ?? null;
    if (plan.label !== null) {
      disk.partitionTable = {
        label: plan.label,
        id: plan.label === "gpt" ? uuid(rng).toUpperCase() : `0x${rng.hex(8)}`,
      };
      disk.partitions = layoutPartitions(disk, plan, rng, () => (isNvme ? nvmeMinor++ : 0));
    }
    return disk;
  });
}

function layoutPartitions(
  disk: DiskModel,
  plan: DiskPlan,
  rng: Rng,
  nextNvmeMinor: () => number,
): PartitionModel[] {
  const totalSectors = disk.capacityBytes / 512;
  const end = plan.label === "gpt" ? totalSectors - GPT_TAIL : totalSectors;
  // An MBR label here comes from RHEL 5-era fdisk, which started at sector 63 (cylinder 0, head 1).
  let start = plan.label === "dos" ? 63 : FIRST_LBA;
  return plan.parts.map((part, index) => {
    const number = index + 1;
    // Partitions end on a 1 MiB boundary, as fdisk/parted align them.
    const available = Math.floor((end - start) / 2048) * 2048;
    const sizeSectors = part.sizeSectors ?? available;
    const partition: PartitionModel = {
      name: partitionName(disk.name, number),
      number,
      major: disk.major,
      minor: disk.major === 259 ? nextNvmeMinor() : disk.minor + number,
      startSector: start,
      sizeSectors,
      type: part.type,
      partUuid: plan.label === "gpt" ? uuid(rng) : "",
      fstype: part.fstype,
    };
    start += sizeSectors;
    return partition;
  });
}

/** sda … sdz, sdaa … like the sd driver. */
export function sdName(index: number): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  if (index < 26) return `sd${letters[index]}`;
  return `sd${letters[Math.floor(index / 26) - 1]}${letters[index % 26]}`;
}

/** nvme0n1 → nvme0n1p1; sda → sda1 (a name ending in a digit gets a `p`). */
export function partitionName(disk: string, number: number): string {
  return /\d$/.test(disk) ? `${disk}p${number}` : `${disk}${number}`;
}

/** Every block device name on the host that can hold a signature: disks and partitions. */
export function findBlockDevice(
  disks: readonly DiskModel[],
  name: string,
): { disk: DiskModel; partition: PartitionModel | null } | null {
  for (const disk of disks) {
    if (disk.name === name) return { disk, partition: null };
    const partition = disk.partitions.find((p) => p.name === name);
    if (partition) return { disk, partition };
  }
  return null;
}

/**
 * Kernel messages of a normal boot that matter to storage: md assembly, capacity changes, and
 * filesystem mounts, worded as the running kernel generation words them.
 */
import { inSyncCount } from "./build-md";
import { kernelMajor } from "./catalog";
import type { HostModel, KernelLogLine, MdArrayModel } from "./model";
import type { Rng } from "./prng";

export function bootLog(host: HostModel, bootMs: number, rng: Rng): KernelLogLine[] {
  const lines: KernelLogLine[] = [];
  const at = (seconds: number, message: string) =>
    lines.push({ atMs: bootMs + Math.round(seconds * 1000), message, source: "kernel" });
  at(0, `Linux version ${host.kernel} (mockbuild@builder) #1 SMP`);
  at(0.000001, `Command line: BOOT_IMAGE=/vmlinuz-${host.kernel} ro quiet`);
  let t = 2.1 + rng.next();
  for (const array of host.mdArrays) {
    const active = mdActiveLine(array, host.kernel);
    if (active !== null) at(t, active);
    at(t + 0.004, `${array.name}: detected capacity change from 0 to ${array.arraySizeKb * 2}`);
    t += 0.05 + rng.next() / 10;
  }
  t += 3;
  for (const mount of host.mounts) {
    const dev = kernelDevice(mount.majMin, mount.source);
    if (mount.fstype === "xfs") {
      at(t, `XFS (${dev}): Mounting V5 Filesystem`);
      at(t + 0.2, `XFS (${dev}): Ending clean mount`);
    } else if (mount.fstype === "ext4") {
      at(t, `EXT4-fs (${dev}): mounted filesystem with ordered data mode. Quota mode: none.`);
    } else if (mount.fstype === "ext3") {
      at(t, `EXT3 FS on ${dev}, internal journal`);
      at(t + 0.001, "EXT3-fs: mounted filesystem with ordered data mode.");
    }
    t += 0.3 + rng.next() / 5;
  }
  return lines;
}

/** raid1/raid4-6 announce how many members they started with; raid0/raid10 print nothing. */
export function mdActiveLine(array: MdArrayModel, kernel: string): string | null {
  const active = inSyncCount(array);
  const isOld = kernelMajor(kernel) < 3;
  if (array.level === "raid1") {
    return isOld
      ? `raid1: raid set ${array.name} active with ${active} out of ${array.raidDisks} mirrors`
      : `md/raid1:${array.name}: active with ${active} out of ${array.raidDisks} mirrors`;
  }
  if (array.level === "raid5" || array.level === "raid6") {
    const level = array.level.slice(4);
    const prefix = isOld ? `raid${level}:` : `md/raid:${array.name}:`;
    const set = isOld ? ` set ${array.name}` : "";
    return `${prefix} raid level ${level}${set} active with ${active} out of ${array.raidDisks} devices, algorithm 2`;
  }
  return null;
}

/** The kernel name a filesystem logs under: dm-N for LVM, md0, loop0, sda1. */
export function kernelDevice(majMin: string, source: string): string {
  if (majMin.startsWith("253:")) return `dm-${majMin.slice(4)}`;
  return source.startsWith("/dev/") ? source.slice(5) : source;
}

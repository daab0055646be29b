/** Plain-text outputs: /etc/fstab as each installer writes it, and `sfdisk --dump DISK`. */
import type { DiskModel, FstabEntry, HostModel } from "../model";
import { ctime, padStart } from "./format";

const DEBIAN_FSTAB_HEADER = `# /etc/fstab: static file system information.
#
# Use 'blkid' to print the universally unique identifier for a
# device; this may be used with UUID= as a more robust way to name devices
# that works even if disks are added and removed. See fstab(5).
#
# <file system> <mount point>   <type>  <options>       <dump>  <pass>
`;

export function renderFstab(host: HostModel): string {
  const header =
    host.os.family === "debian"
      ? DEBIAN_FSTAB_HEADER
      : `\n#\n# /etc/fstab\n# Created by anaconda on ${ctime(host.mdArrays[0]?.creationTimeSec ?? 0)}\n#\n# Accessible filesystems, by reference, are maintained under '/dev/disk/'.\n# See man pages fstab(5), findfs(8), mount(8) and/or blkid(8) for more info.\n#\n`;
  return header + host.fstab.map(fstabLine).join("");
}

function fstabLine(entry: FstabEntry): string {
  const isNetworkOrSwap = entry.vfstype.startsWith("nfs") || entry.vfstype === "swap";
  const pass = isNetworkOrSwap ? 0 : entry.file === "/" ? 1 : 2;
  const cells = [
    entry.spec.padEnd(23),
    entry.file.padEnd(23),
    entry.vfstype.padEnd(7),
    entry.options.padEnd(15),
  ];
  return `${cells.join(" ")} 0 ${pass}\n`;
}

export type TextResult = { stdout: string; exitCode: number };

/** util-linux 2.3x `--dump`; the RHEL 5 sfdisk (util-linux 2.13) wrote an older MBR-only form. */
export function renderSfdisk(host: HostModel, devicePath: string): TextResult {
  const disk = host.disks.find((d) => `/dev/${d.name}` === devicePath);
  if (!disk)
    return {
      stdout: `sfdisk: cannot open ${devicePath}: No such file or directory\n`,
      exitCode: 1,
    };
  if (host.kernel.startsWith("2.6.18")) return { stdout: legacyDump(disk), exitCode: 0 };
  const table = disk.partitionTable;
  if (table === null) {
    return {
      stdout: `sfdisk: ${devicePath}: does not contain a recognized partition table\n`,
      exitCode: 1,
    };
  }
  let out = `label: ${table.label}\nlabel-id: ${table.id}\ndevice: ${devicePath}\nunit: sectors\n`;
  if (table.label === "gpt") out += `first-lba: 2048\nlast-lba: ${disk.capacityBytes / 512 - 34}\n`;
  out += "sector-size: 512\n\n";
  for (const part of disk.partitions) {
    const uuid = table.label === "gpt" ? `, uuid=${part.partUuid.toUpperCase()}` : "";
    out += `/dev/${part.name} : start=${padStart(part.startSector, 12)}, size=${padStart(part.sizeSectors, 12)}, type=${part.type}${uuid}\n`;
  }
  return { stdout: out, exitCode: 0 };
}

function legacyDump(disk: DiskModel): string {
  let out = `# partition table of /dev/${disk.name}\nunit: sectors\n\n`;
  for (let number = 1; number <= 4; number++) {
    const part = disk.partitions.find((p) => p.number === number);
    const id = part ? part.type : " 0";
    out += `/dev/${disk.name}${number} : start=${padStart(part?.startSector ?? 0, 9)}, size=${padStart(part?.sizeSectors ?? 0, 9)}, Id=${id}\n`;
  }
  return out;
}

import type { LsblkDevice, LsblkReport } from "@holmes/core";

const UNITS = ["B", "K", "M", "G", "T", "P"];

function size(device: LsblkDevice): string {
  if (device.sizeBytes === null) return device.sizeText ?? "?";
  let value = device.sizeBytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)}${UNITS[unit]}`;
}

/**
 * The block tree as a person reads it (what `lsblk` prints without -J): name, type, size, and
 * for disks their serial and WWN, the filesystem and mount point. For the recovery sheet; the
 * raw JSON stays the stored evidence.
 */
export function lsblkTree(report: LsblkReport): string {
  const lines: string[] = [];
  const visit = (device: LsblkDevice, depth: number) => {
    const identity = device.type === "disk" ? [device.serial, device.wwn] : [];
    const cells = [
      `${"  ".repeat(depth)}${depth > 0 ? "└─" : ""}${device.name}`.padEnd(22),
      (device.type ?? "?").padEnd(6),
      size(device).padStart(6),
      ...identity.filter(Boolean),
      device.fstype ?? "",
      device.mountpoints.join(","),
    ];
    lines.push(
      cells
        .filter((cell) => cell !== "")
        .join("  ")
        .trimEnd(),
    );
    for (const child of device.children) visit(child, depth + 1);
  };
  for (const device of report.devices) visit(device, 0);
  return `${lines.join("\n")}\n`;
}

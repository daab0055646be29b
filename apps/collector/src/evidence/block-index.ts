import type { LsblkDevice, LsblkReport } from "@holmes/core";

export type BlockIdentity = {
  /** The whole disk the device lives on, as a /dev path. */
  disk: string;
  serial: string | null;
  wwn: string | null;
};

/**
 * Maps every disk and partition name to its disk's path, serial and WWN, from the lsblk tree.
 * Drive letters move between boots; serials and WWNs do not, so evidence is keyed by them.
 */
export function blockIndex(lsblk: LsblkReport | null): (device: string) => BlockIdentity | null {
  const byName = new Map<string, BlockIdentity>();
  const visit = (device: LsblkDevice, owner: BlockIdentity | null) => {
    const own =
      device.type === "disk"
        ? {
            disk: device.path ?? `/dev/${device.kname ?? device.name}`,
            serial: device.serial,
            wwn: device.wwn,
          }
        : owner;
    if (own) {
      byName.set(device.name, own);
      if (device.kname) byName.set(device.kname, own);
    }
    // Only partitions belong to one disk: an md or LVM child spans several.
    for (const child of device.children) visit(child, child.type === "part" ? own : null);
  };
  for (const device of lsblk?.devices ?? []) visit(device, null);
  return (device) => byName.get(device.replace(/^\/dev\//, "")) ?? null;
}

/**
 * A key for a disk or partition that survives renaming: `serial=WD-123/2` for the second
 * partition of disk WD-123; the /dev path when the disk reports no serial.
 */
export function stableDeviceKey(devicePath: string, identity: BlockIdentity | null): string {
  if (!identity?.serial) return devicePath;
  const suffix = devicePath.startsWith(identity.disk) ? devicePath.slice(identity.disk.length) : "";
  return suffix
    ? `serial=${identity.serial}/${suffix.replace(/^p/, "")}`
    : `serial=${identity.serial}`;
}

/** "/dev/sdb2 (WD-123)": how a person recognises the device. */
export function deviceLabel(devicePath: string, identity: BlockIdentity | null): string {
  return identity?.serial ? `${devicePath} (${identity.serial})` : devicePath;
}

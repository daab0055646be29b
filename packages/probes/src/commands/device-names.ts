import { BLOCK_DEVICE_NAME_ALTERNATION } from "@holmes/core";

/**
 * Strict validators for values read from a host (mdstat, lsblk, vgs) before they appear in any
 * command. A host is not trusted: a device called `sda;reboot` must never reach a command line, so
 * these accept only the kernel's own naming schemes, not "anything without a space".
 */

const MAX_BLOCK_NAME = 32;

/** A kernel block device name (see BLOCK_DEVICE_NAME_ALTERNATION), nothing around it. */
const BLOCK_DEVICE_NAME = new RegExp(`^(?:${BLOCK_DEVICE_NAME_ALTERNATION})$`);

/** `/dev/md/<name>` links created by mdadm from the array name (mdadm.conf `name=`). */
const MD_LINK_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/** LVM's rule for VG names (lvm(8) "VALID NAMES"); lvm.conf `name_max` is 127 in practice. */
const VOLUME_GROUP_NAME = /^[A-Za-z0-9+_.][A-Za-z0-9+_.-]{0,126}$/;

export function isBlockDeviceName(name: string): boolean {
  return name.length <= MAX_BLOCK_NAME && BLOCK_DEVICE_NAME.test(name);
}

export function isDevicePath(path: string): boolean {
  if (path.startsWith("/dev/md/")) {
    const name = path.slice("/dev/md/".length);
    return MD_LINK_NAME.test(name) && !name.includes("..") && name !== ".";
  }
  return path.startsWith("/dev/") && isBlockDeviceName(path.slice("/dev/".length));
}

export function isVolumeGroupName(name: string): boolean {
  return VOLUME_GROUP_NAME.test(name) && name !== "." && name !== "..";
}

/**
 * Turns what a host reported (a kernel name such as `sda1` or a path such as `/dev/md/data`) into a
 * validated `/dev/...` path, or null when it is neither.
 */
export function toDevicePath(nameOrPath: string): string | null {
  if (nameOrPath.startsWith("/")) return isDevicePath(nameOrPath) ? nameOrPath : null;
  return isBlockDeviceName(nameOrPath) ? `/dev/${nameOrPath}` : null;
}

/** Lookups the md renderers share: device numbers of a member and what its superblock says. */
import { findBlockDevice } from "../build-layout";
import type { HostModel, MdArrayModel, MdMember } from "../model";

/** major:minor of a disk, partition or loop device; 0:0 when the host has no such node. */
export function deviceNumbers(host: HostModel, kname: string): [number, number] {
  const found = findBlockDevice(host.disks, kname);
  if (found) {
    const node = found.partition ?? found.disk;
    return [node.major, node.minor];
  }
  const loop = host.loops.find((l) => l.name === kname);
  return loop ? [7, loop.minor] : [0, 0];
}

/**
 * md stops writing to a member once it fails, so its superblock keeps the event count (and
 * role) from the moment it dropped out.
 */
export function memberEvents(array: MdArrayModel, member: MdMember): number {
  return member.state === "faulty" ? Math.max(0, array.events - 37) : array.events;
}

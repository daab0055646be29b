/**
 * What changes on every host just because time passes: power-on hours, drive temperatures
 * wandering a degree or two, NFS counters growing with the mount's age. Pure in (host, time):
 * the same moment always gives the same numbers, so two polls of one instant agree.
 */
import { refreshDerivedAttributes } from "./build-disks";
import type { DiskModel, HostModel, MountModel, NfsMount, NfsOpStats } from "./model";
import { mix } from "./prng";

const HOUR_MS = 3_600_000;
const JITTER_PERIOD_MS = 300_000;

export function advanceClock(host: HostModel, atMs: number, epochMs: number): HostModel {
  const hostKey = nameKey(host.hostname);
  const hoursSinceEpoch = Math.max(0, Math.floor((atMs - epochMs) / HOUR_MS));
  const period = Math.floor(atMs / JITTER_PERIOD_MS);
  return {
    ...host,
    disks: host.disks.map((disk, i) => tickDisk(disk, hoursSinceEpoch, mix(hostKey, i, period))),
    mounts: host.mounts.map((mount) => (mount.nfs ? tickNfsMount(mount, mount.nfs, atMs) : mount)),
  };
}

function tickDisk(disk: DiskModel, hours: number, jitter: number): DiskModel {
  const delta = jitter < 0.2 ? -1 : jitter > 0.8 ? 1 : 0;
  const smart = {
    ...disk.smart,
    powerOnHours: disk.smart.powerOnHours + hours,
    temperatureC: disk.smart.temperatureC + delta,
  };
  smart.attributes = refreshDerivedAttributes(smart);
  return { ...disk, smart };
}

function tickNfsMount(mount: MountModel, nfs: NfsMount, atMs: number): MountModel {
  const ageSeconds = Math.max(0, (atMs - nfs.mountedAtMs) / 1000);
  return { ...mount, nfs: { ...nfs, ops: nfsOps(nfs, ageSeconds) } };
}

/**
 * Counters for the procedures a busy mount uses. A healthy TCP mount retransmits about once per
 * 20,000 calls; a failover adds its retransmissions and timeouts to READ, WRITE and GETATTR.
 */
export function nfsOps(nfs: NfsMount, ageSeconds: number): NfsOpStats[] {
  const reads = Math.floor(ageSeconds * nfs.opsPerSecond.read);
  const writes = Math.floor(ageSeconds * nfs.opsPerSecond.write);
  const getattrs = Math.floor(ageSeconds * nfs.opsPerSecond.getattr);
  const baseRetrans = Math.floor((reads + writes + getattrs) / 20_000);
  const retrans = baseRetrans + nfs.extraRetrans;
  const share = (total: number, part: number) => Math.floor((total * part) / 10);
  const ioSize = Math.min(nfs.rsize, 131072);
  return [
    op("NULL", 1, 0, 0, 44, 24),
    op("GETATTR", getattrs, share(retrans, 2), share(nfs.extraTimeouts, 2), 120, 112),
    op("SETATTR", Math.floor(writes / 50), 0, 0, 168, 144),
    op("LOOKUP", Math.floor(getattrs / 5), 0, 0, 152, 236),
    op("ACCESS", Math.floor(getattrs / 4), 0, 0, 136, 120),
    op("READ", reads, share(retrans, 5), share(nfs.extraTimeouts, 5), 136, ioSize),
    op(
      "WRITE",
      writes,
      retrans - share(retrans, 2) - share(retrans, 5),
      writeTimeouts(nfs),
      ioSize,
      136,
    ),
    op("COMMIT", Math.floor(writes / 20), 0, 0, 128, 128),
  ];
}

function writeTimeouts(nfs: NfsMount): number {
  const t = nfs.extraTimeouts;
  return t - Math.floor((t * 2) / 10) - Math.floor((t * 5) / 10);
}

function op(
  name: string,
  ops: number,
  retrans: number,
  timeouts: number,
  sent: number,
  received: number,
): NfsOpStats {
  return {
    name,
    ops,
    transmissions: ops + retrans,
    timeouts,
    bytesSent: ops * sent,
    bytesReceived: ops * received,
    queueMs: Math.floor(ops / 40),
    rttMs: Math.floor(ops * 0.6),
    executeMs: Math.floor(ops * 0.65),
    errors: 0,
  };
}

function nameKey(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}

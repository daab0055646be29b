import type {
  ArrayState,
  KernelEventState,
  LoopState,
  MemberState,
  MountState,
  NfsMountState,
  SlotChange,
} from "@holmes/core";
import { hoursAgo } from "./time";

/** Builders for md arrays, mounts, loop devices and kernel events, each healthy by default. */

export function member(overrides: Partial<MemberState> = {}): MemberState {
  const device = overrides.device ?? "sda1";
  return {
    device,
    slot: 0,
    role: "active",
    isFaulty: false,
    isSpare: false,
    diskSerial: `SER-${device.replace(/\d+$/, "")}`,
    ...overrides,
  };
}

/** In-sync members sda1, sdb1, … in slots 0…n-1, each on the disk of the same letter. */
export function members(count: number): MemberState[] {
  return Array.from({ length: count }, (_, slot) =>
    member({ device: `sd${String.fromCharCode(97 + slot)}1`, slot }),
  );
}

/** A clean, idle two-disk RAID1 unless told otherwise. */
export function array(overrides: Partial<ArrayState> = {}): ArrayState {
  const raidDisks = overrides.raidDisks ?? 2;
  return {
    name: "md0",
    uuid: "3f1a9c2e:5b7d4e10:8c6a2f93:0d4b7e21",
    level: "raid1",
    state: "active",
    readOnly: false,
    degraded: false,
    raidDisks,
    activeDisks: raidDisks,
    statusString: "U".repeat(raidDisks),
    layout: null,
    syncAction: null,
    syncPercent: null,
    syncSpeedKbps: null,
    syncFinishMinutes: null,
    isDegradedByDesign: false,
    members: members(raidDisks),
    ...overrides,
  };
}
/** The root filesystem: a local ext4 mount nothing should worry about. */
export function mount(overrides: Partial<MountState> = {}): MountState {
  return {
    mountPoint: "/",
    source: "/dev/md0",
    fstype: "ext4",
    options: "rw,relatime",
    nfs: null,
    isDeleted: false,
    retransmissions: null,
    ...overrides,
  };
}

/** nfs(5) defaults as a modern kernel reports them: hard, no intr, read-write. */
export function nfsOptions(overrides: Partial<NfsMountState> = {}): NfsMountState {
  return {
    server: "filer1",
    export: "/export/data",
    vers: "4.2",
    proto: "tcp",
    hard: true,
    soft: false,
    softerr: false,
    timeo: 600,
    retrans: 2,
    rsize: 1_048_576,
    wsize: 1_048_576,
    acregmin: null,
    acregmax: null,
    acdirmin: null,
    acdirmax: null,
    actimeo: null,
    noac: false,
    cto: true,
    lock: true,
    intr: null,
    sec: "sys",
    port: null,
    mountaddr: null,
    addr: "10.0.0.5",
    clientaddr: "10.0.0.21",
    readOnly: false,
    other: {},
    ...overrides,
  };
}

/** A healthy NFS mount of filer1:/export/data on /srv/data; `nfs` patches its options. */
export function nfsMount(
  overrides: Partial<Omit<MountState, "nfs">> & { nfs?: Partial<NfsMountState> } = {},
): MountState {
  const { nfs: nfsOverrides, ...rest } = overrides;
  const nfs = nfsOptions(nfsOverrides);
  const options = [
    nfs.readOnly ? "ro" : "rw",
    `vers=${nfs.vers}`,
    nfs.soft ? "soft" : "hard",
    nfs.intr ? "intr" : null,
    `proto=${nfs.proto}`,
    `timeo=${nfs.timeo}`,
    `retrans=${nfs.retrans}`,
  ].filter(Boolean);
  return mount({
    mountPoint: "/srv/data",
    source: `${nfs.server}:${nfs.export}`,
    fstype: "nfs4",
    options: options.join(","),
    retransmissions: { latest: 14, previous: 14 },
    ...rest,
    nfs,
  });
}

export function loop(overrides: Partial<LoopState> = {}): LoopState {
  return {
    name: "loop0",
    backFile: "/var/lib/images/scratch.img",
    isBackFileDeleted: false,
    ...overrides,
  };
}
/**
 * A classified kernel line. `device` is what the collector stores for it: the block device, the
 * md array, or for NFS events the server name.
 */
export function kernelEvent(
  kind: string,
  overrides: Partial<KernelEventState> = {},
): KernelEventState {
  return {
    kind,
    severity: "error",
    device: null,
    rawLine: `[12345.678901] ${kind}`,
    at: hoursAgo(1),
    ...overrides,
  };
}

export function slotChange(overrides: Partial<SlotChange> = {}): SlotChange {
  return {
    arrayName: "md0",
    slot: 1,
    previousSerial: "SER-OLD",
    serial: "SER-NEW",
    changedAt: hoursAgo(2),
    ...overrides,
  };
}

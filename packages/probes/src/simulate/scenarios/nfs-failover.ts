/**
 * Incident 4: the file server fs1 fails over to its partner. For a minute it answers with stale
 * file handles or not at all; the client retransmits, the soft mount times requests out, and the
 * XFS filesystem inside a loop image on that mount loses its log writes (ESTALE, -116) and shuts
 * down. Then `nfs: server fs1 OK`, but loop0 stays shut down until it is remounted at 25 minutes.
 * The images mount uses the risky `soft,intr` options; /mnt/home is a sane hard mount.
 */
import { assembleHost, type HostBlueprint, type NfsPlan } from "../blueprint";
import type { DiskPlan } from "../build-layout";
import { UBUNTU_22 } from "../catalog";
import type { HostModel, MountModel } from "../model";
import { fstabNfsOptions, hostAddress } from "../random-host";
import { BOOT_RAID_PART, drive, history, mirroredOs, RAID_PART } from "./parts";
import {
  CYCLE_MS,
  MINUTE,
  progress,
  SCENARIO_START,
  type Scenario,
  type TimedLine,
  withLines,
} from "./timeline";

const FAILOVER = 10 * MINUTE;
const RECOVERED = 11 * MINUTE;
const REMOUNT = 25 * MINUTE;
const FS1 = { server: "fs1", serverAddr: "10.20.0.11" };

export const nfsFailover: Scenario = {
  id: "nfs-failover",
  title: "NFS failover: stale handles, retransmissions, XFS on a loop image shuts down",
  cycleMs: CYCLE_MS,
  marks: {
    failover: FAILOVER,
    xfsShutdown: FAILOVER + 9_000,
    recovered: RECOVERED,
    remounted: REMOUNT,
  },
  buildHost: ({ hostname, index, rng, epochMs }) =>
    assembleHost(blueprint(hostname, index, epochMs), rng),
  stateAt: (base, elapsedMs, clock = SCENARIO_START) => {
    if (elapsedMs < FAILOVER) return base;
    const f = progress(elapsedMs, FAILOVER, RECOVERED);
    const host: HostModel = {
      ...base,
      mounts: base.mounts.map((m) => (m.nfs?.server === "fs1" ? disturbed(m, f) : m)),
    };
    return withLines(host, clock, elapsedMs, SCRIPT);
  },
};

/** A mirrored OS, two NFS mounts from fs1, and two XFS loop images on the risky one. */
function blueprint(hostname: string, index: number, epochMs: number): HostBlueprint {
  const ssd = drive("Samsung SSD");
  const lvs = [
    { name: "root", size: { gib: 40 }, fstype: "ext4" },
    { name: "swap", size: { gib: 8 }, fstype: "swap" },
  ];
  const image = (name: string, gib: number, target: string) => ({
    backFile: `/mnt/images/${name}`,
    sizeBytes: gib * 1024 ** 3,
    fstype: "xfs",
    target,
  });
  return {
    hostname,
    os: UBUNTU_22,
    ...history(epochMs, 23, 300),
    disks: [0, 1].map(
      (): DiskPlan => ({ spec: ssd, label: "gpt", parts: [BOOT_RAID_PART, RAID_PART] }),
    ),
    arrays: mirroredOs(),
    vgs: [{ name: "vg0", pv: "md1", lvs }],
    mounts: [
      { device: "vg0/root", target: "/", fstype: "ext4" },
      { device: "md0", target: "/boot", fstype: "ext4" },
      { device: "loop0", target: "/srv/db1", fstype: "xfs" },
      { device: "loop1", target: "/srv/ci", fstype: "xfs" },
    ],
    swaps: ["vg0/swap"],
    nfs: [
      nfsPlan("/export/images", "/mnt/images", "3", true, hostAddress(index)),
      nfsPlan("/export/home", "/mnt/home", "4.2", false, hostAddress(index)),
    ],
    loops: [image("db1.img", 100, "/srv/db1"), image("ci-cache.img", 20, "/srv/ci")],
  };
}

function nfsPlan(
  exportPath: string,
  target: string,
  vers: "3" | "4.2",
  isRisky: boolean,
  clientAddr: string,
): NfsPlan {
  return {
    ...FS1,
    exportPath,
    target,
    vers,
    isSoft: isRisky,
    isIntr: isRisky,
    timeo: isRisky ? 150 : 600,
    retrans: isRisky ? 3 : 2,
    rsize: isRisky ? 65536 : 1048576,
    wsize: isRisky ? 65536 : 1048576,
    clientAddr,
    opsPerSecond: isRisky
      ? { read: 180, write: 120, getattr: 90 }
      : { read: 25, write: 8, getattr: 140 },
    extraRetrans: 0,
    extraTimeouts: 0,
    srcPort: isRisky ? 867 : 1009,
    fstabOptions: fstabNfsOptions(vers, isRisky, isRisky),
  };
}

/** Retransmissions pile up during the failover; a soft mount also gives up on some calls. */
function disturbed(mount: MountModel, f: number): MountModel {
  const nfs = mount.nfs;
  if (!nfs) return mount;
  const extraRetrans = Math.round((nfs.isSoft ? 2400 : 700) * f);
  const extraTimeouts = nfs.isSoft ? Math.round(310 * f) : 0;
  return { ...mount, nfs: { ...nfs, extraRetrans, extraTimeouts } };
}

const SCRIPT: readonly TimedLine[] = [
  { at: FAILOVER, message: "nfs: server fs1 not responding, still trying" },
  { at: FAILOVER + 12, message: "nfs: server fs1 not responding, still trying" },
  { at: FAILOVER + 2_000, message: "nfs: server fs1 not responding, timed out" },
  // No upstream kernel names ESTALE in a message; this line stands in for the loop driver's
  // failed write so the dashboard has the errno and the image path together.
  { at: FAILOVER + 8_000, message: "loop0: backing file /mnt/images/db1.img: Stale file handle" },
  {
    at: FAILOVER + 8_500,
    message:
      "blk_update_request: I/O error, dev loop0, sector 209715200 op 0x1:(WRITE) flags 0x9800 phys_seg 1 prio class 0",
  },
  { at: FAILOVER + 9_000, message: "XFS (loop0): log I/O error -116" },
  {
    at: FAILOVER + 9_001,
    message: "XFS (loop0): Log I/O Error Detected. Shutting down filesystem",
  },
  {
    at: FAILOVER + 9_002,
    message: "XFS (loop0): Please unmount the filesystem and rectify the problem(s)",
  },
  { at: FAILOVER + 30_000, message: "nfs: server fs1 not responding, still trying" },
  { at: RECOVERED, message: "nfs: server fs1 OK" },
  { at: RECOVERED + 1, message: "nfs: server fs1 OK" },
  { at: REMOUNT, message: "XFS (loop0): Unmounting Filesystem" },
  { at: REMOUNT + 4_000, message: "XFS (loop0): Mounting V5 Filesystem" },
  { at: REMOUNT + 4_300, message: "XFS (loop0): Starting recovery (logdev: internal)" },
  { at: REMOUNT + 5_100, message: "XFS (loop0): Ending recovery (logdev: internal)" },
];

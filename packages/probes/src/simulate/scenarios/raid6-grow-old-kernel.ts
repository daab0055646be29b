/**
 * Incident 5: growing a RAID6 from 6 to 7 devices on RHEL 5 (kernel 2.6.18, mdadm 2.6): that
 * kernel's raid6 cannot reshape, so SET_ARRAY_INFO fails with EINVAL. mdadm prints "Cannot set
 * device size/shape … Invalid argument" on the admin's terminal; the kernel's own trace is
 * "md: couldn't update array info. -22". The array itself stays healthy, with sdh1 still a spare.
 *
 * The host is of its era: 0.90 superblocks on MBR partitions, no journald (the collector falls
 * back to dmesg, which has no timestamps), no lsblk/findmnt, no /proc/self/mountinfo, no
 * /etc/os-release, smartmontools not installed, LVM and losetup too old for JSON output (they
 * answer `losetup -a` and the `--noheadings --separator` column report instead). The install DVD
 * sits on the archive NFS mount, loop-mounted for the local yum repository.
 */
import { assembleHost, type HostBlueprint } from "../blueprint";
import type { DiskPlan } from "../build-layout";
import { RHEL_5 } from "../catalog";
import type { HostModel } from "../model";
import { fstabNfsOptions, hostAddress } from "../random-host";
import { drive, history } from "./parts";
import {
  CYCLE_MS,
  MINUTE,
  SCENARIO_START,
  type Scenario,
  type TimedLine,
  withLines,
} from "./timeline";

const GROW = 8 * MINUTE;
const RETRY = GROW + 45_000;
const DATA = ["sdb", "sdc", "sdd", "sde", "sdf", "sdg"];

const LOSETUP_USAGE = `losetup: unrecognized option \`--list'
usage:
  losetup loop_device                                       # give info
  losetup -d loop_device                                    # delete
  losetup -f                                                # find unused
  losetup [ options ] {-f|loop_device} file                 # setup
`;

// glibc 2.5's getopt quotes `like this'; lvm then gives up on the whole command line.
const lvmTooOld = (tool: string) => ({
  output: `${tool}: unrecognized option \`--reportformat'\n  Error during parsing of command line.\n`,
  exitCode: 3,
});

export const raid6GrowOldKernel: Scenario = {
  id: "raid6-grow-old-kernel",
  title: "RAID6 grow refused by a 2.6.18 kernel",
  cycleMs: CYCLE_MS,
  marks: { growAttempt: GROW, retry: RETRY },
  buildHost: ({ hostname, index, rng, epochMs }) =>
    era(assembleHost(blueprint(hostname, index, epochMs), rng)),
  stateAt: (base, elapsedMs, clock = SCENARIO_START) => withLines(base, clock, elapsedMs, SCRIPT),
};

/** MBR disks: sda for the OS (ext3 /boot, LVM), sdb–sdg in a 0.90 RAID6, sdh its new spare. */
function blueprint(hostname: string, index: number, epochMs: number): HostBlueprint {
  const hdd = drive("WDC");
  const fd = { sizeSectors: null, type: "fd", fstype: "linux_raid_member" };
  const osParts = [
    { sizeSectors: 208_782, type: "83", fstype: "ext3" },
    { sizeSectors: null, type: "8e", fstype: "LVM2_member" },
  ];
  const lvs = [
    { name: "LogVol00", size: { share: 0.9 }, fstype: "ext3" },
    { name: "LogVol01", size: { gib: 4 }, fstype: "swap" },
  ];
  const raid6 = {
    name: "md0",
    level: "raid6" as const,
    members: DATA.map((d) => `${d}1`),
    spares: ["sdh1"],
  };
  return {
    hostname,
    os: RHEL_5,
    ...history(epochMs, 412, 3100),
    disks: [
      { spec: hdd, label: "dos", parts: osParts },
      ...[...DATA, "sdh"].map((): DiskPlan => ({ spec: hdd, label: "dos", parts: [fd] })),
    ],
    arrays: [{ ...raid6, metadata: "0.90", chunkKb: 64, hasBitmap: false }],
    vgs: [{ name: "VolGroup00", pv: "sda2", lvs }],
    mounts: [
      { device: "VolGroup00/LogVol00", target: "/", fstype: "ext3" },
      { device: "sda1", target: "/boot", fstype: "ext3" },
      { device: "md0", target: "/data", fstype: "ext3" },
      { device: "loop0", target: "/media/rhel5-dvd", fstype: "iso9660" },
    ],
    swaps: ["VolGroup00/LogVol01"],
    nfs: [archiveMount(hostAddress(index))],
    loops: [
      {
        backFile: "/mnt/archive/iso/rhel-5.11-server-x86_64-dvd.iso",
        sizeBytes: 4_043_309_056,
        fstype: "iso9660",
        target: "/media/rhel5-dvd",
      },
    ],
  };
}

function era(host: HostModel): HostModel {
  return {
    ...host,
    missingCommands: ["lsblk", "findmnt", "journalctl", "smartctl"],
    legacyCommands: {
      losetup: { output: LOSETUP_USAGE, exitCode: 1 },
      pvs: lvmTooOld("pvs"),
      vgs: lvmTooOld("vgs"),
      lvs: lvmTooOld("lvs"),
    },
    hasMountinfo: false,
    hasPrintkTime: false,
    mdPersonalities: ["raid6", "raid5", "raid4", "raid1"],
    mounts: host.mounts.map((m) => ({
      ...m,
      superOptions: m.fstype === "ext3" ? "rw,data=ordered" : m.superOptions,
    })),
  };
}

function archiveMount(clientAddr: string) {
  return {
    server: "fs1",
    serverAddr: "10.20.0.11",
    exportPath: "/export/archive",
    target: "/mnt/archive",
    vers: "3" as const,
    isSoft: false,
    isIntr: true,
    timeo: 600,
    retrans: 2,
    rsize: 32768,
    wsize: 32768,
    clientAddr,
    opsPerSecond: { read: 6, write: 2, getattr: 30 },
    extraRetrans: 0,
    extraTimeouts: 0,
    srcPort: 737,
    fstabOptions: fstabNfsOptions("3", false, true),
  };
}

const MDADM_ERROR = "mdadm: Cannot set device size/shape for /dev/md0: Invalid argument";

const SCRIPT: readonly TimedLine[] = [
  // The kernel's trace of the refused SET_ARRAY_INFO (drivers/md/md.c md_ioctl, 2.6.18).
  { at: GROW, message: "md: couldn't update array info. -22" },
  // mdadm's error goes to the admin's terminal, not the kernel log; kept as mdadm's own line.
  { at: GROW + 5, message: MDADM_ERROR, source: "mdadm" },
  { at: RETRY, message: "md: couldn't update array info. -22" },
  { at: RETRY + 5, message: MDADM_ERROR, source: "mdadm" },
];

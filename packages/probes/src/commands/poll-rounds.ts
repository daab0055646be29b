/**
 * A poll is two round trips on one kept-open connection. Round 1 (discovery) runs only fixed
 * commands and says what exists: arrays (mdstat), their members, disks (lsblk), volume groups
 * (vgs). Round 2 (detail) asks about each of those by name. Names come from the host, so each is
 * validated here first; a name that fails is reported in `rejected` and never reaches a builder.
 */
import {
  type CommandInvocation,
  fixedCommand,
  kernelLogSince,
  lvmBackup,
  mdadmDetail,
  mdadmExamine,
  sfdiskDump,
  smartctl,
} from "./allowlist";
import { type ComposeOptions, composeProbe, probeTimeoutMs, toProbeCommand } from "./composite";
import { isVolumeGroupName, toDevicePath } from "./device-names";

export type RejectedValue = { value: string; reason: string };

export type ProbePlan = {
  /** The composite script (what `parseComposite` reads). */
  script: string;
  /** What to pass to `Transport.exec`: the script wrapped as `sh -c '…'`. */
  command: string;
  invocations: CommandInvocation[];
  rejected: RejectedValue[];
  /** Budget for the whole exec: the sum of the per-command limits plus slack. */
  timeoutMs: number;
};

export type DiscoveryOptions = ComposeOptions & {
  /** Kernel messages since this moment (the previous poll); 0 means the whole current boot. */
  kernelLogSinceEpochSeconds: number;
};

/** Names found by round 1, as the parsers reported them (kernel names or /dev paths). */
export type DiscoveredNames = {
  arrays: readonly string[];
  members: readonly string[];
  disks: readonly string[];
  volumeGroups: readonly string[];
};

export function discoveryProbe(options: DiscoveryOptions): ProbePlan {
  const invocations = [
    fixedCommand("mdstat"),
    fixedCommand("mountinfo"),
    fixedCommand("mountstats"),
    fixedCommand("uname"),
    fixedCommand("os-release"),
    fixedCommand("fstab"),
    fixedCommand("mdadm-conf-debian"),
    fixedCommand("lsblk"),
    fixedCommand("findmnt"),
    fixedCommand("losetup"),
    fixedCommand("smartctl-scan"),
    fixedCommand("mdadm-detail-scan"),
    // LVM and the journal can be slow on a sick host, so they come last.
    fixedCommand("pvs"),
    fixedCommand("vgs"),
    fixedCommand("lvs"),
    kernelLogSince(options.kernelLogSinceEpochSeconds),
  ];
  return toPlan(invocations, [], options);
}

export function detailProbe(discovery: DiscoveredNames, options: ComposeOptions): ProbePlan {
  const rejected: RejectedValue[] = [];
  const arrays = validDevicePaths(discovery.arrays, rejected);
  const members = validDevicePaths(discovery.members, rejected);
  const disks = validDevicePaths(discovery.disks, rejected);
  const volumeGroups = validVolumeGroups(discovery.volumeGroups, rejected);
  const invocations = [
    ...arrays.map(mdadmDetail),
    ...members.map(mdadmExamine),
    ...disks.map(smartctl),
    ...disks.map(sfdiskDump),
    ...volumeGroups.map(lvmBackup),
  ];
  return toPlan(invocations, rejected, options);
}

function toPlan(
  invocations: CommandInvocation[],
  rejected: RejectedValue[],
  options: ComposeOptions,
): ProbePlan {
  const script = composeProbe(invocations, options);
  const timeoutMs = probeTimeoutMs(invocations);
  return { script, command: toProbeCommand(script), invocations, rejected, timeoutMs };
}

const DEVICE_REASON = "not a kernel block device name or /dev path Holmes accepts";
const VG_REASON = "not a valid LVM volume group name";
/** A hostile host could report megabytes as one "name"; keep enough to recognise it. */
const MAX_SHOWN_VALUE = 200;

function validDevicePaths(values: readonly string[], rejected: RejectedValue[]): string[] {
  const paths = new Set<string>();
  for (const value of values) {
    const path = toDevicePath(value);
    if (path) paths.add(path);
    else rejected.push({ value: value.slice(0, MAX_SHOWN_VALUE), reason: DEVICE_REASON });
  }
  return [...paths];
}

function validVolumeGroups(values: readonly string[], rejected: RejectedValue[]): string[] {
  const names = new Set<string>();
  for (const value of values) {
    if (isVolumeGroupName(value)) names.add(value);
    else rejected.push({ value: value.slice(0, MAX_SHOWN_VALUE), reason: VG_REASON });
  }
  return [...names];
}

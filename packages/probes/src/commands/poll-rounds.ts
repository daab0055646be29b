/**
 * A poll is one or two round trips on one kept-open connection. Discovery runs only fixed commands
 * and says what exists: arrays (mdstat), their members, disks (lsblk), volume groups (vgs). The
 * details ask about each of those by name. Names come from the host, so each is validated here
 * first; a name that fails is reported in `rejected` and never reaches a builder.
 *
 * The first round trip runs discovery and, for the devices the host's previous poll found, their
 * details too. A second one asks only for what discovery found that the first did not read (a new
 * array, a new disk), so a host whose devices are as they were answers a poll in one round trip.
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
  /** What the host's previous poll found: the details of these are read in the same round trip. */
  expected?: DiscoveredNames;
};

export type DiscoveryPlan = ProbePlan & {
  /** The fixed commands that say what exists (the rest of `invocations` are expected details). */
  discovery: CommandInvocation[];
};

export type DetailPlan = ProbePlan & {
  /** Every detail of what discovery found, in order; `invocations` holds those still to read. */
  details: CommandInvocation[];
};

/** Names discovery found, as the parsers reported them (kernel names or /dev paths). */
export type DiscoveredNames = {
  arrays: readonly string[];
  members: readonly string[];
  disks: readonly string[];
  volumeGroups: readonly string[];
};

export function discoveryProbe(options: DiscoveryOptions): DiscoveryPlan {
  const discovery = [
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
  // Names the previous poll rejected are rejected again, and reported, by this poll's details.
  const expected = options.expected ? detailInvocations(options.expected, []) : [];
  return { ...toPlan([...discovery, ...expected], [], options), discovery };
}

/**
 * The details of what discovery found. Those whose sections `alreadyRead` holds (the first round
 * trip read them, as expected) are not asked again; when none is left, `invocations` is empty and
 * no second round trip is needed.
 */
export function detailProbe(
  discovery: DiscoveredNames,
  options: ComposeOptions,
  alreadyRead: ReadonlySet<string> = new Set(),
): DetailPlan {
  const rejected: RejectedValue[] = [];
  const details = detailInvocations(discovery, rejected);
  const unread = details.filter((invocation) => !alreadyRead.has(invocation.id));
  return { ...toPlan(unread, rejected, options), details };
}

function detailInvocations(names: DiscoveredNames, rejected: RejectedValue[]): CommandInvocation[] {
  const arrays = validDevicePaths(names.arrays, rejected);
  const members = validDevicePaths(names.members, rejected);
  const disks = validDevicePaths(names.disks, rejected);
  const volumeGroups = validVolumeGroups(names.volumeGroups, rejected);
  return [
    ...arrays.map(mdadmDetail),
    ...members.map(mdadmExamine),
    ...disks.map(smartctl),
    ...disks.map(sfdiskDump),
    ...volumeGroups.map(lvmBackup),
  ];
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

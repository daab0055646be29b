/**
 * Every command Holmes may run on a host, as data. Nothing else is ever sent: the composite script
 * is built only from invocations this module produces, and the forced-command test host and the
 * simulated fleet accept only argv that `resolveInvocation` maps back to one of these entries.
 */
import { AppError } from "@holmes/core";
import { isDevicePath, isVolumeGroupName } from "./device-names";
import { LVM_COLUMN_FIELDS, lvmColumnArguments } from "./lvm-columns";

export const PROBE_FORMATS = [
  "mdstat",
  "mdadm-detail",
  "mdadm-detail-scan",
  "mdadm-examine",
  "smartctl",
  "smartctl-scan",
  "lsblk",
  "findmnt",
  "mountinfo",
  "mountstats",
  "losetup",
  "losetup-all",
  "lvm",
  "lvm-columns",
  "vgcfgbackup",
  "kmsg",
  "text",
] as const;
export type ProbeFormat = (typeof PROBE_FORMATS)[number];

type CommandSpec = {
  argv: readonly string[];
  /** Needs root: run through `sudo -n` when the host is configured for it. */
  privileged: boolean;
  timeoutMs: number;
  format: ProbeFormat;
  /** The fixed command to run when this one is missing or fails (`primary || fallback`). */
  fallback?: string;
};

const LSBLK_COLUMNS =
  "NAME,KNAME,PATH,TYPE,SIZE,SERIAL,WWN,MODEL,FSTYPE,MOUNTPOINT,PKNAME,MAJ:MIN,RO,ROTA,TRAN";
const LVM_REPORT = ["--reportformat", "json", "--units", "b", "--nosuffix"];

const FIXED_COMMANDS = {
  mdstat: { argv: ["cat", "/proc/mdstat"], privileged: false, timeoutMs: 5_000, format: "mdstat" },
  "mdadm-detail-scan": {
    argv: ["mdadm", "--detail", "--scan"],
    privileged: true,
    timeoutMs: 15_000,
    format: "mdadm-detail-scan",
  },
  // --scan lists devices without opening them, so it never wakes a sleeping disk (--scan-open can).
  "smartctl-scan": {
    argv: ["smartctl", "--scan", "--json=c"],
    privileged: false,
    timeoutMs: 10_000,
    format: "smartctl-scan",
  },
  lsblk: {
    argv: ["lsblk", "-J", "-b", "-o", LSBLK_COLUMNS],
    privileged: false,
    timeoutMs: 10_000,
    format: "lsblk",
  },
  findmnt: { argv: ["findmnt", "-J"], privileged: false, timeoutMs: 10_000, format: "findmnt" },
  // /proc/self/mountinfo arrived in 2.6.26; /proc/mounts (same parser) is in every kernel.
  mountinfo: {
    argv: ["cat", "/proc/self/mountinfo"],
    privileged: false,
    timeoutMs: 5_000,
    format: "mountinfo",
    fallback: "proc-mounts",
  },
  "proc-mounts": {
    argv: ["cat", "/proc/mounts"],
    privileged: false,
    timeoutMs: 5_000,
    format: "mountinfo",
  },
  mountstats: {
    argv: ["cat", "/proc/self/mountstats"],
    privileged: false,
    timeoutMs: 5_000,
    format: "mountstats",
  },
  // util-linux before 2.27 (RHEL 5–7.2) has no --json; before 2.19 no --list either.
  losetup: {
    argv: ["losetup", "--list", "--json"],
    privileged: false,
    timeoutMs: 10_000,
    format: "losetup",
    fallback: "losetup-all",
  },
  // The old losetup opens each /dev/loopN (root:disk 0640) where the new one reads sysfs.
  "losetup-all": {
    argv: ["losetup", "-a"],
    privileged: true,
    timeoutMs: 10_000,
    format: "losetup-all",
  },
  pvs: {
    argv: ["pvs", ...LVM_REPORT],
    privileged: true,
    timeoutMs: 30_000,
    format: "lvm",
    fallback: "pvs-columns",
  },
  vgs: {
    argv: ["vgs", ...LVM_REPORT],
    privileged: true,
    timeoutMs: 30_000,
    format: "lvm",
    fallback: "vgs-columns",
  },
  lvs: {
    argv: ["lvs", ...LVM_REPORT],
    privileged: true,
    timeoutMs: 30_000,
    format: "lvm",
    fallback: "lvs-columns",
  },
  "pvs-columns": {
    argv: ["pvs", ...lvmColumnArguments(LVM_COLUMN_FIELDS.pv)],
    privileged: true,
    timeoutMs: 30_000,
    format: "lvm-columns",
  },
  "vgs-columns": {
    argv: ["vgs", ...lvmColumnArguments(LVM_COLUMN_FIELDS.vg)],
    privileged: true,
    timeoutMs: 30_000,
    format: "lvm-columns",
  },
  "lvs-columns": {
    argv: ["lvs", ...lvmColumnArguments(LVM_COLUMN_FIELDS.lv)],
    privileged: true,
    timeoutMs: 30_000,
    format: "lvm-columns",
  },
  uname: { argv: ["uname", "-r"], privileged: false, timeoutMs: 5_000, format: "text" },
  "os-release": {
    argv: ["cat", "/etc/os-release"],
    privileged: false,
    timeoutMs: 5_000,
    format: "text",
  },
  fstab: { argv: ["cat", "/etc/fstab"], privileged: false, timeoutMs: 5_000, format: "text" },
  // Debian keeps mdadm.conf under /etc/mdadm/, RHEL and SUSE directly in /etc.
  "mdadm-conf-debian": {
    argv: ["cat", "/etc/mdadm/mdadm.conf"],
    privileged: false,
    timeoutMs: 5_000,
    format: "text",
    fallback: "mdadm-conf",
  },
  "mdadm-conf": {
    argv: ["cat", "/etc/mdadm.conf"],
    privileged: false,
    timeoutMs: 5_000,
    format: "text",
  },
  // Hosts without journald (old releases, minimal containers) still have the kernel ring buffer.
  "kernel-log-dmesg": { argv: ["dmesg"], privileged: true, timeoutMs: 20_000, format: "kmsg" },
} as const satisfies Record<string, CommandSpec>;
export type FixedCommandId = keyof typeof FIXED_COMMANDS;

/** Where the one validated argument goes: a whole word, or appended to a fixed prefix. */
type ArgumentSlot = { prefix: string };
type ParameterCommandSpec = Omit<CommandSpec, "argv"> & {
  template: readonly (string | ArgumentSlot)[];
  isValidArgument: (argument: string) => boolean;
};

const WHOLE_WORD: ArgumentSlot = { prefix: "" };
const EPOCH_SECONDS = /^(?:0|[1-9][0-9]{0,11})$/;

const PARAMETER_COMMANDS = {
  "mdadm-detail": {
    template: ["mdadm", "--detail", WHOLE_WORD],
    isValidArgument: isDevicePath,
    privileged: true,
    timeoutMs: 15_000,
    format: "mdadm-detail",
  },
  "mdadm-examine": {
    template: ["mdadm", "--examine", WHOLE_WORD],
    isValidArgument: isDevicePath,
    privileged: true,
    timeoutMs: 15_000,
    format: "mdadm-examine",
  },
  // --nocheck=standby: a spun-down disk answers "in STANDBY mode" instead of being woken up.
  smartctl: {
    template: ["smartctl", "--json=c", "-x", "--nocheck=standby", WHOLE_WORD],
    isValidArgument: isDevicePath,
    privileged: true,
    timeoutMs: 30_000,
    format: "smartctl",
  },
  "sfdisk-dump": {
    template: ["sfdisk", "--dump", WHOLE_WORD],
    isValidArgument: isDevicePath,
    privileged: true,
    timeoutMs: 10_000,
    format: "text",
  },
  // LVM rewrites /etc/lvm/backup/<vg> after every metadata change; reading it is side-effect free.
  "lvm-backup": {
    template: ["cat", { prefix: "/etc/lvm/backup/" }],
    isValidArgument: isVolumeGroupName,
    privileged: true,
    timeoutMs: 5_000,
    format: "vgcfgbackup",
  },
  "kernel-log": {
    template: ["journalctl", "-k", "-o", "short-iso", "--since", { prefix: "@" }, "--no-pager"],
    isValidArgument: (text) => EPOCH_SECONDS.test(text),
    privileged: true,
    timeoutMs: 20_000,
    format: "kmsg",
    fallback: "kernel-log-dmesg",
  },
} as const satisfies Record<string, ParameterCommandSpec>;
export type ParameterCommandId = keyof typeof PARAMETER_COMMANDS;
export type CommandId = FixedCommandId | ParameterCommandId;

const FIXED_IDS = Object.keys(FIXED_COMMANDS) as FixedCommandId[];
const PARAMETER_IDS = Object.keys(PARAMETER_COMMANDS) as ParameterCommandId[];
export const FIXED_COMMAND_IDS: readonly FixedCommandId[] = FIXED_IDS;
export const ALLOWED_COMMAND_IDS: readonly CommandId[] = [...FIXED_IDS, ...PARAMETER_IDS];

export type CommandInvocation = {
  /** Unique within one probe and safe in a marker: the command id, then `:argument` if any. */
  id: string;
  commandId: CommandId;
  argv: readonly string[];
  privileged: boolean;
  timeoutMs: number;
  format: ProbeFormat;
  fallback: CommandInvocation | null;
};

export function fixedCommand(commandId: FixedCommandId): CommandInvocation {
  const spec: CommandSpec = FIXED_COMMANDS[commandId];
  const { argv, privileged, timeoutMs, format } = spec;
  return {
    id: commandId,
    commandId,
    argv,
    privileged,
    timeoutMs,
    format,
    fallback: fallbackOf(spec),
  };
}

function fallbackOf(spec: { fallback?: string }): CommandInvocation | null {
  const id = spec.fallback;
  return id !== undefined && isFixedCommandId(id) ? fixedCommand(id) : null;
}

function isFixedCommandId(id: string): id is FixedCommandId {
  return Object.hasOwn(FIXED_COMMANDS, id);
}

/** The last line of defence: callers validate first and record what they rejected. */
function parameterCommand(commandId: ParameterCommandId, argument: string): CommandInvocation {
  const spec: ParameterCommandSpec = PARAMETER_COMMANDS[commandId];
  if (!spec.isValidArgument(argument)) {
    const shown = JSON.stringify(argument.slice(0, 80));
    throw new AppError("BAD_REQUEST", { message: `${commandId}: refused argument ${shown}` });
  }
  const argv = spec.template.map((part) =>
    typeof part === "string" ? part : `${part.prefix}${argument}`,
  );
  const { privileged, timeoutMs, format } = spec;
  const id = `${commandId}:${argument}`;
  return { id, commandId, argv, privileged, timeoutMs, format, fallback: fallbackOf(spec) };
}

export const mdadmDetail = (devicePath: string) => parameterCommand("mdadm-detail", devicePath);
export const mdadmExamine = (devicePath: string) => parameterCommand("mdadm-examine", devicePath);
export const smartctl = (devicePath: string) => parameterCommand("smartctl", devicePath);
export const sfdiskDump = (devicePath: string) => parameterCommand("sfdisk-dump", devicePath);
export const lvmBackup = (vgName: string) => parameterCommand("lvm-backup", vgName);

export function kernelLogSince(epochSeconds: number): CommandInvocation {
  // NaN, -1, 1.5 and 1e21 ("1e+21") all fail the digits-only pattern, so only integers get through.
  return parameterCommand("kernel-log", String(epochSeconds));
}

/** The invocation a builder would have produced for exactly this argv, or null. */
export function resolveInvocation(argv: readonly string[]): CommandInvocation | null {
  const fixedId = FIXED_IDS.find((id) => sameWords(FIXED_COMMANDS[id].argv, argv));
  if (fixedId) return fixedCommand(fixedId);
  for (const commandId of PARAMETER_IDS) {
    const argument = extractArgument(PARAMETER_COMMANDS[commandId].template, argv);
    if (argument !== null && PARAMETER_COMMANDS[commandId].isValidArgument(argument)) {
      return parameterCommand(commandId, argument);
    }
  }
  return null;
}

export function isAllowedInvocation(argv: readonly string[]): boolean {
  return resolveInvocation(argv) !== null;
}

function extractArgument(
  template: readonly (string | ArgumentSlot)[],
  argv: readonly string[],
): string | null {
  if (template.length !== argv.length) return null;
  let argument: string | null = null;
  for (const [index, part] of template.entries()) {
    const word = argv[index] ?? "";
    if (typeof part === "string") {
      if (word !== part) return null;
    } else if (word.startsWith(part.prefix)) {
      argument = word.slice(part.prefix.length);
    } else {
      return null;
    }
  }
  return argument;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index]);
}

import type { CheckProbe, VariableKind } from "../types";

/**
 * The probes a check may run, each tied to one allowlisted read-only command of
 * `@holmes/probes` (`commands/allowlist.ts`; `probes.test.ts` proves every id is allowlisted and
 * every argument passes the allowlist's own validator). The collector runs the command; this
 * package only names it.
 */

export type ProbeArgSpec = {
  /** Validated like a variable of this kind, or against a closed list of words. */
  accepts: VariableKind | { oneOf: readonly string[] };
  required: boolean;
  defaultValue?: string;
};

export type CheckProbeSpec = {
  args: Readonly<Record<string, ProbeArgSpec>>;
  /** The allowlisted command id, given the resolved arguments. */
  commandFor: (args: Readonly<Record<string, string>>) => {
    commandId: string;
    argument: string | null;
  };
  /** What `evaluateExpectation` receives: the parser's value, or the trimmed stdout for text. */
  output: string;
};

export const LVM_REPORTS = ["pvs", "vgs", "lvs"] as const;

const noArgument = (commandId: string) => () => ({ commandId, argument: null });

export const CHECK_PROBES: Readonly<Record<CheckProbe, CheckProbeSpec>> = {
  mdstat: { args: {}, commandFor: noArgument("mdstat"), output: "parseMdstat → MdstatReport" },
  "mdadm-detail": {
    args: { array: { accepts: "md-device", required: true } },
    commandFor: (args) => ({ commandId: "mdadm-detail", argument: args.array ?? null }),
    output: "parseMdadmDetail → MdadmDetail",
  },
  "mdadm-examine": {
    args: { device: { accepts: "block-device", required: true } },
    commandFor: (args) => ({ commandId: "mdadm-examine", argument: args.device ?? null }),
    output:
      "parseMdadmExamine → MdadmExamine; without an md superblock checkOutputWithoutParser → NoMdSuperblock",
  },
  mountinfo: {
    args: {},
    commandFor: noArgument("mountinfo"),
    output: "parseMountinfo → MountEntry[]",
  },
  mountstats: {
    args: {},
    commandFor: noArgument("mountstats"),
    output: "parseMountstats → MountstatsReport",
  },
  losetup: { args: {}, commandFor: noArgument("losetup"), output: "parseLosetup → LoopDevice[]" },
  lvm: {
    args: { report: { accepts: { oneOf: LVM_REPORTS }, required: false } },
    commandFor: (args) => ({ commandId: args.report ?? "vgs", argument: null }),
    output: "parseLvmReport → LvmReport",
  },
  smartctl: {
    args: { device: { accepts: "block-device", required: true } },
    commandFor: (args) => ({ commandId: "smartctl", argument: args.device ?? null }),
    output: "parseSmartctl → SmartReport",
  },
  kmsg: {
    args: { since_minutes: { accepts: "integer", required: false, defaultValue: "60" } },
    // The `--since @epoch` argument depends on the clock; the run engine computes it from
    // `ResolvedCheck.sinceMinutes` when it runs the check.
    commandFor: noArgument("kernel-log"),
    output: "parseKernelLog → KernelLog",
  },
  uname: { args: {}, commandFor: noArgument("uname"), output: "stdout of uname -r, trimmed" },
};

export function isCheckProbe(name: string): name is CheckProbe {
  return Object.hasOwn(CHECK_PROBES, name);
}

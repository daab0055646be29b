/**
 * The runbook contract shared by the library (this package), the run engine (db/api/collector)
 * and post-mortems. Runbooks are Markdown files (`runbooks/*.md`, see README.md) or custom
 * runbooks stored in the database; both parse to `Runbook`.
 *
 * Changes to these shapes are announced by editing this file only.
 */
import type {
  EvidenceKind,
  FindingEvidence,
  FindingObjectKind,
  KernelEventKind,
} from "@holmes/core";

// ---- Variables -------------------------------------------------------------------------------

/**
 * Each kind has one strict pattern (`VARIABLE_KINDS` in variables.ts). Values are validated by
 * kind before they are substituted, and shell-quoted as well: a value never reaches a shell raw.
 *
 * - host:         a host name as Holmes knows it (`db1`, `db1.example.org`)
 * - md-device:    an md array path (`/dev/md0`, `/dev/md/data`)
 * - block-device: a disk or partition path (`/dev/sdb`, `/dev/sdb1`, `/dev/nvme0n1p2`, `/dev/loop3`)
 * - block-devices: a list of 1-64 distinct block devices (`/dev/sdb1 /dev/sdc1`); bound as a
 *                 string array, rendered as one quoted word per device
 * - mount-path:   an absolute mount point (`/srv/nfs`, `/var/lib/app`)
 * - vg-name:      an LVM volume group name (`vg0`)
 * - lv-name:      an LVM logical volume name (`data`)
 * - path:         an absolute file path (`/root/md0-grow.backup`)
 * - integer:      a whole number 0-999999 (`6` raid devices)
 * - text:         a short plain value such as a disk serial (`WD-WCC4N1234567`); letters, digits,
 *                 space and `_.,:@+=/-`, at most 200 characters
 */
export const VARIABLE_KIND_NAMES = [
  "host",
  "md-device",
  "block-device",
  "block-devices",
  "mount-path",
  "vg-name",
  "lv-name",
  "path",
  "integer",
  "text",
] as const;
export type VariableKind = (typeof VARIABLE_KIND_NAMES)[number];

/** Where `bindingsFromFinding` takes a value from when a run starts from a finding. */
export type VariableSource =
  /** The finding's host name. */
  | { kind: "host" }
  /** The finding's object name when its objectKind is one of these (`md0` → `/dev/md0`). */
  | { kind: "object"; objectKinds: FindingObjectKind[] }
  /** A named value of the finding's evidence (`evidence.values[name]`). */
  | { kind: "evidence"; name: string };

export type RunbookVariable = {
  /** `[a-z][a-z0-9_]*`; used in templates as `{{name}}`. */
  name: string;
  description: string;
  kind: VariableKind;
  required: boolean;
  /** Used when no value is given; validated by kind like any value. */
  defaultValue: string | null;
  from: VariableSource | null;
};

/**
 * Variable name → validated value (a string array for `block-devices`). Produced only by
 * `bindVariables` / `bindingsFromFinding`; JSON-safe, so a run can store it as is.
 */
export type BindingValue = string | readonly string[];
export type Bindings = Readonly<Record<string, BindingValue>>;

/** What `bindVariables` accepts per variable: typed text, or a list for `block-devices`. */
export type BindingInput = Readonly<Record<string, string | readonly string[] | null | undefined>>;

// ---- Checks ----------------------------------------------------------------------------------

/**
 * A read-only probe a check may run. Each maps to exactly one allowlisted command in
 * `@holmes/probes` (`CHECK_PROBES` in probes.ts names the command id and its argument) and to
 * the parser of that command's format. The run engine executes `ResolvedCheck.command` and
 * passes the parsed value (or, for `uname`, the trimmed stdout) to `evaluateExpectation`.
 */
export const CHECK_PROBE_NAMES = [
  "mdstat",
  "mdadm-detail",
  "mdadm-examine",
  "mountinfo",
  "mountstats",
  "losetup",
  "lvm",
  "smartctl",
  "kmsg",
  "uname",
] as const;
export type CheckProbe = (typeof CHECK_PROBE_NAMES)[number];

/**
 * What `evaluateExpectation` receives as `parsedOutput` (and `previous`) per probe: the value of
 * the `@holmes/probes` parser of that command (mdstat → MdstatReport, mdadm-detail → MdadmDetail,
 * mdadm-examine → MdadmExamine, or when the device has no md superblock (mdadm printed "No md
 * superblock detected", or a whole disk's partition table) the `NoMdSuperblock` value of
 * `checkOutputWithoutParser` (plain `null` is still accepted),
 * mountinfo → MountEntry[], mountstats → MountstatsReport, losetup → LoopDevice[], lvm →
 * LvmReport, smartctl → SmartReport, kmsg → KernelLog) and for `uname` the trimmed stdout.
 * A parse failure is not passed on: the check fails with the parser's message.
 *
 * Probe arguments by probe (all templates before `resolveCheck`):
 * mdadm-detail { array: md-device }, mdadm-examine { device: block-device },
 * smartctl { device: block-device }, lvm { report: pvs | vgs | lvs },
 * kmsg { since_minutes?: integer, default 60 }; the others take none.
 */
export type CheckArgs = Readonly<Record<string, string>>;

/**
 * A count an expectation compares (`raid_disks`, `max_increase`, …): a whole number, or in a
 * parsed runbook a lone `{{variable}}` (kind `integer` or `text`) — `raid_disks: "{{count}}"`.
 * `resolveCheck` fills it and turns it into a number, failing with a message when the value is
 * not a whole number; `evaluateExpectation` refuses an expectation that still holds one.
 */
export type CountTemplate = `{{${string}}}`;
export type ExpectedCount = number | CountTemplate;

/** An expectation after `resolveCheck`: every count is a number. */
export type ResolvedExpectation = WithNumericCounts<Expectation>;
// Distributes over the union, so each member keeps its own `that` and optional keys.
type WithNumericCounts<E> = E extends unknown
  ? { [K in keyof E]: Exclude<E[K], CountTemplate> }
  : never;

/**
 * What a check asserts, discriminated by `that`. Each expectation reads the output of one probe
 * (`EXPECTATION_PROBE` in expectations.ts). String fields are templates (`{{array}}`) until
 * `resolveCheck`; array and device names are compared without `/dev/`.
 */
export type Expectation =
  // mdstat
  | {
      that: "array-state";
      array: string;
      state?: "active" | "inactive" | "broken";
      readOnly?: boolean;
      degraded?: boolean;
      activeDisks?: ExpectedCount;
      raidDisks?: ExpectedCount;
      level?: string;
    }
  | { that: "array-absent"; array: string }
  /** A resync/recovery/reshape is running and, given `previous`, has advanced since. */
  | { that: "sync-progressing"; array: string }
  /**
   * For watching a rebuild: a resync/recovery is progressing as for `sync-progressing`, or there
   * is none because it already finished — the array is active and no longer degraded. A
   * bitmap re-add can finish before the first check; `sync-progressing` fails then.
   */
  | { that: "sync-progressing-or-complete"; array: string }
  /** No resync, recovery, check or reshape is running or pending on the array. */
  | { that: "sync-idle"; array: string }
  /** None of these devices is a member of any array (active or inactive). */
  | { that: "devices-unused"; devices: string[] }
  // mdadm-detail
  | {
      that: "detail-state";
      /** Every one of these appears in `State :` (`clean`, `degraded`, `recovering`, …). */
      includes?: string[];
      /** None of these appears. */
      excludes?: string[];
      activeDevices?: ExpectedCount;
      workingDevices?: ExpectedCount;
      failedDevices?: ExpectedCount;
      raidDevices?: ExpectedCount;
    }
  /** The device is (or is not) listed in the array; with `flags`, its state has all of them. */
  | { that: "member-state"; device: string; present: boolean; flags?: string[] }
  // mdadm-examine
  | { that: "superblock"; present: boolean }
  // mountinfo
  | { that: "mounted"; path: string; fstype?: string; readOnly?: boolean }
  | { that: "not-mounted"; path: string }
  /** No nfs/nfs4 mount carries this option (`soft`, `intr`, …). */
  | { that: "no-nfs-mount-with-option"; option: string }
  // mountstats
  /** Given `previous`: retransmissions of the NFS mount(s) grew by at most `maxIncrease`. */
  | { that: "nfs-retransmissions-steady"; path?: string; maxIncrease: ExpectedCount }
  // losetup
  | { that: "loop-attached"; device: string; backFile?: string }
  | { that: "loop-detached"; device: string }
  // lvm
  | { that: "vg-present"; vg: string }
  | { that: "lv-active"; vg: string; lv: string }
  // smartctl
  | { that: "smart-healthy"; maxReallocated?: ExpectedCount; maxPending?: ExpectedCount }
  // kmsg
  | { that: "no-kernel-events"; events: KernelEventKind[]; device?: string }
  // uname
  | { that: "kernel-at-least"; version: string };

export type ExpectationKind = Expectation["that"];

export type RunbookCheck = {
  /** Unique within the runbook: `[a-z0-9][a-z0-9-]*`. */
  id: string;
  description: string;
  probe: CheckProbe;
  args: CheckArgs;
  expect: Expectation;
  /** 1-based line of the check block in the source, for messages. */
  line: number;
};

/** A check with every template substituted and every value validated, ready to run. */
export type ResolvedCheck = {
  id: string;
  description: string;
  probe: CheckProbe;
  args: CheckArgs;
  /**
   * The allowlisted command id of `@holmes/probes` and its single argument (or null), for the
   * collector. For `kmsg` the argument depends on the clock: run `kernel-log` with
   * `now − sinceMinutes` as epoch seconds.
   */
  command: { commandId: string; argument: string | null; sinceMinutes: number | null };
  expect: ResolvedExpectation;
};

export type CheckOutcome = { passed: boolean; summary: string; details: string[] };

// ---- Steps and runbooks ----------------------------------------------------------------------

/** The evidence a destructive step needs captured recently: `md-map` is the slot → serial map. */
export type EvidenceNeed = EvidenceKind;

export type DestructiveGate = {
  evidence: EvidenceNeed[];
  maxEvidenceAgeMinutes: number;
  /** Why the step is dangerous, shown at the gate. */
  reason: string;
};

export type RunbookStep = {
  /** 0-based position. */
  index: number;
  title: string;
  /** The step's instructions (Markdown, without the command/check/gate blocks). Sanitize on render. */
  bodyMarkdown: string;
  /** Template with `{{var}}`; render with `renderCommand`. */
  command: string | null;
  checks: RunbookCheck[];
  destructive: DestructiveGate | null;
  /** 1-based line of the step heading in the source. */
  line: number;
};

export type RunbookSource = { kind: "file"; path: string } | { kind: "custom"; version: number };

export type Runbook = {
  /** `[a-z0-9][a-z0-9-]*`, unique across file and custom runbooks. */
  id: string;
  title: string;
  summary: string;
  /** Finding rule ids (`md.degraded`). */
  appliesTo: string[];
  variables: RunbookVariable[];
  steps: RunbookStep[];
  source: RunbookSource;
  /** sha256 (hex) of the source text: a run records which text it followed. */
  contentHash: string;
};

// ---- Results ---------------------------------------------------------------------------------

export type RunbookProblem = { line: number; message: string };

export type ParseRunbookResult =
  | { ok: true; runbook: Runbook }
  | { ok: false; errors: RunbookProblem[] };

export type BindingProblem = { variable: string; message: string };

export type BindResult = { ok: true; bindings: Bindings } | { ok: false; errors: BindingProblem[] };

export type ResolveCheckResult =
  | { ok: true; check: ResolvedCheck }
  | { ok: false; errors: string[] };

/** What `bindingsFromFinding` reads from a finding. */
export type FindingContext = {
  hostName: string;
  objectKind: FindingObjectKind;
  objectName: string;
  evidence: FindingEvidence;
};

export type CatalogueProblem = { runbookId: string; message: string };

export type Catalogue = { runbooks: Runbook[]; problems: CatalogueProblem[] };

import { z } from "zod";
import type { EvidenceAlertState } from "./evidence";
import type { NfsMountOptions, SmartAtaAttribute, SmartNvmeHealth, SmartScsi } from "./storage";

/**
 * Findings: what the rules say about a host's state, with reasons. The rules themselves live in
 * `@holmes/findings`; the shapes they exchange with the database and the UI live here.
 */

export const FINDING_SEVERITIES = ["critical", "warning", "info"] as const;
export const FindingSeveritySchema = z.enum(FINDING_SEVERITIES);
export type FindingSeverity = z.infer<typeof FindingSeveritySchema>;

/** Worst first: the order the fleet sorts and colours by. */
export function severityRank(severity: FindingSeverity): number {
  return FINDING_SEVERITIES.indexOf(severity);
}

export const FINDING_OBJECT_KINDS = [
  "host",
  "array",
  "member",
  "disk",
  "mount",
  "loop",
  "volume_group",
] as const;
export const FindingObjectKindSchema = z.enum(FINDING_OBJECT_KINDS);
export type FindingObjectKind = z.infer<typeof FindingObjectKindSchema>;

export const FINDING_STATES = ["open", "acknowledged", "resolved"] as const;
export const FindingStateSchema = z.enum(FINDING_STATES);
export type FindingState = z.infer<typeof FindingStateSchema>;

export const FindingEvidenceSchema = z.object({
  /** The values that triggered the rule, by name ("raw 197", "percent", "kernel"). */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Raw lines from the host (kernel log, mdstat) when a line is the evidence. */
  lines: z.array(z.string()),
});
export type FindingEvidence = z.infer<typeof FindingEvidenceSchema>;

/** What a rule returns for one object of one host; the database adds identity and lifecycle. */
export type FindingDraft = {
  ruleId: string;
  severity: FindingSeverity;
  objectKind: FindingObjectKind;
  /** "md0", "sda", "/srv/nfs", "loop3"; the host name for host-wide findings. */
  objectName: string;
  title: string;
  /** Plain words: why it matters and what to do. */
  explanation: string;
  evidence: FindingEvidence;
  runbookId: string | null;
};

export const AcknowledgeFindingInputSchema = z.object({
  findingId: z.uuid(),
  note: z.string().trim().min(1, "Say why it is acknowledged").max(2_000),
  /** Until this time the finding stays acknowledged; after it, it opens again if still true. */
  until: z.coerce.date().nullable(),
});
export type AcknowledgeFindingInput = z.infer<typeof AcknowledgeFindingInputSchema>;

// ---- The input of the rules: one host's normalized state and the recent history they need ----

export type MemberState = {
  device: string;
  slot: number | null;
  role: string | null;
  isFaulty: boolean;
  isSpare: boolean;
  diskSerial: string | null;
};

export type ArrayState = {
  name: string;
  uuid: string | null;
  level: string | null;
  state: string;
  readOnly: boolean;
  degraded: boolean;
  raidDisks: number | null;
  activeDisks: number | null;
  statusString: string | null;
  layout: string | null;
  syncAction: string | null;
  syncPercent: number | null;
  syncSpeedKbps: number | null;
  syncFinishMinutes: number | null;
  /** Marked by a responder: degraded on purpose (e.g. a two-disk RAID1 built with one missing). */
  isDegradedByDesign: boolean;
  members: MemberState[];
};

export type DiskState = {
  name: string;
  protocol: string | null;
  model: string | null;
  serial: string | null;
  smartPassed: boolean | null;
  temperatureC: number | null;
  powerOnHours: number | null;
  isStandby: boolean;
  attributes: SmartAtaAttribute[];
  nvme: SmartNvmeHealth | null;
  scsi: SmartScsi | null;
  hoursSinceLastSelfTest: number | null;
  errorLogCount: number | null;
  /** The tracked counters (ata5, ata197, nvmeMediaErrors…) of the SMART read before the latest. */
  previousCounters: Record<string, number> | null;
};

export type NfsMountState = NfsMountOptions & { server: string | null; export: string | null };

export type MountState = {
  mountPoint: string;
  source: string;
  fstype: string;
  options: string;
  nfs: NfsMountState | null;
  isDeleted: boolean;
  /** Cumulative RPC retransmissions at the latest poll and the one before (mountstats). */
  retransmissions: { latest: number; previous: number | null } | null;
};

export type LoopState = { name: string; backFile: string | null; isBackFileDeleted: boolean };

export type KernelEventState = {
  kind: string;
  severity: string;
  device: string | null;
  rawLine: string;
  at: Date;
};

/** A member slot whose disk serial changed: the disk in it was replaced (or the cabling moved). */
export type SlotChange = {
  arrayName: string;
  slot: number;
  previousSerial: string;
  serial: string;
  changedAt: Date;
};

export type CollectionState = {
  /** ok | partial | unreachable | auth_failed | host_key_changed | timeout | failed | never */
  state: string;
  lastSuccessAt: Date | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  consecutiveFailures: number;
  missingTools: string[];
  pinnedHostKey: string | null;
  presentedHostKey: string | null;
  /** The parse problems of the latest poll that reached the host. */
  parseErrors: Array<{ commandId: string; message: string }>;
};

export type HostState = {
  now: Date;
  host: { id: string; name: string; kernelRelease: string | null; osName: string | null };
  /** How often the host is meant to be polled; staleness is counted in these. */
  pollIntervalMs: number;
  collection: CollectionState;
  arrays: ArrayState[];
  disks: DiskState[];
  mounts: MountState[];
  loopDevices: LoopState[];
  /** Classified kernel events of the recent window (24 h), newest last. */
  kernelEvents: KernelEventState[];
  slotChanges: SlotChange[];
  /** Evidence vault changes: open ones, and recent ones of the kinds that are moments. */
  evidenceAlerts: EvidenceAlertState[];
};

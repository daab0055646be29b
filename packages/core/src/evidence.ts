import { z } from "zod";

/**
 * The evidence vault: the facts a recovery needs (which disk, by serial, sat in which md slot; the
 * superblocks; the LVM metadata; the partition tables), captured off the host before they are
 * needed. The collector stores them, the API reads them; the shapes they share live here.
 */

export const EVIDENCE_KINDS = [
  "md-map",
  "mdadm-detail-scan",
  "mdadm-detail",
  "mdadm-examine",
  "mdadm-conf",
  "lvm-metadata",
  "partition-table",
  "fstab",
  "lsblk",
] as const;
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

/** Why a capture was recorded. A routine poll records one only when something changed. */
export const EVIDENCE_REASONS = [
  "poll",
  "daily",
  "on_demand",
  "critical_finding",
  "incident",
] as const;
export const EvidenceReasonSchema = z.enum(EVIDENCE_REASONS);
export type EvidenceReason = z.infer<typeof EvidenceReasonSchema>;

export const EVIDENCE_ALERT_KINDS = [
  "slot-serial-changed",
  "events-diverged",
  "lvm-seqno-backwards",
  "array-gone",
] as const;
export const EvidenceAlertKindSchema = z.enum(EVIDENCE_ALERT_KINDS);
export type EvidenceAlertKind = z.infer<typeof EvidenceAlertKindSchema>;

/** One member of an array as its own superblock (`mdadm --examine`) and the block tree say. */
export const EvidenceMdMemberSchema = z.object({
  /** The slot (`Active device N` / RaidDevice); null for spares and members without one. */
  slot: z.number().int().nullable(),
  /** active, spare, faulty, replacement, journal, rebuilding, or null when unknown. */
  role: z.string().nullable(),
  device: z.string(),
  /** The whole disk under the member (`/dev/sdb` for `/dev/sdb2`). */
  disk: z.string().nullable(),
  serial: z.string().nullable(),
  wwn: z.string().nullable(),
  events: z.number().nullable(),
  updateTime: z.string().nullable(),
  superblock: z.string().nullable(),
  dataOffsetSectors: z.number().nullable(),
  deviceUuid: z.string().nullable(),
  /** Its superblock's event count lags the array's newest: it is stale, do not force it in. */
  isBehind: z.boolean(),
});
export type EvidenceMdMember = z.infer<typeof EvidenceMdMemberSchema>;

/** The md map of one array: the content of an `md-map` evidence item (as JSON). */
export const EvidenceMdArraySchema = z.object({
  uuid: z.string().nullable(),
  name: z.string(),
  device: z.string(),
  level: z.string().nullable(),
  layout: z.string().nullable(),
  chunkKb: z.number().nullable(),
  raidDevices: z.number().int().nullable(),
  superblock: z.string().nullable(),
  creationTime: z.string().nullable(),
  members: z.array(EvidenceMdMemberSchema),
});
export type EvidenceMdArray = z.infer<typeof EvidenceMdArraySchema>;

/** What the findings rules read about evidence changes; the collector computes them at capture. */
export type EvidenceAlertState = {
  kind: EvidenceAlertKind;
  /** The array or volume group name. */
  subject: string;
  itemKey: string;
  message: string;
  values: Record<string, string | number | boolean | null>;
  observedAt: Date;
};

export const EvidenceHostInputSchema = z.object({ host: z.string().min(1).max(253) });
export const EvidenceVersionInputSchema = z.object({
  id: z.number().int().positive(),
  /** A download of raw evidence is written to the audit log. */
  download: z.boolean().optional(),
});
export const EvidenceDiffInputSchema = z.object({
  fromId: z.number().int().positive(),
  toId: z.number().int().positive(),
});

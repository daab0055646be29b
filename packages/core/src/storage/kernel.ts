import { z } from "zod";

/**
 * Kernel and system log lines (dmesg, journalctl, syslog, installer logs) with storage events
 * classified. Every key is always present; `null` means "not in this line / not applicable".
 */

export const KERNEL_EVENT_KINDS = [
  "md_member_failed",
  "md_member_kicked",
  "md_import_device_busy",
  "md_import_device_failed",
  "md_array_active",
  "md_array_degraded",
  "md_array_unclean",
  "md_cannot_continue",
  "md_recovery_started",
  "md_recovery_done",
  "md_resync_started",
  "md_resync_done",
  "md_check_started",
  "md_check_done",
  "md_reshape_started",
  "md_reshape_done",
  "md_sync_interrupted",
  "md_read_error",
  "md_superblock_write_error",
  "mdadm_event",
  "xfs_shutdown",
  "xfs_log_io_error",
  "xfs_metadata_io_error",
  "xfs_corruption",
  "ext4_error",
  "nfs_not_responding",
  "nfs_ok",
  "nfs_stale_handle",
  "block_io_error",
  "block_device_offline",
  "scsi_sense_error",
  "ata_error",
  "swiotlb_full",
  "hung_task",
  "kernel_oops",
] as const;
export const KernelEventKindSchema = z.enum(KERNEL_EVENT_KINDS);
export type KernelEventKind = z.infer<typeof KernelEventKindSchema>;

export const KernelEventSeveritySchema = z.enum(["critical", "error", "warning", "info"]);
export type KernelEventSeverity = z.infer<typeof KernelEventSeveritySchema>;

/**
 * One classified event. A flat shape (rather than one type per kind) keeps every key present
 * for the UI; fields that do not apply to a kind are null.
 */
export const KernelEventSchema = z.object({
  kind: KernelEventKindSchema,
  severity: KernelEventSeveritySchema,
  /** Block device, md member, ATA port (`ata3.00`), SCSI address or PCI device. */
  device: z.string().nullable(),
  /** md array without `/dev/` (`md0`, `md/0`). */
  array: z.string().nullable(),
  /** NFS server name or address. */
  server: z.string().nullable(),
  /** 512-byte sector for block and md read errors. */
  sector: z.number().int().nonnegative().nullable(),
  /** Filesystem logical block (`Buffer I/O error … logical block N`). */
  block: z.number().int().nonnegative().nullable(),
  /** I/O direction (READ/WRITE), ATA failed command, mdadm event name or md sync action. */
  operation: z.string().nullable(),
  /** Path named by the line (stale file handle). */
  path: z.string().nullable(),
  activeDevices: z.number().int().nonnegative().nullable(),
  failedDevices: z.number().int().nonnegative().nullable(),
  totalDevices: z.number().int().nonnegative().nullable(),
  bytes: z.number().int().nonnegative().nullable(),
  /** Positive errno (`-16` → 16 EBUSY, `error 5` → 5 EIO). */
  errno: z.number().int().nonnegative().nullable(),
  /** XFS shutdown flags as printed (`0x2`). */
  flags: z.string().nullable(),
  /** mdadm RebuildNN progress. */
  percent: z.number().int().min(0).max(100).nullable(),
  /** Short reason or detail: `log I/O error`, `still trying`, `hard resetting link`, … */
  detail: z.string().nullable(),
});
export type KernelEvent = z.infer<typeof KernelEventSchema>;

/**
 * When a line happened. `monotonic`: seconds since boot. `wallclock`: the text as printed plus
 * an ISO-8601 form when the year is known (printed, or passed in by the caller); the ISO form
 * carries an offset only when the input did, otherwise it is the host's local time.
 */
export const KernelTimestampSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("monotonic"), seconds: z.number().nonnegative() }),
  z.object({ kind: z.literal("wallclock"), text: z.string(), iso: z.string().nullable() }),
]);
export type KernelTimestamp = z.infer<typeof KernelTimestampSchema>;

export const KernelLogLineSchema = z.object({
  lineNumber: z.number().int().positive(),
  raw: z.string(),
  timestamp: KernelTimestampSchema.nullable(),
  /** Seconds since boot printed inside a wall-clock line (`kernel: [  12.3] …`). */
  monotonicSeconds: z.number().nonnegative().nullable(),
  host: z.string().nullable(),
  /** Syslog identifier or installer facility (`kernel`, `mdadm`); null for plain dmesg. */
  source: z.string().nullable(),
  /** Log level when the line states one (`<3>`, `err`, `WARNING`), lower-cased. */
  level: z.string().nullable(),
  message: z.string(),
  event: KernelEventSchema.nullable(),
});
export type KernelLogLine = z.infer<typeof KernelLogLineSchema>;

export const KernelLogSchema = z.object({
  lines: z.array(KernelLogLineSchema),
  eventCount: z.number().int().nonnegative(),
});
export type KernelLog = z.infer<typeof KernelLogSchema>;

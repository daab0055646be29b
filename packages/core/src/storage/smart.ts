import { z } from "zod";

/**
 * What `smartctl --json -a` / `-x` (smartmontools >= 7.0) tells about one disk, normalised across
 * ATA/SATA, NVMe and SCSI/SAS. Every key is always present; `null` means smartctl did not report it.
 */

export const SmartProtocolSchema = z.enum(["ATA", "NVMe", "SCSI"]);
export type SmartProtocol = z.infer<typeof SmartProtocolSchema>;

/** smartctl's exit bitmask (man smartctl, "EXIT STATUS"), one boolean per bit. */
export const SmartExitStatusSchema = z.object({
  raw: z.number().int().min(0),
  /** bit 0: command line did not parse. */
  hasCommandLineError: z.boolean(),
  /** bit 1: device open failed, IDENTIFY failed, or the disk was skipped in a low-power mode. */
  hasDeviceOpenFailed: z.boolean(),
  /** bit 2: some SMART or other ATA command failed, or a SMART data structure checksum error. */
  hasSmartCommandFailed: z.boolean(),
  /** bit 3: SMART status check returned "DISK FAILING". */
  isDiskFailing: z.boolean(),
  /** bit 4: prefail attributes are at or below their threshold now. */
  hasPrefailAtOrBelowThreshold: z.boolean(),
  /** bit 5: some attributes were at or below their threshold in the past. */
  hasAttributesBelowThresholdInPast: z.boolean(),
  /** bit 6: the device error log contains errors. */
  hasErrorLogErrors: z.boolean(),
  /** bit 7: the self-test log contains errors. */
  hasSelfTestLogErrors: z.boolean(),
});
export type SmartExitStatus = z.infer<typeof SmartExitStatusSchema>;

export const SmartDeviceSchema = z.object({
  name: z.string(),
  infoName: z.string().nullable(),
  /** smartctl device type: "sat", "nvme", "scsi", "megaraid,0", … */
  type: z.string().nullable(),
});
export type SmartDevice = z.infer<typeof SmartDeviceSchema>;

export const SmartAtaAttributeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  value: z.number().int(),
  worst: z.number().int(),
  /** null when the drive returned no valid threshold table (some SSDs). */
  threshold: z.number().int().nullable(),
  /** raw.value as smartctl decoded it (48-bit at most, so exact as a JS number). */
  raw: z.number(),
  rawString: z.string(),
  /** "" never failed, "now" at/below threshold now, "past" at/below threshold in the past. */
  whenFailed: z.enum(["", "now", "past"]).nullable(),
  isPrefailure: z.boolean().nullable(),
});
export type SmartAtaAttribute = z.infer<typeof SmartAtaAttributeSchema>;

export const SmartSelfTestEntrySchema = z.object({
  /** "Short offline", "Extended offline", "Conveyance offline", NVMe "Short", … */
  type: z.string(),
  status: z.string(),
  statusCode: z.number().int().nullable(),
  /** false for a failed test, null when neither passed nor failed (aborted, in progress). */
  passed: z.boolean().nullable(),
  /** Power-on hours when the test ran. The ATA log stores 16 bits, so it wraps at 65536. */
  lifetimeHours: z.number().int().nullable(),
  remainingPercent: z.number().int().nullable(),
  /** First failing LBA of a failed test. */
  failingLba: z.number().int().nullable(),
});
export type SmartSelfTestEntry = z.infer<typeof SmartSelfTestEntrySchema>;

export const SmartErrorLogEntrySchema = z.object({
  errorNumber: z.number().int().nullable(),
  lifetimeHours: z.number().int().nullable(),
  description: z.string().nullable(),
});
export type SmartErrorLogEntry = z.infer<typeof SmartErrorLogEntrySchema>;

export const SmartNvmeCriticalWarningBitsSchema = z.object({
  availableSpareLow: z.boolean(),
  temperature: z.boolean(),
  reliabilityDegraded: z.boolean(),
  readOnly: z.boolean(),
  volatileMemoryBackupFailed: z.boolean(),
  persistentMemoryRegionUnreliable: z.boolean(),
});
export type SmartNvmeCriticalWarningBits = z.infer<typeof SmartNvmeCriticalWarningBitsSchema>;

/** NVMe SMART / Health Information log (log page 02h). */
export const SmartNvmeHealthSchema = z.object({
  criticalWarning: z.number().int().nullable(),
  criticalWarningBits: SmartNvmeCriticalWarningBitsSchema.nullable(),
  mediaErrors: z.number().nullable(),
  percentageUsed: z.number().nullable(),
  availableSpare: z.number().nullable(),
  availableSpareThreshold: z.number().nullable(),
  unsafeShutdowns: z.number().nullable(),
  powerCycles: z.number().nullable(),
  /** In units of 1000 × 512 bytes, as the NVMe spec counts them. */
  dataUnitsRead: z.number().nullable(),
  dataUnitsWritten: z.number().nullable(),
  numErrLogEntries: z.number().nullable(),
  warningTempMinutes: z.number().nullable(),
  criticalTempMinutes: z.number().nullable(),
});
export type SmartNvmeHealth = z.infer<typeof SmartNvmeHealthSchema>;

/** One row of the SCSI error counter log page (read, write or verify). */
export const SmartScsiErrorCountersSchema = z.object({
  errorsCorrectedByEccFast: z.number().nullable(),
  errorsCorrectedByEccDelayed: z.number().nullable(),
  errorsCorrectedByRereadsRewrites: z.number().nullable(),
  totalErrorsCorrected: z.number().nullable(),
  correctionAlgorithmInvocations: z.number().nullable(),
  gigabytesProcessed: z.number().nullable(),
  totalUncorrectedErrors: z.number().nullable(),
});
export type SmartScsiErrorCounters = z.infer<typeof SmartScsiErrorCountersSchema>;

export const SmartScsiSchema = z.object({
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  revision: z.string().nullable(),
  transportProtocol: z.string().nullable(),
  grownDefects: z.number().int().nullable(),
  errorCounters: z.object({
    read: SmartScsiErrorCountersSchema.nullable(),
    write: SmartScsiErrorCountersSchema.nullable(),
    verify: SmartScsiErrorCountersSchema.nullable(),
  }),
  startStopCycles: z.number().int().nullable(),
  specifiedStartStopCycles: z.number().int().nullable(),
  loadUnloadCycles: z.number().int().nullable(),
  specifiedLoadUnloadCycles: z.number().int().nullable(),
});
export type SmartScsi = z.infer<typeof SmartScsiSchema>;

export const SmartReportSchema = z.object({
  /** null only when smartctl could not identify the device (open failed). */
  protocol: SmartProtocolSchema.nullable(),
  device: SmartDeviceSchema.nullable(),
  smartctlVersion: z.string().nullable(),
  model: z.string().nullable(),
  modelFamily: z.string().nullable(),
  serial: z.string().nullable(),
  /** NAA WWN as 16 hex digits ("5000c500a1b2c3d4"), the form lsblk shows after "0x". */
  wwn: z.string().nullable(),
  firmware: z.string().nullable(),
  capacityBytes: z.number().nullable(),
  logicalBlockSize: z.number().int().nullable(),
  /** rpm; 0 means solid state; null when not reported (always for NVMe). */
  rotationRate: z.number().int().nullable(),
  isSmartAvailable: z.boolean().nullable(),
  isSmartEnabled: z.boolean().nullable(),
  /** smart_status.passed: the drive's own overall health verdict. */
  passed: z.boolean().nullable(),
  temperatureC: z.number().nullable(),
  powerOnHours: z.number().int().nullable(),
  powerCycleCount: z.number().int().nullable(),
  attributes: z.array(SmartAtaAttributeSchema),
  selfTests: z.array(SmartSelfTestEntrySchema),
  /** Lifetime hours of the newest self-test entry (ATA: wraps at 65536). */
  lastSelfTestHours: z.number().int().nullable(),
  /** Power-on hours since that test, corrected for the 16-bit wrap of the ATA log. */
  hoursSinceLastSelfTest: z.number().int().nullable(),
  selfTestErrorCount: z.number().int().nullable(),
  /** ATA error log: errors the drive counted over its life (not just the 5 kept entries). */
  errorLogCount: z.number().int().nullable(),
  errorLogEntries: z.array(SmartErrorLogEntrySchema),
  nvme: SmartNvmeHealthSchema.nullable(),
  scsi: SmartScsiSchema.nullable(),
  exitStatus: SmartExitStatusSchema,
  messages: z.array(z.string()),
  /** "STANDBY", "SLEEP", "IDLE"… when `--nocheck` skipped the disk to avoid spinning it up. */
  skippedPowerMode: z.string().nullable(),
});
export type SmartReport = z.infer<typeof SmartReportSchema>;

/** One entry of `smartctl --scan --json` / `--scan-open --json`. */
export const SmartScanDeviceSchema = z.object({
  name: z.string(),
  infoName: z.string().nullable(),
  type: z.string().nullable(),
  protocol: SmartProtocolSchema.nullable(),
  /** Only `--scan-open`: why the device could not be opened. */
  openError: z.string().nullable(),
});
export type SmartScanDevice = z.infer<typeof SmartScanDeviceSchema>;

import { z } from "zod";

/*
 * Linux md (software RAID) as reported by /proc/mdstat, `mdadm --detail`, `mdadm --detail --scan`
 * and `mdadm --examine`. Every key is always present; `null` means "the tool did not report it".
 * Sizes keep the unit the tool printed (KiB "blocks" in mdstat, 512-byte sectors in --examine).
 */

const count = z.number().int().nonnegative();
const nullableCount = count.nullable();

// ---------------------------------------------------------------------------------------------
// /proc/mdstat

export const MdstatMemberSchema = z.object({
  device: z.string().min(1),
  /** The `[N]` after the device: the kernel's descriptor number, not necessarily the raid slot. */
  slot: count,
  faulty: z.boolean(),
  spare: z.boolean(),
  writeMostly: z.boolean(),
  replacement: z.boolean(),
  journal: z.boolean(),
});
export type MdstatMember = z.infer<typeof MdstatMemberSchema>;

export const MdstatBitmapSchema = z.object({
  pagesUsed: count,
  pagesTotal: count,
  /** In-memory size of the loaded bitmap pages (`[4KB]`). */
  memoryKb: count,
  /** Bitmap chunk; the kernel prints bytes (`512B chunk`) for sub-KiB chunks, converted here. */
  chunkKb: z.number().nonnegative(),
  /** External bitmap file, or null for an internal bitmap. */
  file: z.string().nullable(),
});
export type MdstatBitmap = z.infer<typeof MdstatBitmapSchema>;

export const MdSyncActionSchema = z.enum(["resync", "recovery", "check", "repair", "reshape"]);
export type MdSyncAction = z.infer<typeof MdSyncActionSchema>;

export const MdstatSyncSchema = z.object({
  action: MdSyncActionSchema,
  /** `delayed`/`pending`/`remote` come from `resync=DELAYED` etc. and carry no progress numbers. */
  state: z.enum(["running", "delayed", "pending", "remote"]),
  percent: z.number().min(0).max(100).nullable(),
  doneBlocks: nullableCount,
  totalBlocks: nullableCount,
  finishMinutes: z.number().nonnegative().nullable(),
  speedKBps: nullableCount,
});
export type MdstatSync = z.infer<typeof MdstatSyncSchema>;

export const MdRaid10LayoutSchema = z.object({
  nearCopies: nullableCount,
  farCopies: nullableCount,
  offsetCopies: nullableCount,
  devicesPerSet: nullableCount,
});
export type MdRaid10Layout = z.infer<typeof MdRaid10LayoutSchema>;

export const MdstatArraySchema = z.object({
  name: z.string().min(1),
  /** `broken` is printed by kernels >= 5.x for raid0/linear arrays that lost a member. */
  state: z.enum(["active", "inactive", "broken"]),
  /** Personality (`raid1`, `linear`, …); null for inactive arrays that print none. */
  level: z.string().nullable(),
  /** `(read-only)`: set read-only by an admin. */
  readOnly: z.boolean(),
  /** `(auto-read-only)`: read-only until the first write; a pending resync waits for it. */
  autoReadOnly: z.boolean(),
  members: z.array(MdstatMemberSchema),
  /** n of `[n/m]`. */
  raidDisks: nullableCount,
  /** m of `[n/m]`. */
  activeDisks: nullableCount,
  /** raidDisks - activeDisks: slots without an in-sync member (lost redundancy). */
  missingDisks: nullableCount,
  /** `UU_U`: one character per raid slot, `_` = not in sync. */
  statusString: z
    .string()
    .regex(/^[U_]*$/)
    .nullable(),
  /**
   * True when activeDisks < raidDisks, the status string has `_`, or any member is `(F)`.
   * A faulty member still attached while every slot is in sync (`sdd[4](F)` with `[3/3] [UUU]`)
   * counts as degraded on purpose: redundancy is intact but a failed disk awaits replacement,
   * and `mdadm --detail` would report it as a failed device. `missingDisks` tells the two apart.
   */
  degraded: z.boolean(),
  /** Array size in 1 KiB blocks. */
  blocks: nullableCount,
  /** Raw text after `super`: `1.2`, `external:imsm`, `external:/md127/0`; null when not printed
   * (the kernel prints nothing for 0.90 metadata). */
  superVersion: z.string().nullable(),
  /** True for an external-metadata container (`super external:imsm` / `external:ddf`). */
  isContainer: z.boolean(),
  /** For a member of a container (`external:/md127/0`): the container's name, `md127`. */
  containerName: z.string().nullable(),
  /** …and the member index inside it, `0`. */
  containerMember: z.string().nullable(),
  chunkKb: nullableCount,
  /** linear arrays print `0k rounding` instead of a chunk. */
  roundingKb: nullableCount,
  /** raid4/5/6 parity algorithm number (`algorithm 2`). */
  algorithm: nullableCount,
  /** raid10 only: copies layout. */
  layout: MdRaid10LayoutSchema.nullable(),
  bitmap: MdstatBitmapSchema.nullable(),
  sync: MdstatSyncSchema.nullable(),
});
export type MdstatArray = z.infer<typeof MdstatArraySchema>;

export const MdstatReportSchema = z.object({
  personalities: z.array(z.string().min(1)),
  arrays: z.array(MdstatArraySchema),
  unusedDevices: z.array(z.string().min(1)),
});
export type MdstatReport = z.infer<typeof MdstatReportSchema>;

// ---------------------------------------------------------------------------------------------
// mdadm --detail (plain and --export)

export const MdadmDetailDeviceSchema = z.object({
  /** The `Number` column; null for `-` (removed slot) and for --export output. */
  number: nullableCount,
  major: nullableCount,
  minor: nullableCount,
  /** The raid slot; null for `-` (spare, faulty or journal outside the slots). */
  raidDevice: nullableCount,
  /** As printed: `active sync`, `spare rebuilding`, `faulty`, `removed`, `writemostly`, … */
  stateFlags: z.array(z.string().min(1)),
  /** Device node, or null when mdadm printed none (removed, or `missing` major:minor). */
  device: z.string().nullable(),
  /** --export only: the sysfs name with non-alphanumerics as `_` (`dev_sda1`). */
  sysName: z.string().nullable(),
});
export type MdadmDetailDevice = z.infer<typeof MdadmDetailDeviceSchema>;

export const MdadmDetailSchema = z.object({
  format: z.enum(["text", "export"]),
  /** The `/dev/md0:` heading. */
  device: z.string().nullable(),
  /** --export `MD_DEVNAME`: the name under /dev/md/. */
  devName: z.string().nullable(),
  /** Superblock version (`1.2`, `0.90`, `ddf`, `imsm`); null for container members. */
  version: z.string().nullable(),
  /** For a member of a container: `Container : /dev/md0, member 0`. */
  container: z.string().nullable(),
  member: z.string().nullable(),
  /** Kept as printed (ctime, local time of the host, no zone). */
  creationTime: z.string().nullable(),
  raidLevel: z.string().nullable(),
  arraySizeKb: nullableCount,
  usedDevSizeKb: nullableCount,
  raidDevices: nullableCount,
  totalDevices: nullableCount,
  preferredMinor: nullableCount,
  persistence: z.string().nullable(),
  intentBitmap: z.string().nullable(),
  updateTime: z.string().nullable(),
  /** Raw state, e.g. `clean, degraded, recovering`. */
  state: z.string().nullable(),
  /** State split on commas; a trailing `(DELAYED)`/`(PENDING)`/`(REMOTE)` becomes its own flag. */
  stateFlags: z.array(z.string().min(1)),
  activeDevices: nullableCount,
  workingDevices: nullableCount,
  failedDevices: nullableCount,
  spareDevices: nullableCount,
  /** Raw layout (`left-symmetric`, `near=2`, `-unknown-`). */
  layout: z.string().nullable(),
  chunkSizeKb: nullableCount,
  roundingKb: nullableCount,
  consistencyPolicy: z.string().nullable(),
  rebuildStatusPercent: z.number().min(0).max(100).nullable(),
  resyncStatusPercent: z.number().min(0).max(100).nullable(),
  reshapeStatusPercent: z.number().min(0).max(100).nullable(),
  checkStatusPercent: z.number().min(0).max(100).nullable(),
  name: z.string().nullable(),
  /** `(local to host X)` after Name or UUID. */
  localToHost: z.string().nullable(),
  uuid: z.string().nullable(),
  /** Event counter; 0.90 prints `hi.lo`, folded to hi * 2^32 + lo. */
  events: nullableCount,
  eventsRaw: z.string().nullable(),
  /** DDF containers and members. */
  containerGuid: z.string().nullable(),
  memberArrays: z.array(z.string().min(1)),
  /** --export `MD_RESHAPE_ACTIVE`. */
  reshapeActive: z.boolean().nullable(),
  devices: z.array(MdadmDetailDeviceSchema),
  /** Every other `Key : value` (or `MD_KEY=value`) line, as printed. */
  otherFields: z.record(z.string(), z.string()),
});
export type MdadmDetail = z.infer<typeof MdadmDetailSchema>;

export const MdadmScanEntrySchema = z.object({
  /** The device after ARRAY; null for `ARRAY metadata=ddf UUID=…` lines that name none. */
  device: z.string().nullable(),
  /** `INACTIVE-ARRAY` lines. */
  inactive: z.boolean(),
  metadata: z.string().nullable(),
  level: z.string().nullable(),
  numDevices: nullableCount,
  name: z.string().nullable(),
  uuid: z.string().nullable(),
  container: z.string().nullable(),
  member: z.string().nullable(),
  spares: nullableCount,
  bitmap: z.string().nullable(),
  /** From the `devices=` continuation line (`--verbose`). */
  devices: z.array(z.string().min(1)),
  otherFields: z.record(z.string(), z.string()),
});
export type MdadmScanEntry = z.infer<typeof MdadmScanEntrySchema>;

export const MdadmScanSchema = z.array(MdadmScanEntrySchema);

// ---------------------------------------------------------------------------------------------
// mdadm --examine <member>

export const MdadmExamineSlotSchema = z.enum(["active", "missing", "replacing", "unknown"]);
export type MdadmExamineSlot = z.infer<typeof MdadmExamineSlotSchema>;

/** A row of the 0.90 device table (`this` row or a numbered row). */
export const MdadmExamineDeviceRowSchema = z.object({
  /** Leftmost column; null for the `this` row. */
  index: nullableCount,
  number: count,
  major: count,
  minor: count,
  raidDevice: count,
  stateFlags: z.array(z.string().min(1)),
  device: z.string().nullable(),
});
export type MdadmExamineDeviceRow = z.infer<typeof MdadmExamineDeviceRowSchema>;

export const MdadmDdfVirtualDiskSchema = z.object({
  index: count,
  guid: z.string().nullable(),
  unit: nullableCount,
  state: z.string().nullable(),
  initState: z.string().nullable(),
  access: z.string().nullable(),
  name: z.string().nullable(),
  raidDevices: nullableCount,
  raidLevel: z.string().nullable(),
  chunkSizeSectors: nullableCount,
  deviceSizeKb: nullableCount,
  arraySizeKb: nullableCount,
});
export type MdadmDdfVirtualDisk = z.infer<typeof MdadmDdfVirtualDiskSchema>;

export const MdadmDdfPhysicalDiskSchema = z.object({
  number: count,
  refNo: z.string().min(1),
  sizeKb: count,
  /** Null when the disk is not present on this host. */
  device: z.string().nullable(),
  /** `active`, `Global-Spare`, `spare`, … */
  type: z.string(),
  /** `Online`, `Offline, Failed`, `Online, Rebuilding`, … */
  state: z.string(),
});
export type MdadmDdfPhysicalDisk = z.infer<typeof MdadmDdfPhysicalDiskSchema>;

export const MdadmDdfSchema = z.object({
  controllerGuid: z.string().nullable(),
  containerGuid: z.string().nullable(),
  seq: z.string().nullable(),
  redundantHeader: z.boolean().nullable(),
  virtualDiskCount: nullableCount,
  virtualDisks: z.array(MdadmDdfVirtualDiskSchema),
  physicalDiskCount: nullableCount,
  physicalDisks: z.array(MdadmDdfPhysicalDiskSchema),
});
export type MdadmDdf = z.infer<typeof MdadmDdfSchema>;

export const MdadmExamineSchema = z.object({
  /** The `/dev/sda1:` heading. */
  device: z.string().nullable(),
  magic: z.string(),
  version: z.string().nullable(),
  featureMap: z.string().nullable(),
  /** `Array UUID` (1.x) or `UUID` (0.90, imsm). */
  arrayUuid: z.string().nullable(),
  name: z.string().nullable(),
  localToHost: z.string().nullable(),
  creationTime: z.string().nullable(),
  raidLevel: z.string().nullable(),
  raidDevices: nullableCount,
  totalDevices: nullableCount,
  preferredMinor: nullableCount,
  availDevSizeSectors: nullableCount,
  usedDevSizeSectors: nullableCount,
  arraySizeKb: nullableCount,
  dataOffsetSectors: nullableCount,
  superOffsetSectors: nullableCount,
  recoveryOffsetSectors: nullableCount,
  state: z.string().nullable(),
  deviceUuid: z.string().nullable(),
  /** Per-device flags: `write-mostly`, `failfast`. */
  flags: z.array(z.string().min(1)),
  internalBitmap: z.string().nullable(),
  updateTime: z.string().nullable(),
  badBlockLog: z.string().nullable(),
  badBlocksPresent: z.boolean(),
  checksum: z.string().nullable(),
  checksumCorrect: z.boolean().nullable(),
  /** What mdadm computed when the stored checksum is wrong. */
  checksumExpected: z.string().nullable(),
  events: nullableCount,
  eventsRaw: z.string().nullable(),
  layout: z.string().nullable(),
  chunkSizeKb: nullableCount,
  roundingKb: nullableCount,
  /**
   * 1.x `Device Role`: the slot number for `Active device N`, otherwise `spare`, `replacement`
   * (slot in deviceRoleSlot) or `journal`. For 0.90 it is derived from the `this` row, where a
   * faulty device is also possible. Null when not reported.
   */
  deviceRole: z.union([count, z.enum(["spare", "replacement", "journal", "faulty"])]).nullable(),
  deviceRoleSlot: nullableCount,
  deviceRoleRaw: z.string().nullable(),
  /** Raw `AA.R` string from `Array State`. */
  arrayState: z.string().nullable(),
  arrayStateSlots: z.array(MdadmExamineSlotSchema),
  activeDevices: nullableCount,
  workingDevices: nullableCount,
  failedDevices: nullableCount,
  spareDevices: nullableCount,
  thisDevice: MdadmExamineDeviceRowSchema.nullable(),
  deviceTable: z.array(MdadmExamineDeviceRowSchema),
  ddf: MdadmDdfSchema.nullable(),
  /** Every other `Key : value` line; keys inside imsm sections are prefixed `Volume0.`. */
  otherFields: z.record(z.string(), z.string()),
});
export type MdadmExamine = z.infer<typeof MdadmExamineSchema>;

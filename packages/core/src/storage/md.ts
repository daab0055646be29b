import { z } from "zod";

// Linux md RAID from /proc/mdstat and mdadm --detail/--detail --scan/--examine. Every key is
// always present; null = "not reported". Sizes keep the tool's unit (KiB blocks, 512-B sectors).

const count = z.number().int().nonnegative();
const nullableCount = count.nullable();
const text = z.string().nullable();
const percent = z.number().min(0).max(100).nullable();
const slotFlags = z
  .string()
  .regex(/^[U_]*$/)
  .nullable();

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
  memoryKb: count, // In-memory size of the loaded bitmap pages (`[4KB]`).
  /** Bitmap chunk; the kernel prints bytes (`512B chunk`) for sub-KiB chunks, converted here. */
  chunkKb: z.number().nonnegative(),
  file: text, // External bitmap file, or null for an internal bitmap.
});
export type MdstatBitmap = z.infer<typeof MdstatBitmapSchema>;

export const MdSyncActionSchema = z.enum(["resync", "recovery", "check", "repair", "reshape"]);
export type MdSyncAction = z.infer<typeof MdSyncActionSchema>;

export const MdstatSyncSchema = z.object({
  action: MdSyncActionSchema,
  /** `delayed`/`pending`/`remote` (from `resync=DELAYED` …) carry no progress numbers. */
  state: z.enum(["running", "delayed", "pending", "remote"]),
  percent,
  /** Progress in KiB of one member device (recovery counts per device, not per array). */
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
  level: text, // Personality (`raid1`, `linear`, …); null for inactive arrays that print none.
  readOnly: z.boolean(), // `(read-only)`: set read-only by an admin.
  /** `(auto-read-only)`: read-only until the first write; a pending resync waits for it. */
  autoReadOnly: z.boolean(),
  members: z.array(MdstatMemberSchema),
  raidDisks: nullableCount, // n of `[n/m]`.
  activeDisks: nullableCount, // m of `[n/m]`.
  /** raidDisks - activeDisks: slots without an in-sync member (lost redundancy). */
  missingDisks: nullableCount,
  statusString: slotFlags, // `UU_U`: one character per raid slot, `_` = not in sync.
  /**
   * True when activeDisks < raidDisks, the status string has `_`, or any member is `(F)`.
   * A faulty member still attached while every slot is in sync (`sdd[4](F)` with `[3/3] [UUU]`)
   * counts as degraded on purpose: redundancy is intact but a failed disk awaits replacement,
   * and `mdadm --detail` would report it as a failed device. `missingDisks` tells the two apart.
   */
  degraded: z.boolean(),
  blocks: nullableCount, // Array size in 1 KiB blocks.
  /** After `super`: `1.2`, `external:imsm`, `external:/md127/0`; null if absent (0.90 metadata). */
  superVersion: text,
  /** True for an external-metadata container (`super external:imsm` / `external:ddf`). */
  isContainer: z.boolean(),
  /** For a member of a container (`external:/md127/0`): the container's name, `md127`. */
  containerName: text,
  containerMember: text, // …and the member index inside it, `0`.
  chunkKb: nullableCount,
  roundingKb: nullableCount, // linear arrays print `0k rounding` instead of a chunk.
  algorithm: nullableCount, // raid4/5/6 parity algorithm number (`algorithm 2`).
  layout: MdRaid10LayoutSchema.nullable(), // raid10 only: copies layout.
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
  device: text, // Device node, or null when mdadm printed none (removed, or `missing` major:minor).
  sysName: text, // --export only: the sysfs name with non-alphanumerics as `_` (`dev_sda1`).
});
export type MdadmDetailDevice = z.infer<typeof MdadmDetailDeviceSchema>;

export const MdadmDetailSchema = z.object({
  format: z.enum(["text", "export"]),
  device: text, // The `/dev/md0:` heading.
  devName: text, // --export `MD_DEVNAME`: the name under /dev/md/.
  version: text, // Superblock version (`1.2`, `0.90`, `ddf`, `imsm`); null for container members.
  container: text, // For a member of a container: `Container : /dev/md0, member 0`.
  member: text,
  creationTime: text, // Kept as printed (ctime, local time of the host, no zone).
  raidLevel: text,
  arraySizeKb: nullableCount,
  usedDevSizeKb: nullableCount,
  raidDevices: nullableCount,
  totalDevices: nullableCount,
  preferredMinor: nullableCount,
  persistence: text,
  intentBitmap: text,
  updateTime: text,
  state: text, // Raw state, e.g. `clean, degraded, recovering`.
  /** State split on commas; a trailing `(DELAYED)`/`(PENDING)`/`(REMOTE)` becomes its own flag. */
  stateFlags: z.array(z.string().min(1)),
  activeDevices: nullableCount,
  workingDevices: nullableCount,
  failedDevices: nullableCount,
  spareDevices: nullableCount,
  layout: text, // Raw layout (`left-symmetric`, `near=2`, `-unknown-`).
  chunkSizeKb: nullableCount,
  roundingKb: nullableCount,
  consistencyPolicy: text,
  rebuildStatusPercent: percent,
  resyncStatusPercent: percent,
  reshapeStatusPercent: percent,
  checkStatusPercent: percent,
  name: text,
  localToHost: text, // `(local to host X)` after Name or UUID.
  uuid: text,
  events: nullableCount, // Event counter; 0.90 prints `hi.lo`, folded to hi * 2^32 + lo.
  eventsRaw: text,
  containerGuid: text, // DDF containers and members.
  memberArrays: z.array(z.string().min(1)),
  reshapeActive: z.boolean().nullable(), // --export `MD_RESHAPE_ACTIVE`.
  devices: z.array(MdadmDetailDeviceSchema),
  /** Every other `Key : value` (or `MD_KEY=value`) line, as printed. */
  otherFields: z.record(z.string(), z.string()),
});
export type MdadmDetail = z.infer<typeof MdadmDetailSchema>;

export const MdadmScanEntrySchema = z.object({
  /** The device after ARRAY; null for `ARRAY metadata=ddf UUID=…` lines that name none. */
  device: text,
  inactive: z.boolean(), // `INACTIVE-ARRAY` lines.
  metadata: text,
  level: text,
  numDevices: nullableCount,
  name: text,
  uuid: text,
  container: text,
  member: text,
  spares: nullableCount,
  bitmap: text,
  devices: z.array(z.string().min(1)), // From the `devices=` continuation line (`--verbose`).
  otherFields: z.record(z.string(), z.string()),
});
export type MdadmScanEntry = z.infer<typeof MdadmScanEntrySchema>;

export const MdadmScanSchema = z.array(MdadmScanEntrySchema);

// mdadm --examine <member>
export const MdadmExamineSlotSchema = z.enum(["active", "missing", "replacing", "unknown"]);
export type MdadmExamineSlot = z.infer<typeof MdadmExamineSlotSchema>;

/** A row of the 0.90 device table (`this` row or a numbered row). */
export const MdadmExamineDeviceRowSchema = z.object({
  index: nullableCount, // Leftmost column; null for the `this` row.
  number: count,
  major: count,
  minor: count,
  raidDevice: count,
  stateFlags: z.array(z.string().min(1)),
  device: text,
});
export type MdadmExamineDeviceRow = z.infer<typeof MdadmExamineDeviceRowSchema>;

export const MdadmDdfVirtualDiskSchema = z.object({
  index: count,
  guid: text,
  unit: nullableCount,
  state: text,
  initState: text,
  access: text,
  name: text,
  raidDevices: nullableCount,
  raidLevel: text,
  chunkSizeSectors: nullableCount,
  deviceSizeKb: nullableCount,
  arraySizeKb: nullableCount,
});
export type MdadmDdfVirtualDisk = z.infer<typeof MdadmDdfVirtualDiskSchema>;

export const MdadmDdfPhysicalDiskSchema = z.object({
  number: count,
  refNo: z.string().min(1),
  sizeKb: count,
  device: text, // Null when the disk is not present on this host.
  type: z.string(), // `active`, `Global-Spare`, `spare`, …
  state: z.string(), // `Online`, `Offline, Failed`, `Online, Rebuilding`, …
});
export type MdadmDdfPhysicalDisk = z.infer<typeof MdadmDdfPhysicalDiskSchema>;

export const MdadmDdfSchema = z.object({
  controllerGuid: text,
  containerGuid: text,
  seq: text,
  redundantHeader: z.boolean().nullable(),
  virtualDiskCount: nullableCount,
  virtualDisks: z.array(MdadmDdfVirtualDiskSchema),
  physicalDiskCount: nullableCount,
  physicalDisks: z.array(MdadmDdfPhysicalDiskSchema),
});
export type MdadmDdf = z.infer<typeof MdadmDdfSchema>;

export const MdadmExamineSchema = z.object({
  device: text, // The `/dev/sda1:` heading.
  magic: z.string(),
  version: text,
  featureMap: text,
  arrayUuid: text, // `Array UUID` (1.x) or `UUID` (0.90, imsm).
  name: text,
  localToHost: text,
  creationTime: text,
  raidLevel: text,
  raidDevices: nullableCount,
  totalDevices: nullableCount,
  preferredMinor: nullableCount,
  availDevSizeSectors: nullableCount,
  usedDevSizeSectors: nullableCount,
  arraySizeKb: nullableCount,
  dataOffsetSectors: nullableCount,
  superOffsetSectors: nullableCount,
  recoveryOffsetSectors: nullableCount,
  state: text,
  deviceUuid: text,
  flags: z.array(z.string().min(1)), // Per-device flags: `write-mostly`, `failfast`.
  internalBitmap: text,
  updateTime: text,
  badBlockLog: text,
  badBlocksPresent: z.boolean(),
  checksum: text,
  checksumCorrect: z.boolean().nullable(),
  checksumExpected: text, // What mdadm computed when the stored checksum is wrong.
  events: nullableCount,
  eventsRaw: text,
  layout: text,
  chunkSizeKb: nullableCount,
  roundingKb: nullableCount,
  /**
   * 1.x `Device Role`: the slot number for `Active device N`, otherwise `spare`, `replacement`
   * (slot in deviceRoleSlot) or `journal`. For 0.90 it is derived from the `this` row, where a
   * faulty device is also possible. Null when not reported.
   */
  deviceRole: z.union([count, z.enum(["spare", "replacement", "journal", "faulty"])]).nullable(),
  deviceRoleSlot: nullableCount,
  deviceRoleRaw: text,
  arrayState: text, // Raw `AA.R` string from `Array State`.
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

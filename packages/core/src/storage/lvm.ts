import { z } from "zod";

/**
 * LVM2 state from `pvs`/`vgs`/`lvs --reportformat json` (or a combined `lvm fullreport`) and from
 * the text metadata that `vgcfgbackup` writes. Sizes are bytes; `null` = column not reported.
 */

export const LvmPvSchema = z.object({
  pvName: z.string(),
  /** null when the PV belongs to no VG. */
  vgName: z.string().nullable(),
  pvUuid: z.string().nullable(),
  vgUuid: z.string().nullable(),
  pvFmt: z.string().nullable(),
  pvAttr: z.string().nullable(),
  pvSize: z.number().nullable(),
  pvFree: z.number().nullable(),
  devSize: z.number().nullable(),
  peStart: z.number().nullable(),
  peCount: z.number().int().nullable(),
  peAllocCount: z.number().int().nullable(),
  /** pv_attr[0] == "a". */
  isAllocatable: z.boolean().nullable(),
  /** pv_attr[1] == "e": the PV's VG is exported (moved out of this host's view). */
  isExported: z.boolean().nullable(),
  /** pv_attr[2] == "m": LVM cannot find this PV; its VG is partial. */
  isMissing: z.boolean().nullable(),
});
export type LvmPv = z.infer<typeof LvmPvSchema>;

export const LvmVgSchema = z.object({
  vgName: z.string(),
  vgUuid: z.string().nullable(),
  vgAttr: z.string().nullable(),
  /** vg_size, or vg_extent_size × vg_extent_count when only the extent columns were asked. */
  vgSize: z.number().nullable(),
  vgFree: z.number().nullable(),
  extentSize: z.number().nullable(),
  extentCount: z.number().int().nullable(),
  freeCount: z.number().int().nullable(),
  pvCount: z.number().int().nullable(),
  missingPvCount: z.number().int().nullable(),
  lvCount: z.number().int().nullable(),
  snapCount: z.number().int().nullable(),
  seqno: z.number().int().nullable(),
  /** vg_attr[3] == "p": one or more PVs are missing. */
  isPartial: z.boolean().nullable(),
  isExported: z.boolean().nullable(),
  /** vg_attr[0] == "r". */
  isReadOnly: z.boolean().nullable(),
});
export type LvmVg = z.infer<typeof LvmVgSchema>;

export const LvmLvDeviceSchema = z.object({
  /** A PV path ("/dev/md1") or, for RAID/mirror/thin, a sub-LV name ("root_rimage_0"). */
  path: z.string(),
  startExtent: z.number().int().nullable(),
});
export type LvmLvDevice = z.infer<typeof LvmLvDeviceSchema>;

export const LvmLvSchema = z.object({
  /** Without the [brackets] lvs puts around hidden LVs. */
  lvName: z.string(),
  vgName: z.string().nullable(),
  lvUuid: z.string().nullable(),
  lvAttr: z.string().nullable(),
  lvRole: z.string().nullable(),
  lvSize: z.number().nullable(),
  isHidden: z.boolean(),
  poolLv: z.string().nullable(),
  origin: z.string().nullable(),
  dataLv: z.string().nullable(),
  metadataLv: z.string().nullable(),
  segtype: z.string().nullable(),
  stripes: z.number().int().nullable(),
  stripeSize: z.number().nullable(),
  chunkSize: z.number().nullable(),
  devices: z.array(LvmLvDeviceSchema),
  /** Rows merged into this LV: lvs prints one row per segment when segment columns are asked. */
  segmentCount: z.number().int(),
  dataPercent: z.number().nullable(),
  metadataPercent: z.number().nullable(),
  /** copy_percent = sync_percent: RAID/mirror resync progress. */
  copyPercent: z.number().nullable(),
  /** lv_health_status: "", "partial", "refresh needed", "mismatches exist", … */
  healthStatus: z.string().nullable(),
  /** lv_attr[4] == "a". */
  isActive: z.boolean().nullable(),
  /** lv_attr[5] == "o". */
  isOpen: z.boolean().nullable(),
  /** lv_attr[8] decoded: partial, refresh-needed, mismatches, failed, out-of-data-space, … */
  volumeHealth: z.string().nullable(),
});
export type LvmLv = z.infer<typeof LvmLvSchema>;

export const LvmReportSchema = z.object({
  pvs: z.array(LvmPvSchema),
  vgs: z.array(LvmVgSchema),
  lvs: z.array(LvmLvSchema),
  /** True when some size came with a unit ("<931.51g") and was converted, so it is rounded. */
  hasApproximateSizes: z.boolean(),
});
export type LvmReport = z.infer<typeof LvmReportSchema>;

export const VgMetadataStripeSchema = z.object({
  /** "pv0" (a physical_volumes key) or an LV name for layered segments. */
  pv: z.string(),
  startExtent: z.number().int(),
});
export type VgMetadataStripe = z.infer<typeof VgMetadataStripeSchema>;

export const VgMetadataSegmentSchema = z.object({
  name: z.string(),
  startExtent: z.number().int().nullable(),
  extentCount: z.number().int().nullable(),
  /** striped (linear is striped with one stripe), raid1, mirror, thin-pool, thin, cache, … */
  type: z.string().nullable(),
  stripeCount: z.number().int().nullable(),
  stripeSizeSectors: z.number().int().nullable(),
  stripes: z.array(VgMetadataStripeSchema),
  /** raid/mirror images and metadata sub-LVs ("raids = [...]", "mirrors = [...]"). */
  subLvs: z.array(z.string()),
  thinPool: z.string().nullable(),
});
export type VgMetadataSegment = z.infer<typeof VgMetadataSegmentSchema>;

export const VgMetadataPvSchema = z.object({
  key: z.string(),
  id: z.string().nullable(),
  /** `device = "/dev/md1"  # Hint only`: where the PV was last seen, not a guarantee. */
  deviceHint: z.string().nullable(),
  status: z.array(z.string()),
  flags: z.array(z.string()),
  /** flags contains MISSING: the PV was absent when this metadata was written. */
  isMissing: z.boolean(),
  devSizeSectors: z.number().int().nullable(),
  peStart: z.number().int().nullable(),
  peCount: z.number().int().nullable(),
});
export type VgMetadataPv = z.infer<typeof VgMetadataPvSchema>;

export const VgMetadataLvSchema = z.object({
  name: z.string(),
  id: z.string().nullable(),
  status: z.array(z.string()),
  flags: z.array(z.string()),
  isVisible: z.boolean(),
  creationHost: z.string().nullable(),
  creationTime: z.number().int().nullable(),
  segmentCount: z.number().int().nullable(),
  segments: z.array(VgMetadataSegmentSchema),
});
export type VgMetadataLv = z.infer<typeof VgMetadataLvSchema>;

export const VgMetadataSchema = z.object({
  vgName: z.string(),
  vgId: z.string().nullable(),
  seqno: z.number().int().nullable(),
  format: z.string().nullable(),
  status: z.array(z.string()),
  flags: z.array(z.string()),
  /** In 512-byte sectors (8192 = 4 MiB). */
  extentSizeSectors: z.number().int().nullable(),
  description: z.string().nullable(),
  creationHost: z.string().nullable(),
  /** Unix epoch seconds, as written by LVM (the text after `#` is only a comment). */
  creationTime: z.number().int().nullable(),
  pvs: z.array(VgMetadataPvSchema),
  lvs: z.array(VgMetadataLvSchema),
});
export type VgMetadata = z.infer<typeof VgMetadataSchema>;

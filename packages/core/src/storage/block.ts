import { z } from "zod";

/**
 * Block-device topology from `lsblk` (JSON or the text tree) and loop devices from `losetup`.
 * lsblk's JSON changed shape across util-linux versions (strings vs booleans vs numbers,
 * `mountpoint` vs `mountpoints`); these schemas are the normalised form. `null` = not reported.
 */

export const LsblkDeviceSchema = z.object({
  name: z.string(),
  kname: z.string().nullable(),
  path: z.string().nullable(),
  /** "8:0" */
  majMin: z.string().nullable(),
  /** disk, part, lvm, raid1, raid5, md, crypt, loop, rom, mpath, … (lsblk TYPE, verbatim) */
  type: z.string().nullable(),
  /** Exact size, only when lsblk printed bytes (`-b`, or a numeric JSON size). */
  sizeBytes: z.number().nullable(),
  /** Human size as lsblk printed it ("223.6G"), when it was not in bytes. */
  sizeText: z.string().nullable(),
  serial: z.string().nullable(),
  /** As lsblk prints it: "0x5000c500a1b2c3d4" for SATA/SAS, "eui.…" for NVMe. */
  wwn: z.string().nullable(),
  model: z.string().nullable(),
  vendor: z.string().nullable(),
  /** sata, sas, nvme, usb, spi, ata, iscsi, … */
  transport: z.string().nullable(),
  hctl: z.string().nullable(),
  fstype: z.string().nullable(),
  label: z.string().nullable(),
  uuid: z.string().nullable(),
  /** Every mount point ("[SWAP]" for active swap); empty when unmounted or not reported. */
  mountpoints: z.array(z.string()),
  readOnly: z.boolean().nullable(),
  removable: z.boolean().nullable(),
  rotational: z.boolean().nullable(),
  state: z.string().nullable(),
  /** Parent kernel name, as lsblk reports it. */
  pkname: z.string().nullable(),
  /** lsblk repeats a child under every parent (an md array under each member partition). */
  get children() {
    return z.array(LsblkDeviceSchema);
  },
});
export type LsblkDevice = z.infer<typeof LsblkDeviceSchema>;

export const LsblkReportSchema = z.object({
  /** Which lsblk output the report came from. */
  format: z.enum(["json", "text"]),
  devices: z.array(LsblkDeviceSchema),
});
export type LsblkReport = z.infer<typeof LsblkReportSchema>;

/** One loop device from `losetup --list` (text or `--json`). */
export const LoopDeviceSchema = z.object({
  /** "/dev/loop0" */
  name: z.string(),
  /** Backing file without the " (deleted)" marker the kernel appends. */
  backFile: z.string().nullable(),
  /** The backing file was unlinked while still attached: space is not freed until detach. */
  backFileDeleted: z.boolean(),
  offset: z.number().nullable(),
  /** 0 = no limit (whole file). */
  sizeLimit: z.number().nullable(),
  autoclear: z.boolean().nullable(),
  readOnly: z.boolean().nullable(),
  directIo: z.boolean().nullable(),
  logicalSectorSize: z.number().int().nullable(),
});
export type LoopDevice = z.infer<typeof LoopDeviceSchema>;

export const LoopDeviceListSchema = z.array(LoopDeviceSchema);

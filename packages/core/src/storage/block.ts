import { z } from "zod";

/**
 * Block-device topology from `lsblk` (JSON or the text tree) and loop devices from `losetup`.
 * lsblk's JSON changed shape across util-linux versions (strings vs booleans vs numbers,
 * `mountpoint` vs `mountpoints`); these schemas are the normalised form. `null` = not reported.
 */

export type LsblkDevice = {
  name: string;
  kname: string | null;
  path: string | null;
  /** "8:0" */
  majMin: string | null;
  /** disk, part, lvm, raid1, raid5, md, crypt, loop, rom, mpath, … (lsblk TYPE, kept verbatim) */
  type: string | null;
  /** Exact size, only when lsblk printed bytes (`-b`, or a numeric JSON size). */
  sizeBytes: number | null;
  /** Human size as lsblk printed it ("223.6G"), when it was not in bytes. */
  sizeText: string | null;
  serial: string | null;
  /** As lsblk prints it: "0x5000c500a1b2c3d4" for SATA/SAS, "eui.…" for NVMe. */
  wwn: string | null;
  model: string | null;
  vendor: string | null;
  /** sata, sas, nvme, usb, spi, ata, iscsi, … */
  transport: string | null;
  hctl: string | null;
  fstype: string | null;
  label: string | null;
  uuid: string | null;
  /** Every mount point ("[SWAP]" for active swap); empty when not mounted or not reported. */
  mountpoints: string[];
  readOnly: boolean | null;
  removable: boolean | null;
  rotational: boolean | null;
  state: string | null;
  /** Parent kernel name, as lsblk reports it. */
  pkname: string | null;
  /** lsblk repeats a child under every parent (an md array under each member partition). */
  children: LsblkDevice[];
};

export const LsblkDeviceSchema: z.ZodType<LsblkDevice> = z.object({
  name: z.string(),
  kname: z.string().nullable(),
  path: z.string().nullable(),
  majMin: z.string().nullable(),
  type: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  sizeText: z.string().nullable(),
  serial: z.string().nullable(),
  wwn: z.string().nullable(),
  model: z.string().nullable(),
  vendor: z.string().nullable(),
  transport: z.string().nullable(),
  hctl: z.string().nullable(),
  fstype: z.string().nullable(),
  label: z.string().nullable(),
  uuid: z.string().nullable(),
  mountpoints: z.array(z.string()),
  readOnly: z.boolean().nullable(),
  removable: z.boolean().nullable(),
  rotational: z.boolean().nullable(),
  state: z.string().nullable(),
  pkname: z.string().nullable(),
  get children() {
    return z.array(LsblkDeviceSchema);
  },
});

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

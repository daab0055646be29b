/**
 * Kernel block device names (Documentation/admin-guide/devices.txt and the drivers' naming code):
 * SCSI/SATA disks, virtio, Xen, IDE, NVMe (incl. multipath controller paths), md (numbered,
 * partitionable `md_d0` and `names=yes` arrays), device-mapper, loop, optical, MMC, network and
 * memory-backed devices. A trailing number is a partition. One alternation, unanchored, for the
 * collector's command validation and the runbooks' variable kinds alike.
 */
export const BLOCK_DEVICE_NAME_ALTERNATION = [
  "(?:sd|vd|xvd)[a-z]{1,4}[0-9]{0,3}",
  "hd[a-z][0-9]{0,3}",
  "nvme[0-9]{1,3}(?:c[0-9]{1,3})?n[0-9]{1,4}(?:p[0-9]{1,3})?",
  "md[0-9]{1,4}(?:p[0-9]{1,3})?",
  "md_[A-Za-z0-9_]{1,28}",
  "dm-[0-9]{1,5}",
  "loop[0-9]{1,5}(?:p[0-9]{1,3})?",
  "sr[0-9]{1,3}",
  "mmcblk[0-9]{1,3}(?:p[0-9]{1,3}|boot[0-9])?",
  "(?:nbd|rbd)[0-9]{1,4}(?:p[0-9]{1,3})?",
  "(?:drbd|bcache|zram)[0-9]{1,5}",
  "pmem[0-9]{1,3}(?:s|p[0-9]{1,3})?",
].join("|");

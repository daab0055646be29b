/*
 * Classifies one kernel (or storage daemon) log message into a KernelEvent. The message is the
 * text after any timestamp, host and syslog tag, e.g.
 *
 *   md/raid1:md0: Disk failure on sdb1, disabling device.
 *   XFS (dm-3): Filesystem has been shut down due to log error (0x2).
 *   nfs: server fs1 not responding, still trying
 *   blk_update_request: I/O error, dev sdb, sector 12345 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
 *
 * Sources: drivers/md/{md,raid1,raid5,raid10}.c, fs/xfs/xfs_{fsops,log,buf,message}.c,
 * fs/nfs/client.c + net/sunrpc/clnt.c, block/blk-core.c, drivers/ata/libata-eh.c,
 * kernel/dma/swiotlb.c, mdadm Monitor.c. Wording checked against kernels 2.6.18 – 6.x.
 */
import type { KernelEvent } from "@holmes/core";
import { classifyAta, classifyBlockAnywhere, classifyBlockPrefixed } from "./kmsg-block";
import { classifyMd, classifyMdadm } from "./kmsg-md";
import { classifyFs, classifyStaleHandle } from "./kmsg-storage";

/**
 * The first character picks the few families that can match, so the common case (a line that
 * is no event) costs a switch plus a handful of substring checks.
 */
export function classifyKernelMessage(message: string): KernelEvent | null {
  let event: KernelEvent | null = null;
  switch (message.charCodeAt(0)) {
    case 109: // m
    case 114: // r
      event = classifyMd(message);
      break;
    case 88: // X
    case 120: // x
    case 70: // F
    case 69: // E
    case 110: // n
    case 108: // l
      event = classifyFs(message);
      break;
    case 97: // a
      event = classifyAta(message);
      break;
    case 80: // P: PCI-DMA, or a bare XFS "Please umount"
      event = classifyBlockPrefixed(message) ?? classifyFs(message);
      break;
    default:
      event = classifyBlockPrefixed(message);
  }
  return event ?? classifyAnywhere(message);
}

/** Messages whose telling words follow a driver/device prefix of any shape. */
function classifyAnywhere(message: string): KernelEvent | null {
  // One scan rules out the common case before any of the specific searches below.
  if (!ANYWHERE.test(message)) return null;
  if (message.includes(" event detected on md device ")) return classifyMdadm(message);
  if (STALE.test(message)) return classifyStaleHandle(message);
  return classifyBlockAnywhere(message);
}

const ANYWHERE =
  /event detected on md device|tale (?:NFS )?file handle|ESTALE|, dev |Sense Key|offline device|swiotlb buffer/;
const STALE = /tale (?:NFS )?file handle|ESTALE/;

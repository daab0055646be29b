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
import {
  type BlockPhrases,
  classifyAta,
  classifyBlockAnywhere,
  classifyBlockPrefixed,
} from "./kmsg-block";
import { classifyMd, classifyMdadm } from "./kmsg-md";
import { classifyExt4, classifyNfs, classifyStaleHandle, classifyXfs } from "./kmsg-storage";

/**
 * The first character picks the few families that can match, so the common case (a line that
 * is no event) costs a switch plus one regex scan for the phrases that may sit anywhere.
 */
export function classifyKernelMessage(message: string): KernelEvent | null {
  let event: KernelEvent | null = null;
  switch (message.charCodeAt(0)) {
    case 109: // m
    case 114: // r
      event = classifyMd(message);
      break;
    case 88: // X
    case 70: // F
    case 120: // x
      event = classifyXfs(message);
      break;
    case 69: // E
      event = classifyExt4(message);
      break;
    case 110: // n
    case 108: // l
      event = classifyNfs(message);
      break;
    case 97: // a
      event = classifyAta(message);
      break;
    case 80: // P: PCI-DMA, or a bare XFS "Please umount"
      event = classifyBlockPrefixed(message) ?? classifyXfs(message);
      break;
    default:
      event = classifyBlockPrefixed(message);
  }
  return event ?? classifyAnywhere(message);
}

/** Messages whose telling words follow a driver/device prefix of any shape. */
function classifyAnywhere(message: string): KernelEvent | null {
  const phrases = findPhrases(message);
  if (phrases === null) return null;
  // The mdadm phrase wins wherever it is in the line, then a stale handle, then block trouble.
  if (phrases.mdadm !== -1) return classifyMdadm(message, phrases.mdadm);
  if (phrases.stale !== -1) return classifyStaleHandle(message);
  return classifyBlockAnywhere(message, phrases);
}

/** Where each telling phrase first occurs in a message; -1 where it does not. */
type Phrases = BlockPhrases & { mdadm: number; stale: number };

/**
 * Every phrase classifyAnywhere looks for, one group per kind. Global, so that one regex walks
 * the line once for all of them instead of a search per phrase (its lastIndex is set before use).
 */
const PHRASES =
  /( event detected on md device )|(tale (?:NFS )?file handle|ESTALE)|(, dev )|(Sense Key : )|(rejecting I\/O to offline device)|(swiotlb buffer is full)/g;

/** One scan for all the phrases; null, with nothing allocated, for the usual line with none. */
function findPhrases(message: string): Phrases | null {
  PHRASES.lastIndex = 0;
  let match = PHRASES.exec(message);
  if (match === null) return null;
  const found = { mdadm: -1, stale: -1, dev: -1, senseKey: -1, offline: -1, swiotlb: -1 };
  for (; match !== null; match = PHRASES.exec(message)) {
    const at = match.index;
    if (match[1] !== undefined) {
      // The first mdadm phrase decides the line whatever else it holds: no need to look on.
      found.mdadm = at;
      break;
    }
    if (match[2] !== undefined && found.stale === -1) found.stale = at;
    else if (match[3] !== undefined && found.dev === -1) found.dev = at;
    else if (match[4] !== undefined && found.senseKey === -1) found.senseKey = at;
    else if (match[5] !== undefined && found.offline === -1) found.offline = at;
    else if (match[6] !== undefined && found.swiotlb === -1) found.swiotlb = at;
    // Phrases can overlap (", dev " ends with the space " event…" starts with): go on from the
    // next character, not from the end of the match. No two phrases start with the same one.
    PHRASES.lastIndex = at + 1;
  }
  return found;
}

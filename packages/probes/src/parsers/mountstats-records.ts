/*
 * The positional `events:` and `bytes:` counters of /proc/self/mountstats as named records, in
 * the order of MOUNTSTATS_EVENT_NAMES and MOUNTSTATS_BYTE_NAMES (@holmes/core; the test beside
 * this file holds the two lists and these records to the same order). Older kernels print fewer
 * counters, so the missing tail reads null.
 *
 * Written out as literals on purpose: adding 27 keys one by one from a names array (`out[name] =`)
 * is a chain of computed stores that V8 runs about fifty times slower than one object literal,
 * and every NFS mount of every snapshot builds both records.
 */
import type { MountstatsBytes, MountstatsCounter, MountstatsEvents } from "@holmes/core";

export function mountstatsEvents(values: readonly MountstatsCounter[]): MountstatsEvents {
  return {
    inodeRevalidates: values[0] ?? null,
    dentryRevalidates: values[1] ?? null,
    dataInvalidates: values[2] ?? null,
    attrInvalidates: values[3] ?? null,
    vfsOpen: values[4] ?? null,
    vfsLookup: values[5] ?? null,
    vfsAccess: values[6] ?? null,
    vfsUpdatePage: values[7] ?? null,
    vfsReadPage: values[8] ?? null,
    vfsReadPages: values[9] ?? null,
    vfsWritePage: values[10] ?? null,
    vfsWritePages: values[11] ?? null,
    vfsReaddir: values[12] ?? null,
    vfsSetattr: values[13] ?? null,
    vfsFlush: values[14] ?? null,
    vfsFsync: values[15] ?? null,
    vfsLock: values[16] ?? null,
    vfsRelease: values[17] ?? null,
    congestionWait: values[18] ?? null,
    setattrTrunc: values[19] ?? null,
    extendWrite: values[20] ?? null,
    sillyRenames: values[21] ?? null,
    shortReads: values[22] ?? null,
    shortWrites: values[23] ?? null,
    jukeboxDelays: values[24] ?? null,
    pnfsReads: values[25] ?? null,
    pnfsWrites: values[26] ?? null,
  };
}

export function mountstatsBytes(values: readonly MountstatsCounter[]): MountstatsBytes {
  return {
    normalReadBytes: values[0] ?? null,
    normalWriteBytes: values[1] ?? null,
    directReadBytes: values[2] ?? null,
    directWriteBytes: values[3] ?? null,
    serverReadBytes: values[4] ?? null,
    serverWriteBytes: values[5] ?? null,
    readPages: values[6] ?? null,
    writePages: values[7] ?? null,
  };
}

import { z } from "zod";

/**
 * Mount tables (findmnt, /proc/self/mountinfo, /proc/mounts), NFS mount options and
 * /proc/self/mountstats. Every key is always present; `null` means "not reported by this input".
 */

/** Generic `key=value,flag` mount option list; a bare flag maps to `true`. */
export const MountOptionMapSchema = z.record(z.string(), z.union([z.string(), z.literal(true)]));
export type MountOptionMap = z.infer<typeof MountOptionMapSchema>;

/**
 * NFS client options as the kernel reports them (nfs(5)). `hard` defaults to true when neither
 * `hard`, `soft` nor `softerr` appears, because that is the kernel default; `cto` and `lock`
 * default to true for the same reason. `timeo` is in deciseconds, the ac* values in seconds.
 */
export const NfsMountOptionsSchema = z.object({
  vers: z.string().nullable(),
  proto: z.string().nullable(),
  hard: z.boolean(),
  soft: z.boolean(),
  softerr: z.boolean(),
  timeo: z.number().int().nonnegative().nullable(),
  retrans: z.number().int().nonnegative().nullable(),
  rsize: z.number().int().nonnegative().nullable(),
  wsize: z.number().int().nonnegative().nullable(),
  acregmin: z.number().int().nonnegative().nullable(),
  acregmax: z.number().int().nonnegative().nullable(),
  acdirmin: z.number().int().nonnegative().nullable(),
  acdirmax: z.number().int().nonnegative().nullable(),
  actimeo: z.number().int().nonnegative().nullable(),
  noac: z.boolean(),
  cto: z.boolean(),
  lock: z.boolean(),
  /** `intr`/`nointr`; ignored by kernels since 2.6.25, so usually absent (null). */
  intr: z.boolean().nullable(),
  sec: z.string().nullable(),
  port: z.number().int().nonnegative().nullable(),
  mountaddr: z.string().nullable(),
  addr: z.string().nullable(),
  clientaddr: z.string().nullable(),
  /** `ro` → true, `rw` → false, neither → null. */
  readOnly: z.boolean().nullable(),
  /** Every option not typed above (nconnect, namlen, local_lock, …), in input order. */
  other: MountOptionMapSchema,
});
export type NfsMountOptions = z.infer<typeof NfsMountOptionsSchema>;

/** One mounted filesystem, from findmnt or /proc/self/mountinfo or /proc/mounts. */
export const MountEntrySchema = z.object({
  /** Mount source (device, `server:/export`, pseudo-fs name); null when findmnt printed none. */
  source: z.string().nullable(),
  target: z.string(),
  fstype: z.string(),
  /** Per-mount options as printed (mountinfo field 6; findmnt/proc-mounts: all options). */
  options: z.string(),
  /** Superblock options (mountinfo only). */
  superOptions: z.string().nullable(),
  /** True when the mount or its superblock is read-only; null when neither says rw/ro. */
  readOnly: z.boolean().nullable(),
  mountId: z.number().int().nonnegative().nullable(),
  parentId: z.number().int().nonnegative().nullable(),
  major: z.number().int().nonnegative().nullable(),
  minor: z.number().int().nonnegative().nullable(),
  /** Root of the mount inside its filesystem (bind mounts; findmnt's `SOURCE[/root]`). */
  root: z.string().nullable(),
  /** mountinfo optional fields such as `shared:8`, `master:3`. */
  optionalFields: z.array(z.string()),
  /** Target of the parent mount (findmnt tree/JSON nesting, or mountinfo parent id). */
  parentTarget: z.string().nullable(),
  /** The kernel appended `\040(deleted)`: the mount point or source no longer exists. */
  deleted: z.boolean(),
  /** Only for fstype nfs/nfs4: per-mount and superblock options merged. */
  nfs: NfsMountOptionsSchema.nullable(),
  nfsServer: z.string().nullable(),
  nfsExport: z.string().nullable(),
});
export type MountEntry = z.infer<typeof MountEntrySchema>;

/**
 * A kernel counter. The kernel prints u64 values; they stay a JS number while exact
 * (≤ Number.MAX_SAFE_INTEGER) and become a decimal string beyond that, so nothing is rounded.
 * Strings show up for wrapped "negative" values such as 18446743919241604546.
 */
export const MountstatsCounterSchema = z.union([
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^\d+$/),
]);
export type MountstatsCounter = z.infer<typeof MountstatsCounterSchema>;

const counter = MountstatsCounterSchema.nullable();

/** `events:` line, names after nfs-utils mountstats.py; older kernels print fewer (null). */
export const MOUNTSTATS_EVENT_NAMES = [
  "inodeRevalidates",
  "dentryRevalidates",
  "dataInvalidates",
  "attrInvalidates",
  "vfsOpen",
  "vfsLookup",
  "vfsAccess",
  "vfsUpdatePage",
  "vfsReadPage",
  "vfsReadPages",
  "vfsWritePage",
  "vfsWritePages",
  "vfsReaddir",
  "vfsSetattr",
  "vfsFlush",
  "vfsFsync",
  "vfsLock",
  "vfsRelease",
  "congestionWait",
  "setattrTrunc",
  "extendWrite",
  "sillyRenames",
  "shortReads",
  "shortWrites",
  "jukeboxDelays",
  "pnfsReads",
  "pnfsWrites",
] as const;

/** `bytes:` line: application bytes, bytes on the wire, and pages via mmap. */
export const MOUNTSTATS_BYTE_NAMES = [
  "normalReadBytes",
  "normalWriteBytes",
  "directReadBytes",
  "directWriteBytes",
  "serverReadBytes",
  "serverWriteBytes",
  "readPages",
  "writePages",
] as const;

/** RDMA-only `xprt:` fields after the 10 generic ones (net/sunrpc/xprtrdma/transport.c). */
export const MOUNTSTATS_RDMA_NAMES = [
  "readChunkCount",
  "writeChunkCount",
  "replyChunkCount",
  "totalRdmaRequest",
  "totalRdmaReply",
  "pullupCopyCount",
  "fixupCopyCount",
  "hardwayRegisterCount",
  "failedMarshalCount",
  "badReplyCount",
  "nomsgCallCount",
  "mrsRecycled",
  "mrsOrphaned",
  "mrsAllocated",
  "localInvNeeded",
  "emptySendctxQ",
  "replyWaitsForSend",
] as const;

function counterObject<const K extends readonly string[]>(names: K) {
  const shape = {} as Record<K[number], typeof counter>;
  for (const name of names) shape[name as K[number]] = counter;
  return z.object(shape);
}

export const MountstatsEventsSchema = counterObject(MOUNTSTATS_EVENT_NAMES);
export type MountstatsEvents = z.infer<typeof MountstatsEventsSchema>;
export const MountstatsBytesSchema = counterObject(MOUNTSTATS_BYTE_NAMES);
export type MountstatsBytes = z.infer<typeof MountstatsBytesSchema>;
export const MountstatsRdmaCountersSchema = counterObject(MOUNTSTATS_RDMA_NAMES);
export type MountstatsRdmaCounters = z.infer<typeof MountstatsRdmaCountersSchema>;

/**
 * One `xprt:` line. Which fields exist depends on the transport and statvers: udp has no
 * connect fields, `local` has no source port, statvers 1.0 lacks maxSlots/sendingU/pendingU.
 * `connectTime` is seconds on current kernels but raw jiffies on some older ones.
 */
export const MountstatsTransportSchema = z.object({
  protocol: z.string(),
  srcPort: counter,
  bindCount: counter,
  connectCount: counter,
  connectTime: counter,
  idleTimeSeconds: counter,
  sends: counter,
  recvs: counter,
  badXids: counter,
  /** Cumulative sum of outstanding requests sampled at each send (avg = reqU / sends). */
  reqU: counter,
  backlogU: counter,
  maxSlots: counter,
  sendingU: counter,
  pendingU: counter,
  rdma: MountstatsRdmaCountersSchema.nullable(),
  /**
   * Derived from per-op stats (Σ transmissions − ops) when the mount has exactly one transport;
   * null with nconnect>1, where retransmissions cannot be attributed to one connection.
   */
  retransmissions: counter,
});
export type MountstatsTransport = z.infer<typeof MountstatsTransportSchema>;

/** One per-op line: `OP: ops trans timeouts bytes_sent bytes_recv queue rtt execute [errors]`. */
export const MountstatsOperationSchema = z.object({
  name: z.string(),
  ops: MountstatsCounterSchema,
  transmissions: MountstatsCounterSchema,
  timeouts: MountstatsCounterSchema,
  bytesSent: MountstatsCounterSchema,
  bytesReceived: MountstatsCounterSchema,
  queueMs: MountstatsCounterSchema,
  rttMs: MountstatsCounterSchema,
  executeMs: MountstatsCounterSchema,
  /** Only printed by kernels ≥ 5.x (statvers 1.1 with the errors column). */
  errors: counter,
});
export type MountstatsOperation = z.infer<typeof MountstatsOperationSchema>;

/** One `device … mounted on … with fstype …` stanza. NFS-only fields are null otherwise. */
export const MountstatsMountSchema = z.object({
  /** null for the kernel's "no device mounted on …" form. */
  device: z.string().nullable(),
  mountPoint: z.string(),
  fstype: z.string(),
  statVersion: z.string().nullable(),
  ageSeconds: z.number().int().nonnegative().nullable(),
  opts: NfsMountOptionsSchema.nullable(),
  events: MountstatsEventsSchema.nullable(),
  bytes: MountstatsBytesSchema.nullable(),
  rpcStatsVersion: z.string().nullable(),
  transports: z.array(MountstatsTransportSchema).nullable(),
  operations: z.array(MountstatsOperationSchema).nullable(),
  /**
   * Σ over ops of max(0, transmissions − ops), as nfsiostat derives retrans. An op that was
   * never transmitted (interrupted, soft timeout in queue) makes trans < ops; that is not a
   * negative retransmission, so each op contributes at least 0.
   */
  retransmissions: counter,
});
export type MountstatsMount = z.infer<typeof MountstatsMountSchema>;

export const MountstatsReportSchema = z.object({
  mounts: z.array(MountstatsMountSchema),
});
export type MountstatsReport = z.infer<typeof MountstatsReportSchema>;

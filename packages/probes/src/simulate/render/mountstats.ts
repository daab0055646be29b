/**
 * /proc/self/mountstats (fs/nfs/super.c nfs_show_stats, net/sunrpc/stats.c). Every mount gets a
 * `device … mounted on …` line; NFS mounts add their counters. The kernel prints every procedure
 * of the protocol version, used or not, names right-aligned in 12 columns, and leaves a trailing
 * space after each events/bytes value. Kernels from 5.x add a 9th per-op column (errors).
 *
 *   device fs1:/export/home mounted on /mnt/home with fstype nfs4 statvers=1.1
 *   	xprt:	tcp 871 1 1 0 3 4211907 4211866 0 81120333 0 65 190233 76020001
 *   	        READ: 476127 476201 11 68562288 31280808384 91822 3812094 3910233 0
 */
import { kernelMajor } from "../catalog";
import type { HostModel, MountModel, NfsMount, NfsOpStats } from "../model";
import { isLegacyKernel, mountstatsNfsOptions } from "./nfs-options";

const V3_PROCS =
  "NULL GETATTR SETATTR LOOKUP ACCESS READLINK READ WRITE CREATE MKDIR SYMLINK MKNOD REMOVE RMDIR RENAME LINK READDIR READDIRPLUS FSSTAT FSINFO PATHCONF COMMIT".split(
    " ",
  );
const V4_PROCS =
  "NULL READ WRITE COMMIT OPEN OPEN_CONFIRM OPEN_NOATTR OPEN_DOWNGRADE CLOSE SETATTR FSINFO RENEW SETCLIENTID SETCLIENTID_CONFIRM LOCK LOCKT LOCKU ACCESS GETATTR LOOKUP LOOKUP_ROOT REMOVE RENAME LINK SYMLINK CREATE PATHCONF STATFS READLINK READDIR SERVER_CAPS DELEGRETURN GETACL SETACL FS_LOCATIONS RELEASE_LOCKOWNER SECINFO FSID_PRESENT EXCHANGE_ID CREATE_SESSION DESTROY_SESSION SEQUENCE GET_LEASE_TIME RECLAIM_COMPLETE LAYOUTGET GETDEVICEINFO LAYOUTCOMMIT LAYOUTRETURN SECINFO_NO_NAME TEST_STATEID FREE_STATEID GETDEVICELIST BIND_CONN_TO_SESSION DESTROY_CLIENTID SEEK ALLOCATE DEALLOCATE LAYOUTSTATS CLONE COPY OFFLOAD_CANCEL LOOKUPP LAYOUTERROR COPY_NOTIFY".split(
    " ",
  );

export function renderMountstats(host: HostModel, atMs: number): string {
  let out = "";
  for (const mount of host.mounts) {
    const head = `device ${mount.source} mounted on ${mount.target} with fstype ${mount.fstype}`;
    out += mount.nfs ? nfsStanza(host, mount, mount.nfs, atMs) : `${head}\n`;
  }
  return out;
}

function nfsStanza(host: HostModel, mount: MountModel, nfs: NfsMount, atMs: number): string {
  const isLegacy = isLegacyKernel(host.kernel);
  const statvers = isLegacy ? "1.0" : "1.1";
  let out = `device ${mount.source} mounted on ${mount.target} with fstype ${mount.fstype} statvers=${statvers}\n`;
  out += `\topts:\t${mountstatsNfsOptions(nfs, host.kernel)}\n`;
  out += `\tage:\t${Math.max(0, Math.floor((atMs - nfs.mountedAtMs) / 1000))}\n`;
  if (nfs.vers !== "3" && !isLegacy) out += "\timpl_id:\tname='',domain='',date='0,0'\n";
  out += "\tcaps:\tcaps=0x3fff7,wtmult=512,dtsize=1048576,bsize=0,namlen=255\n";
  if (nfs.vers !== "3") {
    out +=
      "\tnfsv4:\tbm0=0xfdffafff,bm1=0xf9be3e,bm2=0x68800,acl=0x3,sessions,pnfs=not configured,lease_time=90,lease_expired=0\n";
  }
  out += "\tsec:\tflavor=1,pseudoflavor=1\n";
  const ops = new Map(nfs.ops.map((op) => [op.name, op]));
  out += `\tevents:\t${events(ops, isLegacy ? 25 : 27)}\n`;
  out += `\tbytes:\t${bytes(ops)}\n`;
  out += `\tRPC iostats version: ${statvers}  p/v: 100003/${nfs.vers === "3" ? 3 : 4} (nfs)\n`;
  out += `\txprt:\t${transport(nfs, isLegacy)}\n\tper-op statistics\n`;
  const hasErrors = kernelMajor(host.kernel) >= 5;
  for (const name of nfs.vers === "3" ? V3_PROCS : V4_PROCS) {
    out += `\t${name.padStart(12, " ")}: ${opColumns(ops.get(name), hasErrors)}\n`;
  }
  return `${out}\n`;
}

function opColumns(op: NfsOpStats | undefined, hasErrors: boolean): string {
  if (!op) return hasErrors ? "0 0 0 0 0 0 0 0 0" : "0 0 0 0 0 0 0 0";
  const cols = [
    op.ops,
    op.transmissions,
    op.timeouts,
    op.bytesSent,
    op.bytesReceived,
    op.queueMs,
    op.rttMs,
    op.executeMs,
  ];
  if (hasErrors) cols.push(op.errors);
  return cols.join(" ");
}

function count(ops: Map<string, NfsOpStats>, name: string): number {
  return ops.get(name)?.ops ?? 0;
}

/** The VFS-level events that correspond to the RPC traffic (nfs_iostat.h order). */
function events(ops: Map<string, NfsOpStats>, length: number): string {
  const getattr = count(ops, "GETATTR");
  const reads = count(ops, "READ");
  const writes = count(ops, "WRITE");
  const values = [
    getattr,
    Math.floor(getattr * 3.5),
    Math.floor(writes / 40),
    Math.floor(getattr / 30),
    Math.floor(getattr / 6),
    count(ops, "LOOKUP"),
    count(ops, "ACCESS"),
    writes,
    0,
    Math.floor(reads / 8),
    0,
    Math.floor(writes / 4),
    Math.floor(getattr / 90),
    count(ops, "SETATTR"),
    Math.floor(getattr / 6),
    Math.floor(writes / 25),
    0,
    Math.floor(getattr / 6),
    0,
    0,
    Math.floor(writes / 3),
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  return values
    .slice(0, length)
    .map((v) => `${v} `)
    .join("");
}

function bytes(ops: Map<string, NfsOpStats>): string {
  const read = ops.get("READ")?.bytesReceived ?? 0;
  const written = ops.get("WRITE")?.bytesSent ?? 0;
  const values = [
    read,
    written,
    0,
    0,
    read,
    written,
    Math.floor(read / 4096),
    Math.floor(written / 4096),
  ];
  return values.map((v) => `${v} `).join("");
}

function transport(nfs: NfsMount, isLegacy: boolean): string {
  let sends = 0;
  let recvs = 0;
  for (const op of nfs.ops) {
    sends += op.transmissions;
    recvs += op.ops - op.timeouts;
  }
  // A failover drops the connection; each retransmission burst reconnects once.
  const connects = 1 + Math.min(9, Math.floor(nfs.extraRetrans / 50));
  const base = [nfs.srcPort, 1, connects, 12, 0, sends, recvs, 0, sends * 3, 0];
  if (isLegacy) return `tcp ${base.join(" ")}`;
  return `tcp ${[...base, 65, Math.floor(sends / 7), sends * 2].join(" ")}`;
}

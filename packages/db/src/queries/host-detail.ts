import { eq, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { hostCollection, hosts } from "../schema";
import { type ArrayDetail, loadArrays } from "./host-detail-arrays";
import {
  type HostFindingDetail,
  type KernelEventDetail,
  loadHostFindings,
  loadKernelEvents,
  loadProblemRuns,
  type ProbeRunSummary,
} from "./host-detail-history";
import { loadVolumeGroups, type VolumeGroupDetail } from "./host-detail-lvm";
import {
  type DiskDetail,
  type LoopDetail,
  loadDisks,
  loadLoopDevices,
  loadMounts,
  type MountDetail,
} from "./host-detail-storage";

export type { ArrayDetail, ArrayMemberDetail } from "./host-detail-arrays";
export type { HostFindingDetail, KernelEventDetail, ProbeRunSummary } from "./host-detail-history";
export type { VolumeGroupDetail } from "./host-detail-lvm";
export type {
  DiskAttribute,
  DiskDetail,
  DiskNvmeHealth,
  LoopDetail,
  MountDetail,
  NfsOptionsDetail,
} from "./host-detail-storage";

export type HostSummary = {
  id: string;
  name: string;
  address: string;
  port: number;
  groups: string[];
  isSimulated: boolean;
  isEnabled: boolean;
  osName: string | null;
  kernelRelease: string | null;
  /** A different host key was presented: polling is paused until an admin decides. */
  isHostKeyChanged: boolean;
  collection: {
    /** ok | partial | unreachable | auth_failed | host_key_changed | timeout | failed | never */
    state: string;
    lastAttemptAt: Date | null;
    lastSuccessAt: Date | null;
    lastErrorAt: Date | null;
    lastErrorCode: string | null;
    lastErrorMessage: string | null;
    lastDurationMs: number | null;
    consecutiveFailures: number;
    nextAttemptAt: Date | null;
    missingTools: string[];
  };
};

/** Everything the host page shows, in one round of queries: current state plus recent history. */
export type HostDetail = {
  summary: HostSummary;
  arrays: ArrayDetail[];
  disks: DiskDetail[];
  mounts: MountDetail[];
  loopDevices: LoopDetail[];
  volumeGroups: VolumeGroupDetail[];
  /** Newest first, at most 100. */
  kernelEvents: KernelEventDetail[];
  /** Recent polls that failed or were only partly read, newest first. */
  problemRuns: ProbeRunSummary[];
  /** Open and acknowledged findings, worst first. */
  findings: HostFindingDetail[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The host named `idOrName`: a UUID matches the id (or, improbably, a name), anything else a name. */
export async function findHostSummary(db: Database, idOrName: string): Promise<HostSummary | null> {
  const match = UUID.test(idOrName)
    ? or(eq(hosts.id, idOrName), eq(hosts.name, idOrName))
    : eq(hosts.name, idOrName);
  const [row] = await db
    .select({
      id: hosts.id,
      name: hosts.name,
      address: hosts.address,
      port: hosts.port,
      groups: hosts.groups,
      isSimulated: hosts.isSimulated,
      isEnabled: hosts.isEnabled,
      presentedHostKey: hosts.presentedHostKey,
      osName: hostCollection.osName,
      kernelRelease: hostCollection.kernelRelease,
      state: sql<string>`coalesce(${hostCollection.state}, 'never')`,
      lastAttemptAt: hostCollection.lastAttemptAt,
      lastSuccessAt: hostCollection.lastSuccessAt,
      lastErrorAt: hostCollection.lastErrorAt,
      lastErrorCode: hostCollection.lastErrorCode,
      lastErrorMessage: hostCollection.lastErrorMessage,
      lastDurationMs: hostCollection.lastDurationMs,
      consecutiveFailures: sql<number>`coalesce(${hostCollection.consecutiveFailures}, 0)`,
      nextAttemptAt: hostCollection.nextAttemptAt,
      missingTools: sql<string[]>`coalesce(${hostCollection.missingTools}, '{}')`,
    })
    .from(hosts)
    .leftJoin(hostCollection, eq(hostCollection.hostId, hosts.id))
    .where(match)
    .limit(1);
  if (!row) return null;
  const { presentedHostKey, osName, kernelRelease, ...collection } = row;
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    port: row.port,
    groups: row.groups,
    isSimulated: row.isSimulated,
    isEnabled: row.isEnabled,
    osName,
    kernelRelease,
    isHostKeyChanged: presentedHostKey !== null,
    collection: {
      state: collection.state,
      lastAttemptAt: collection.lastAttemptAt,
      lastSuccessAt: collection.lastSuccessAt,
      lastErrorAt: collection.lastErrorAt,
      lastErrorCode: collection.lastErrorCode,
      lastErrorMessage: collection.lastErrorMessage,
      lastDurationMs: collection.lastDurationMs,
      consecutiveFailures: collection.consecutiveFailures,
      nextAttemptAt: collection.nextAttemptAt,
      missingTools: collection.missingTools,
    },
  };
}

/** The host page's data for one host (by id or name); null when there is no such host. */
export async function hostDetail(db: Database, idOrName: string): Promise<HostDetail | null> {
  const summary = await findHostSummary(db, idOrName);
  if (!summary) return null;
  const hostId = summary.id;
  const [disks, mounts, loops, volumeGroups, kernelEvents, problemRuns, findings] =
    await Promise.all([
      loadDisks(db, hostId),
      loadMounts(db, hostId),
      loadLoopDevices(db, hostId),
      loadVolumeGroups(db, hostId),
      loadKernelEvents(db, hostId, 100),
      loadProblemRuns(db, hostId, 20),
      loadHostFindings(db, hostId),
    ]);
  const arrays = await loadArrays(db, hostId, disks);
  return {
    summary,
    arrays,
    disks,
    mounts,
    loopDevices: loops.map((loop) => ({ ...loop, ...placeLoop(loop.backFile, loop.name, mounts) })),
    volumeGroups,
    kernelEvents,
    problemRuns,
    findings,
  };
}

/**
 * Where a loop device's backing file lives (the mount with the longest matching prefix) and
 * where the loop device itself is mounted: a journaling filesystem on a loop over NFS is the
 * configuration a stale NFS handle shuts down.
 */
function placeLoop(backFile: string | null, name: string, mounts: MountDetail[]) {
  const backing = backFile
    ? mounts
        .filter((m) => isUnder(backFile, m.mountPoint))
        .sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0]
    : undefined;
  const mountedAt = mounts.find((m) => m.source === `/dev/${name}` || m.source === name);
  return {
    backingMount: backing
      ? { mountPoint: backing.mountPoint, source: backing.source, fstype: backing.fstype }
      : null,
    isOnNfs: backing ? backing.nfs !== null || backing.fstype.startsWith("nfs") : false,
    mountedAt: mountedAt ? { mountPoint: mountedAt.mountPoint, fstype: mountedAt.fstype } : null,
  };
}

function isUnder(path: string, mountPoint: string): boolean {
  if (mountPoint === "/") return path.startsWith("/");
  return path === mountPoint || path.startsWith(`${mountPoint}/`);
}

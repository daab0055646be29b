import type {
  ArrayState,
  DiskState,
  HostState,
  MountState,
  NfsMountState,
  SmartAtaAttribute,
  SmartNvmeHealth,
  SmartScsi,
} from "@holmes/core";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  arrayExpectations,
  disks,
  hostCollection,
  hosts,
  loopDevices,
  mdArrays,
  mdMembers,
  mounts,
  probeRuns,
} from "../schema";
import { loadEvidenceAlertsOf } from "./evidence-alerts";
import {
  emptyHistory,
  groupByHost,
  type HostHistory,
  loadHostHistories,
  recentKernelEvents,
  recentSlotChanges,
} from "./host-history";

type HostStateOptions = { now: Date; pollIntervalMs: number; recentWindowHours: number };

/**
 * Everything the finding rules read about one host: its current state plus the little history
 * they compare against (the previous SMART counters, the previous retransmission count, recent
 * kernel events, slot changes). Returns null for a host that does not exist.
 */
export async function loadHostState(
  db: Database,
  hostId: string,
  options: HostStateOptions,
): Promise<HostState | null> {
  return (await loadHostStates(db, [hostId], options)).get(hostId) ?? null;
}

/**
 * The states of several hosts in the reads one host takes (thirteen, whatever their number),
 * each read's rows split per host in the order it returned them. Hosts that do not exist are
 * absent from the map.
 */
export async function loadHostStates(
  db: Database,
  hostIds: readonly string[],
  options: HostStateOptions,
): Promise<Map<string, HostState>> {
  const known = await loadHostStatesWithHistory(db, hostIds, options);
  return new Map([...known].map(([id, { state }]) => [id, state]));
}

/**
 * loadHostStates, each state with the history it was built from: what a collector needs to
 * follow the host in memory from its next poll on (apps/collector host-state-memory.ts).
 */
export async function loadHostStatesWithHistory(
  db: Database,
  hostIds: readonly string[],
  options: HostStateOptions,
): Promise<Map<string, { state: HostState; history: HostHistory }>> {
  if (hostIds.length === 0) return new Map();
  const heads = await loadHostHeads(db, [...hostIds]);
  if (heads.length === 0) return new Map();
  const since = new Date(options.now.getTime() - options.recentWindowHours * 3_600_000);
  const parts = await loadHostParts(
    db,
    heads.map((head) => head.id),
    since,
  );
  return new Map(
    heads.map((head) => {
      const history = parts.histories.get(head.id) ?? emptyHistory();
      return [head.id, { state: hostStateOf(head, history, parts, options), history }];
    }),
  );
}

type HostHead = Awaited<ReturnType<typeof loadHostHeads>>[number];
type HostParts = Awaited<ReturnType<typeof loadHostParts>>;

function loadHostHeads(db: Database, hostIds: string[]) {
  return db
    .select({
      id: hosts.id,
      name: hosts.name,
      pinnedHostKey: hosts.pinnedHostKey,
      presentedHostKey: hosts.presentedHostKey,
      state: sql<string>`coalesce(${hostCollection.state}, 'never')`,
      lastSuccessAt: hostCollection.lastSuccessAt,
      lastErrorCode: hostCollection.lastErrorCode,
      lastErrorMessage: hostCollection.lastErrorMessage,
      consecutiveFailures: sql<number>`coalesce(${hostCollection.consecutiveFailures}, 0)`,
      missingTools: sql<string[]>`coalesce(${hostCollection.missingTools}, '{}')`,
      kernelRelease: hostCollection.kernelRelease,
      osName: hostCollection.osName,
    })
    .from(hosts)
    .leftJoin(hostCollection, eq(hostCollection.hostId, hosts.id))
    .where(inArray(hosts.id, hostIds));
}

async function loadHostParts(db: Database, hostIds: string[], since: Date) {
  const [arrays, diskRows, mountRows, loops, histories, parseErrors, evidenceAlerts] =
    await Promise.all([
      loadArrays(db, hostIds),
      loadDisks(db, hostIds),
      loadMounts(db, hostIds),
      loadLoopDevices(db, hostIds),
      loadHostHistories(db, hostIds, since),
      loadLatestParseErrors(db, hostIds),
      loadEvidenceAlertsOf(db, hostIds, since),
    ]);
  return { since, arrays, diskRows, mountRows, loops, histories, parseErrors, evidenceAlerts };
}

function hostStateOf(
  host: HostHead,
  history: HostHistory,
  parts: HostParts,
  options: HostStateOptions,
): HostState {
  return {
    now: options.now,
    host: { id: host.id, name: host.name, kernelRelease: host.kernelRelease, osName: host.osName },
    pollIntervalMs: options.pollIntervalMs,
    collection: {
      state: host.state,
      lastSuccessAt: host.lastSuccessAt,
      lastErrorCode: host.lastErrorCode,
      lastErrorMessage: host.lastErrorMessage,
      consecutiveFailures: host.consecutiveFailures,
      missingTools: host.missingTools,
      pinnedHostKey: host.pinnedHostKey,
      presentedHostKey: host.presentedHostKey,
      parseErrors: parts.parseErrors.get(host.id) ?? [],
    },
    arrays: parts.arrays.get(host.id) ?? [],
    disks: (parts.diskRows.get(host.id) ?? []).map((disk) => diskStateOf(disk, history)),
    mounts: (parts.mountRows.get(host.id) ?? []).map((mount) => mountStateOf(mount, history)),
    loopDevices: parts.loops.get(host.id) ?? [],
    kernelEvents: recentKernelEvents(history),
    slotChanges: recentSlotChanges(history, parts.since),
    evidenceAlerts: parts.evidenceAlerts.get(host.id) ?? [],
  };
}

async function loadArrays(db: Database, hostIds: string[]): Promise<Map<string, ArrayState[]>> {
  const [arrays, members, expectations] = await Promise.all([
    db.select().from(mdArrays).where(inArray(mdArrays.hostId, hostIds)).orderBy(mdArrays.name),
    db.select().from(mdMembers).where(inArray(mdMembers.hostId, hostIds)),
    db
      .select({ hostId: arrayExpectations.hostId, arrayName: arrayExpectations.arrayName })
      .from(arrayExpectations)
      .where(
        and(
          inArray(arrayExpectations.hostId, hostIds),
          eq(arrayExpectations.isDegradedByDesign, true),
        ),
      ),
  ]);
  const byDesign = new Set(expectations.map((e) => arrayKey(e.hostId, e.arrayName)));
  const membersByArray = groupByHost(members, (member) => [
    arrayKey(member.hostId, member.arrayName),
    {
      device: member.device,
      slot: member.slot,
      role: member.role,
      isFaulty: member.isFaulty,
      isSpare: member.isSpare,
      diskSerial: member.diskSerial,
    },
  ]);
  return groupByHost(arrays, (array) => {
    const key = arrayKey(array.hostId, array.name);
    return [array.hostId, arrayStateOf(array, membersByArray.get(key) ?? [], byDesign.has(key))];
  });
}

const arrayKey = (hostId: string, arrayName: string) => `${hostId}\u0000${arrayName}`;

function arrayStateOf(
  array: typeof mdArrays.$inferSelect,
  members: ArrayState["members"],
  isDegradedByDesign: boolean,
): ArrayState {
  return {
    name: array.name,
    uuid: array.uuid,
    level: array.level,
    state: array.state,
    readOnly: array.readOnly,
    degraded: array.degraded,
    raidDisks: array.raidDisks,
    activeDisks: array.activeDisks,
    statusString: array.statusString,
    layout: array.layout,
    syncAction: array.syncAction,
    syncPercent: array.syncPercent,
    syncSpeedKbps: array.syncSpeedKbps,
    syncFinishMinutes: array.syncFinishMinutes,
    isDegradedByDesign,
    members,
  };
}

type DiskHealth = {
  attributes?: SmartAtaAttribute[];
  nvme?: SmartNvmeHealth | null;
  scsi?: SmartScsi | null;
  hoursSinceLastSelfTest?: number | null;
  errorLogCount?: number | null;
};

async function loadDisks(db: Database, hostIds: string[]) {
  const rows = await db
    .select()
    .from(disks)
    .where(inArray(disks.hostId, hostIds))
    .orderBy(disks.name);
  return groupByHost(rows, (disk) => [disk.hostId, disk]);
}

function diskStateOf(disk: typeof disks.$inferSelect, history: HostHistory): DiskState {
  const health = (disk.health ?? {}) as DiskHealth;
  return {
    name: disk.name,
    protocol: disk.protocol,
    model: disk.model,
    serial: disk.serial,
    smartPassed: disk.smartPassed,
    temperatureC: disk.temperatureC,
    powerOnHours: disk.powerOnHours,
    isStandby: disk.isStandby,
    attributes: health.attributes ?? [],
    nvme: health.nvme ?? null,
    scsi: health.scsi ?? null,
    hoursSinceLastSelfTest: health.hoursSinceLastSelfTest ?? null,
    errorLogCount: health.errorLogCount ?? null,
    // The second-newest SMART sample: what "increase since the last read" compares to.
    previousCounters: disk.serial ? (history.smartCounters.get(disk.serial)?.[1] ?? null) : null,
  };
}

async function loadMounts(db: Database, hostIds: string[]) {
  const rows = await db
    .select()
    .from(mounts)
    .where(inArray(mounts.hostId, hostIds))
    .orderBy(mounts.mountPoint);
  return groupByHost(rows, (mount) => [mount.hostId, mount]);
}

function mountStateOf(mount: typeof mounts.$inferSelect, history: HostHistory): MountState {
  // Newest first; a sample without the counter (the mount was not read) is skipped.
  const known = (history.nfsRetransmissions.get(mount.mountPoint) ?? []).filter(
    (value): value is number => value !== null,
  );
  const [latest, previous] = known;
  return {
    mountPoint: mount.mountPoint,
    source: mount.source,
    fstype: mount.fstype,
    options: mount.options,
    nfs: (mount.nfs as NfsMountState | null) ?? null,
    isDeleted: mount.isDeleted,
    retransmissions: latest === undefined ? null : { latest, previous: previous ?? null },
  };
}

async function loadLoopDevices(db: Database, hostIds: string[]) {
  const rows = await db
    .select({
      hostId: loopDevices.hostId,
      name: loopDevices.name,
      backFile: loopDevices.backFile,
      isBackFileDeleted: loopDevices.isBackFileDeleted,
    })
    .from(loopDevices)
    .where(inArray(loopDevices.hostId, hostIds));
  return groupByHost(rows, ({ hostId, ...loop }) => [hostId, loop]);
}

/**
 * Parse problems of each host's newest poll that reached it (a failed poll says nothing of
 * parsing). probe_runs holds every poll: one index probe a host, never a scan of their runs.
 */
async function loadLatestParseErrors(db: Database, hostIds: string[]) {
  const newest = db
    .select({ parseErrors: probeRuns.parseErrors })
    .from(probeRuns)
    .where(and(eq(probeRuns.hostId, hosts.id), ne(probeRuns.status, "failed")))
    .orderBy(desc(probeRuns.startedAt))
    .limit(1)
    .as("newest");
  const rows = await db
    .select({ hostId: hosts.id, parseErrors: newest.parseErrors })
    .from(hosts)
    .crossJoinLateral(newest)
    .where(inArray(hosts.id, hostIds));
  return new Map(rows.map((row) => [row.hostId, row.parseErrors ?? []]));
}

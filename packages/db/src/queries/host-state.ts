import type {
  ArrayState,
  DiskState,
  HostState,
  KernelEventState,
  MountState,
  NfsMountState,
  SmartAtaAttribute,
  SmartNvmeHealth,
  SmartScsi,
} from "@holmes/core";
import { and, desc, eq, gte, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  arrayExpectations,
  arraySlotSerials,
  disks,
  hostCollection,
  hosts,
  kernelEvents,
  loopDevices,
  mdArrays,
  mdMembers,
  mounts,
  probeRuns,
} from "../schema";
import { loadEvidenceAlerts } from "./evidence-alerts";

/**
 * Everything the finding rules read about one host: its current state plus the little history
 * they compare against (the previous SMART counters, the previous retransmission count, recent
 * kernel events, slot changes). Returns null for a host that does not exist.
 */
export async function loadHostState(
  db: Database,
  hostId: string,
  options: { now: Date; pollIntervalMs: number; recentWindowHours: number },
): Promise<HostState | null> {
  const [host] = await db
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
    .where(eq(hosts.id, hostId));
  if (!host) return null;
  const since = new Date(options.now.getTime() - options.recentWindowHours * 3_600_000);
  const [arrays, diskStates, mountStates, loops, events, slotChanges, parseErrors, evidence] =
    await Promise.all([
      loadArrays(db, hostId),
      loadDisks(db, hostId),
      loadMounts(db, hostId),
      db
        .select({
          name: loopDevices.name,
          backFile: loopDevices.backFile,
          isBackFileDeleted: loopDevices.isBackFileDeleted,
        })
        .from(loopDevices)
        .where(eq(loopDevices.hostId, hostId)),
      loadKernelEvents(db, hostId, since),
      db
        .select({
          arrayName: arraySlotSerials.arrayName,
          slot: arraySlotSerials.slot,
          previousSerial: sql<string>`${arraySlotSerials.previousSerial}`,
          serial: arraySlotSerials.serial,
          changedAt: sql<Date>`${arraySlotSerials.changedAt}`.mapWith(arraySlotSerials.changedAt),
        })
        .from(arraySlotSerials)
        .where(
          and(
            eq(arraySlotSerials.hostId, hostId),
            isNotNull(arraySlotSerials.previousSerial),
            gte(arraySlotSerials.changedAt, since),
          ),
        ),
      loadLatestParseErrors(db, hostId),
      loadEvidenceAlerts(db, hostId, since),
    ]);
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
      parseErrors,
    },
    arrays,
    disks: diskStates,
    mounts: mountStates,
    loopDevices: loops,
    kernelEvents: events,
    slotChanges,
    evidenceAlerts: evidence,
  };
}

async function loadArrays(db: Database, hostId: string): Promise<ArrayState[]> {
  const [arrays, members, expectations] = await Promise.all([
    db.select().from(mdArrays).where(eq(mdArrays.hostId, hostId)).orderBy(mdArrays.name),
    db.select().from(mdMembers).where(eq(mdMembers.hostId, hostId)),
    db
      .select({
        arrayName: arrayExpectations.arrayName,
        isDegradedByDesign: arrayExpectations.isDegradedByDesign,
      })
      .from(arrayExpectations)
      .where(eq(arrayExpectations.hostId, hostId)),
  ]);
  const byDesign = new Set(
    expectations.filter((e) => e.isDegradedByDesign).map((e) => e.arrayName),
  );
  return arrays.map((array) => ({
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
    isDegradedByDesign: byDesign.has(array.name),
    members: members
      .filter((member) => member.arrayName === array.name)
      .map((member) => ({
        device: member.device,
        slot: member.slot,
        role: member.role,
        isFaulty: member.isFaulty,
        isSpare: member.isSpare,
        diskSerial: member.diskSerial,
      })),
  }));
}

type DiskHealth = {
  attributes?: SmartAtaAttribute[];
  nvme?: SmartNvmeHealth | null;
  scsi?: SmartScsi | null;
  hoursSinceLastSelfTest?: number | null;
  errorLogCount?: number | null;
};

async function loadDisks(db: Database, hostId: string): Promise<DiskState[]> {
  const [rows, previous] = await Promise.all([
    db.select().from(disks).where(eq(disks.hostId, hostId)).orderBy(disks.name),
    // The second-newest SMART sample of each disk: what "increase since the last read" compares to.
    db.execute<{ disk_serial: string; counters: Record<string, number> }>(sql`
      select disk_serial, counters from (
        select disk_serial, counters,
               row_number() over (partition by disk_serial order by observed_at desc) as age
        from smart_samples where host_id = ${hostId}
      ) ranked where age = 2`),
  ]);
  const previousBySerial = new Map(
    [...previous].map((row) => [row.disk_serial, row.counters] as const),
  );
  return rows.map((disk) => {
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
      previousCounters: disk.serial ? (previousBySerial.get(disk.serial) ?? null) : null,
    };
  });
}

async function loadMounts(db: Database, hostId: string): Promise<MountState[]> {
  const [rows, samples] = await Promise.all([
    db.select().from(mounts).where(eq(mounts.hostId, hostId)).orderBy(mounts.mountPoint),
    db.execute<{ mount_point: string; retransmissions: string | number | null; age: number }>(sql`
      select mount_point, retransmissions, age from (
        select mount_point, retransmissions,
               row_number() over (partition by mount_point order by observed_at desc) as age
        from nfs_samples where host_id = ${hostId}
      ) ranked where age <= 2`),
  ]);
  const retransmissions = new Map<string, { latest: number; previous: number | null }>();
  for (const sample of [...samples].sort((a, b) => Number(a.age) - Number(b.age))) {
    if (sample.retransmissions === null) continue;
    const value = Number(sample.retransmissions);
    const current = retransmissions.get(sample.mount_point);
    if (!current) retransmissions.set(sample.mount_point, { latest: value, previous: null });
    else current.previous = value;
  }
  return rows.map((mount) => ({
    mountPoint: mount.mountPoint,
    source: mount.source,
    fstype: mount.fstype,
    options: mount.options,
    nfs: (mount.nfs as NfsMountState | null) ?? null,
    isDeleted: mount.isDeleted,
    retransmissions: retransmissions.get(mount.mountPoint) ?? null,
  }));
}

async function loadKernelEvents(
  db: Database,
  hostId: string,
  since: Date,
): Promise<KernelEventState[]> {
  const rows = await db
    .select({
      kind: kernelEvents.kind,
      severity: kernelEvents.severity,
      device: kernelEvents.device,
      rawLine: kernelEvents.rawLine,
      at: sql<Date>`coalesce(${kernelEvents.loggedAt}, ${kernelEvents.receivedAt})`.mapWith(
        kernelEvents.receivedAt,
      ),
    })
    .from(kernelEvents)
    .where(and(eq(kernelEvents.hostId, hostId), gte(kernelEvents.receivedAt, since)))
    .orderBy(kernelEvents.receivedAt, kernelEvents.id);
  return rows;
}

/** Parse problems of the newest poll that reached the host (a failed poll says nothing of parsing). */
async function loadLatestParseErrors(db: Database, hostId: string) {
  const [run] = await db
    .select({ parseErrors: probeRuns.parseErrors })
    .from(probeRuns)
    .where(and(eq(probeRuns.hostId, hostId), sql`${probeRuns.status} <> 'failed'`))
    .orderBy(desc(probeRuns.startedAt))
    .limit(1);
  return run?.parseErrors ?? [];
}

import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { arrayExpectations, arraySlotSerials, kernelEvents } from "../schema";

/** A kernel event as stored: when the kernel logged it (if known) and when Holmes received it. */
export type StoredKernelEvent = {
  kind: string;
  severity: string;
  device: string | null;
  rawLine: string;
  loggedAt: Date | null;
  receivedAt: Date;
};

export type SlotSerial = {
  arrayName: string;
  slot: number;
  serial: string;
  previousSerial: string | null;
  changedAt: Date | null;
};

/**
 * The history a host's findings compare against, in the raw form its appends extend: what
 * `loadHostState` derives its previous SMART counters, NFS retransmissions, recent kernel events
 * and slot changes from. A collector that keeps this per host can follow its own writes in memory.
 */
export type HostHistory = {
  /** Per disk serial, the counters of its newest SMART samples, newest first (at most two). */
  smartCounters: Map<string, Array<Record<string, number>>>;
  /** Per mount point, the retransmissions of its newest NFS samples, newest first (at most two). */
  nfsRetransmissions: Map<string, Array<number | null>>;
  /** Kernel events received since the window's start, in the order they were stored. */
  kernelEvents: StoredKernelEvent[];
  /** Every slot → serial row of the host, keyed by `slotKey`. */
  slotSerials: Map<string, SlotSerial>;
};

export const slotKey = (arrayName: string, slot: number) => `${arrayName}\u0000${slot}`;

/** Reads a host's history as `loadHostState` sees it (four index reads). */
export async function loadHostHistory(
  db: Database,
  hostId: string,
  since: Date,
): Promise<HostHistory> {
  const [smart, nfs, events, slots] = await Promise.all([
    db.execute<{ disk_serial: string; counters: Record<string, number> }>(sql`
      select disk_serial, counters from (
        select disk_serial, counters,
               row_number() over (partition by disk_serial order by observed_at desc) as age
        from smart_samples where host_id = ${hostId}
      ) ranked where age <= 2 order by disk_serial, age`),
    db.execute<{ mount_point: string; retransmissions: string | number | null }>(sql`
      select mount_point, retransmissions from (
        select mount_point, retransmissions,
               row_number() over (partition by mount_point order by observed_at desc) as age
        from nfs_samples where host_id = ${hostId}
      ) ranked where age <= 2 order by mount_point, age`),
    db
      .select({
        kind: kernelEvents.kind,
        severity: kernelEvents.severity,
        device: kernelEvents.device,
        rawLine: kernelEvents.rawLine,
        loggedAt: kernelEvents.loggedAt,
        receivedAt: kernelEvents.receivedAt,
      })
      .from(kernelEvents)
      .where(and(eq(kernelEvents.hostId, hostId), gte(kernelEvents.receivedAt, since)))
      .orderBy(asc(kernelEvents.receivedAt), asc(kernelEvents.id)),
    db
      .select({
        arrayName: arraySlotSerials.arrayName,
        slot: arraySlotSerials.slot,
        serial: arraySlotSerials.serial,
        previousSerial: arraySlotSerials.previousSerial,
        changedAt: arraySlotSerials.changedAt,
      })
      .from(arraySlotSerials)
      .where(eq(arraySlotSerials.hostId, hostId)),
  ]);
  const smartCounters = new Map<string, Array<Record<string, number>>>();
  for (const row of smart) {
    smartCounters.set(row.disk_serial, [
      ...(smartCounters.get(row.disk_serial) ?? []),
      row.counters,
    ]);
  }
  const nfsRetransmissions = new Map<string, Array<number | null>>();
  for (const row of nfs) {
    const value = row.retransmissions === null ? null : Number(row.retransmissions);
    nfsRetransmissions.set(row.mount_point, [
      ...(nfsRetransmissions.get(row.mount_point) ?? []),
      value,
    ]);
  }
  return {
    smartCounters,
    nfsRetransmissions,
    kernelEvents: events,
    slotSerials: new Map(slots.map((row) => [slotKey(row.arrayName, row.slot), row])),
  };
}

/**
 * Per host, the arrays a responder marked degraded on purpose: read on every evaluation, since
 * they edit it. Hosts without any are absent from the map.
 */
export async function loadDegradedByDesignOf(
  db: Database,
  hostIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const byHost = new Map<string, Set<string>>();
  if (hostIds.length === 0) return byHost;
  const rows = await db
    .select({ hostId: arrayExpectations.hostId, arrayName: arrayExpectations.arrayName })
    .from(arrayExpectations)
    .where(
      and(
        inArray(arrayExpectations.hostId, [...hostIds]),
        eq(arrayExpectations.isDegradedByDesign, true),
      ),
    );
  for (const row of rows)
    byHost.set(row.hostId, (byHost.get(row.hostId) ?? new Set()).add(row.arrayName));
  return byHost;
}

import type { KernelEventState, SlotChange } from "@holmes/core";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import {
  arrayExpectations,
  arraySlotSerials,
  hosts,
  kernelEvents,
  nfsSamples,
  smartSamples,
} from "../schema";

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
  const histories = await loadHostHistories(db, [hostId], since);
  return histories.get(hostId) ?? emptyHistory();
}

/**
 * The histories of several hosts in the four reads one host takes (the collector's cold cycle
 * reads its batch at once). Every asked host is in the map, with an empty history if need be.
 */
export async function loadHostHistories(
  db: Database,
  hostIds: readonly string[],
  since: Date,
): Promise<Map<string, HostHistory>> {
  if (hostIds.length === 0) return new Map();
  const ids = [...hostIds];
  const [smart, nfs, events, slots] = await Promise.all([
    loadNewestSmartCounters(db, ids),
    loadNewestRetransmissions(db, ids),
    loadStoredKernelEvents(db, ids, since),
    loadSlotSerials(db, ids),
  ]);
  return new Map(
    ids.map((hostId) => [
      hostId,
      {
        smartCounters: smart.get(hostId) ?? new Map(),
        nfsRetransmissions: nfs.get(hostId) ?? new Map(),
        kernelEvents: events.get(hostId) ?? [],
        slotSerials: new Map(
          (slots.get(hostId) ?? []).map((row) => [slotKey(row.arrayName, row.slot), row]),
        ),
      },
    ]),
  );
}

export const emptyHistory = (): HostHistory => ({
  smartCounters: new Map(),
  nfsRetransmissions: new Map(),
  kernelEvents: [],
  slotSerials: new Map(),
});

/** The window's kernel events as the rules read them: at when the kernel logged it, if known. */
export function recentKernelEvents(history: HostHistory): KernelEventState[] {
  return history.kernelEvents.map((event) => ({
    kind: event.kind,
    severity: event.severity,
    device: event.device,
    rawLine: event.rawLine,
    at: event.loggedAt ?? event.receivedAt,
  }));
}

/** Slots whose serial changed within the window (`history` holds every slot of the host). */
export function recentSlotChanges(history: HostHistory, since: Date): SlotChange[] {
  return [...history.slotSerials.values()].flatMap((row) =>
    row.previousSerial !== null && row.changedAt !== null && row.changedAt >= since
      ? [
          {
            arrayName: row.arrayName,
            slot: row.slot,
            previousSerial: row.previousSerial,
            serial: row.serial,
            changedAt: row.changedAt,
          },
        ]
      : [],
  );
}

/** Per host and disk serial, the counters of its two newest SMART samples, newest first. */
async function loadNewestSmartCounters(db: Database, hostIds: string[]) {
  const rows = await db.execute<{ host_id: string; key: string; value: Record<string, number> }>(
    newestTwoPerKey(
      { table: smartSamples, key: smartSamples.diskSerial, value: smartSamples.counters },
      hostIds,
    ),
  );
  return groupByHostAndKey(rows, (row) => [row.host_id, row.key, row.value]);
}

/** Per host and mount point, the retransmissions of its two newest NFS samples, newest first. */
async function loadNewestRetransmissions(db: Database, hostIds: string[]) {
  const rows = await db.execute<{ host_id: string; key: string; value: string | number | null }>(
    newestTwoPerKey(
      { table: nfsSamples, key: nfsSamples.mountPoint, value: nfsSamples.retransmissions },
      hostIds,
    ),
  );
  return groupByHostAndKey(rows, (row) => [
    row.host_id,
    row.key,
    row.value === null ? null : Number(row.value),
  ]);
}

type SampleSeries = {
  table: typeof smartSamples | typeof nfsSamples;
  key: PgColumn;
  value: PgColumn;
};

/**
 * The two newest samples of each (host, key), by a skip scan of the primary key (host_id, key,
 * observed_at): one index probe finds a host's next key, one reads that key's two newest rows.
 * A window over the hosts' samples sorts all of them, and a disk keeps about a thousand, an NFS
 * mount two thousand (history-retention.ts): 32 hosts of 12 disks took seconds that way.
 */
function newestTwoPerKey({ table, key, value }: SampleSeries, hostIds: string[]) {
  return sql`
    with recursive series (host_id, key) as (
      select ${hosts.id}, (select min(${key}) from ${table} where ${table.hostId} = ${hosts.id})
      from ${hosts} where ${inArray(hosts.id, hostIds)}
      union all
      select series.host_id,
             (select min(${key}) from ${table}
              where ${table.hostId} = series.host_id and ${key} > series.key)
      from series where series.key is not null
    )
    select series.host_id, series.key, newest.value from series
    cross join lateral (
      select ${value} as value, ${table.observedAt} as observed_at from ${table}
      where ${table.hostId} = series.host_id and ${key} = series.key
      order by ${table.observedAt} desc limit 2
    ) newest
    order by series.host_id, series.key, newest.observed_at desc`;
}

async function loadStoredKernelEvents(db: Database, hostIds: string[], since: Date) {
  const rows = await db
    .select({
      hostId: kernelEvents.hostId,
      kind: kernelEvents.kind,
      severity: kernelEvents.severity,
      device: kernelEvents.device,
      rawLine: kernelEvents.rawLine,
      loggedAt: kernelEvents.loggedAt,
      receivedAt: kernelEvents.receivedAt,
    })
    .from(kernelEvents)
    .where(and(inArray(kernelEvents.hostId, hostIds), gte(kernelEvents.receivedAt, since)))
    .orderBy(asc(kernelEvents.receivedAt), asc(kernelEvents.id));
  return groupByHost(rows, ({ hostId, ...event }): [string, StoredKernelEvent] => [hostId, event]);
}

async function loadSlotSerials(db: Database, hostIds: string[]) {
  const rows = await db
    .select({
      hostId: arraySlotSerials.hostId,
      arrayName: arraySlotSerials.arrayName,
      slot: arraySlotSerials.slot,
      serial: arraySlotSerials.serial,
      previousSerial: arraySlotSerials.previousSerial,
      changedAt: arraySlotSerials.changedAt,
    })
    .from(arraySlotSerials)
    .where(inArray(arraySlotSerials.hostId, hostIds));
  return groupByHost(rows, ({ hostId, ...slot }): [string, SlotSerial] => [hostId, slot]);
}

/** Rows of several hosts split per host, each host's in the order the query returned them. */
export function groupByHost<Row, Value>(
  rows: Iterable<Row>,
  entryOf: (row: Row) => readonly [hostId: string, value: Value],
): Map<string, Value[]> {
  const byHost = new Map<string, Value[]>();
  for (const row of rows) {
    const [hostId, value] = entryOf(row);
    const values = byHost.get(hostId);
    if (values) values.push(value);
    else byHost.set(hostId, [value]);
  }
  return byHost;
}

function groupByHostAndKey<Row, Value>(
  rows: Iterable<Row>,
  entryOf: (row: Row) => readonly [hostId: string, key: string, value: Value],
): Map<string, Map<string, Value[]>> {
  const byHost = new Map<string, Map<string, Value[]>>();
  for (const row of rows) {
    const [hostId, key, value] = entryOf(row);
    const byKey = byHost.get(hostId) ?? new Map<string, Value[]>();
    byHost.set(hostId, byKey.set(key, [...(byKey.get(key) ?? []), value]));
  }
  return byHost;
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

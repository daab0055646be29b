import { getTableColumns, inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import {
  arraySlotSerials,
  arraySyncSamples,
  disks,
  hostCollection,
  kernelEvents,
  loopDevices,
  mdArrays,
  mdMembers,
  mounts,
  nfsSamples,
  probeRuns,
  smartSamples,
  volumeGroups,
} from "../schema";
import type { CurrentStateTable, HostSnapshot, SnapshotWrite } from "./snapshot-types";

/**
 * recordSnapshot for several hosts at once (each host at most once), in one transaction of
 * multi-row statements: a collector storing many polls pays a handful of statements per batch
 * rather than per host. Returns the probe runs' ids in the order of `writes`.
 */
export async function recordSnapshots(
  db: Database,
  writes: readonly SnapshotWrite[],
): Promise<number[]> {
  if (new Set(writes.map((w) => w.hostId)).size !== writes.length) {
    throw new Error("recordSnapshots takes each host at most once");
  }
  if (writes.length === 0) return [];
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(probeRuns)
      .values(writes.map((w) => ({ ...w.run, hostId: w.hostId })))
      .returning({ id: probeRuns.id, hostId: probeRuns.hostId });
    const idByHost = new Map(inserted.map((row) => [row.hostId, row.id]));
    for (const [table, name, rowsOf] of CURRENT_TABLES) {
      // Most polls change nothing in the current state; rewriting it would be most of their cost.
      const changed = writes.filter((w) => rowsOf(w.snapshot) && !w.unchanged?.has(name));
      await replaceRows(tx, table, changed, rowsOf);
    }
    await appendHistory(tx, writes);
    await trackSlotSerials(tx, writes);
    await markSuccess(tx, writes);
    return writes.map((w) => {
      const id = idByHost.get(w.hostId);
      if (id === undefined) throw new Error("probe run insert returned nothing");
      return id;
    });
  });
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type HostTable =
  | typeof mdArrays
  | typeof mdMembers
  | typeof disks
  | typeof mounts
  | typeof loopDevices
  | typeof volumeGroups;

/** Each current-state table, its name for the write cache, and its rows in a snapshot. */
const CURRENT_TABLES: ReadonlyArray<
  [HostTable, CurrentStateTable, (s: HostSnapshot) => object[] | null]
> = [
  [mdArrays, "arrays", (s) => s.arrays],
  [mdMembers, "members", (s) => s.members],
  // null: SMART was not read, so the disks stay as they were.
  [disks, "disks", (s) => s.disks],
  [mounts, "mounts", (s) => s.mounts],
  [loopDevices, "loopDevices", (s) => s.loopDevices],
  [volumeGroups, "volumeGroups", (s) => s.volumeGroups],
];

/** Postgres takes at most 65,535 parameters a statement; big inserts go in slices. */
const MAX_PARAMETERS = 30_000;

async function insertSliced(tx: Tx, table: PgTable, rows: object[]) {
  if (rows.length === 0) return;
  // At most one parameter per column and row (a column a row leaves out is DEFAULT).
  const columns = Object.keys(getTableColumns(table)).length;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let start = 0; start < rows.length; start += size) {
    await tx.insert(table).values(rows.slice(start, start + size) as never[]);
  }
}

async function replaceRows(
  tx: Tx,
  table: HostTable,
  writes: readonly SnapshotWrite[],
  rowsOf: (s: HostSnapshot) => object[] | null,
) {
  if (writes.length === 0) return;
  await tx.delete(table).where(
    inArray(
      table.hostId,
      writes.map((w) => w.hostId),
    ),
  );
  const rows = writes.flatMap((w) =>
    (rowsOf(w.snapshot) ?? []).map((row) => ({
      ...row,
      hostId: w.hostId,
      observedAt: w.snapshot.observedAt,
    })),
  );
  await insertSliced(tx, table, rows);
}

async function appendHistory(tx: Tx, writes: readonly SnapshotWrite[]) {
  const each = <T>(rowsOf: (w: SnapshotWrite) => T[]) => writes.flatMap(rowsOf);
  await insertSliced(
    tx,
    arraySyncSamples,
    each(({ hostId, snapshot }) =>
      snapshot.arrays
        .filter((a) => a.syncAction)
        .map((a) => ({
          hostId,
          arrayName: a.name,
          observedAt: snapshot.observedAt,
          action: a.syncAction ?? "",
          percent: a.syncPercent,
          speedKbps: a.syncSpeedKbps,
        })),
    ),
  );
  await insertSliced(
    tx,
    smartSamples,
    each(({ hostId, snapshot }) =>
      snapshot.smartSamples.map((s) => ({ ...s, hostId, observedAt: snapshot.observedAt })),
    ),
  );
  await insertSliced(
    tx,
    nfsSamples,
    each(({ hostId, snapshot }) =>
      snapshot.nfsSamples.map((s) => ({ ...s, hostId, observedAt: snapshot.observedAt })),
    ),
  );
  await insertSliced(
    tx,
    kernelEvents,
    each(({ hostId, snapshot }) =>
      snapshot.kernelEvents.map((e) => ({ ...e, hostId, receivedAt: snapshot.observedAt })),
    ),
  );
}

/**
 * Keeps, per array slot, the serial of the disk in it and the one before: the slot → serial map a
 * recovery needs, and the "disk replaced" finding's evidence. Only working members count: a spare
 * or a faulty disk does not own a slot.
 */
async function trackSlotSerials(tx: Tx, writes: readonly SnapshotWrite[]) {
  const rows = writes.flatMap(({ hostId, snapshot }) =>
    snapshot.members.flatMap((member) =>
      member.slot === null || member.slot === undefined || !member.diskSerial
        ? []
        : member.isSpare || member.isFaulty
          ? []
          : [
              {
                hostId,
                arrayName: member.arrayName,
                slot: member.slot,
                serial: member.diskSerial,
                observedAt: snapshot.observedAt,
              },
            ],
    ),
  );
  if (rows.length === 0) return;
  const isChanged = sql`${arraySlotSerials.serial} <> excluded.serial`;
  await tx
    .insert(arraySlotSerials)
    .values(rows)
    .onConflictDoUpdate({
      target: [arraySlotSerials.hostId, arraySlotSerials.arrayName, arraySlotSerials.slot],
      set: {
        previousSerial: sql`case when ${isChanged} then ${arraySlotSerials.serial} else ${arraySlotSerials.previousSerial} end`,
        changedAt: sql`case when ${isChanged} then excluded.observed_at else ${arraySlotSerials.changedAt} end`,
        serial: sql`excluded.serial`,
        observedAt: sql`excluded.observed_at`,
      },
    });
}

async function markSuccess(tx: Tx, writes: readonly SnapshotWrite[]) {
  const rows = writes.map(({ hostId, snapshot, run }) => ({
    hostId,
    // "partial": polled, but some outputs could not be read; the run says which.
    state: run.status === "partial" ? "partial" : "ok",
    lastAttemptAt: snapshot.observedAt,
    lastSuccessAt: snapshot.observedAt,
    lastDurationMs: run.durationMs,
    consecutiveFailures: 0,
    nextAttemptAt: null,
    kernelRelease: snapshot.kernelRelease,
    osName: snapshot.osName,
    missingTools: snapshot.missingTools,
  }));
  const fromExcluded = (column: string) => sql.raw(`excluded.${column}`);
  await tx
    .insert(hostCollection)
    .values(rows)
    .onConflictDoUpdate({
      target: hostCollection.hostId,
      set: {
        state: fromExcluded("state"),
        lastAttemptAt: fromExcluded("last_attempt_at"),
        lastSuccessAt: fromExcluded("last_success_at"),
        lastDurationMs: fromExcluded("last_duration_ms"),
        consecutiveFailures: fromExcluded("consecutive_failures"),
        nextAttemptAt: fromExcluded("next_attempt_at"),
        kernelRelease: fromExcluded("kernel_release"),
        osName: fromExcluded("os_name"),
        missingTools: fromExcluded("missing_tools"),
      },
    });
}

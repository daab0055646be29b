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
import {
  clientOf,
  deleteForHostsStatement,
  insertRowsStatement,
  onConflictUpdate,
  runPrepared,
  type SqlClient,
} from "./json-rows";
import type { CurrentStateTable, HostSnapshot, SnapshotWrite } from "./snapshot-types";

/**
 * recordSnapshot for several hosts at once (each host at most once), in one transaction of
 * multi-row statements: a collector storing many polls pays a handful of statements per batch
 * rather than per host. Each statement has a constant text and the rows as one JSON parameter
 * (json-rows.ts), so a batch of any size reuses the connection's prepared statements. Returns
 * the probe runs' ids in the order of `writes`.
 */
export async function recordSnapshots(
  db: Database,
  writes: readonly SnapshotWrite[],
): Promise<number[]> {
  if (new Set(writes.map((w) => w.hostId)).size !== writes.length) {
    throw new Error("recordSnapshots takes each host at most once");
  }
  if (writes.length === 0) return [];
  return db.transaction(async (drizzleTx) => {
    const tx = clientOf(drizzleTx);
    const inserted = await runPrepared<{ id: string; host_id: string }>(
      tx,
      INSERT_PROBE_RUNS.text,
      INSERT_PROBE_RUNS.json(writes.map((w) => ({ ...w.run, hostId: w.hostId }))),
    );
    const idByHost = new Map(inserted.map((row) => [row.host_id, Number(row.id)]));
    for (const current of CURRENT_TABLES) {
      // Most polls change nothing in the current state; rewriting it would be most of their cost.
      const changed = writes.filter(
        (w) => current.rowsOf(w.snapshot) && !w.unchanged?.has(current.name),
      );
      await replaceRows(tx, current, changed);
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

const INSERT_PROBE_RUNS = insertRowsStatement(probeRuns, { tail: 'returning "id", "host_id"' });

/** A current-state table: replaced for the hosts whose rows changed. */
type CurrentTable = {
  name: CurrentStateTable;
  rowsOf: (s: HostSnapshot) => object[] | null;
  remove: { text: string };
  insert: { text: string; json: (rows: ReadonlyArray<object>) => string };
};

function currentTable(
  table: PgTable,
  name: CurrentStateTable,
  rowsOf: (s: HostSnapshot) => object[] | null,
): CurrentTable {
  return {
    name,
    rowsOf,
    remove: deleteForHostsStatement(table),
    insert: insertRowsStatement(table),
  };
}

const CURRENT_TABLES: readonly CurrentTable[] = [
  currentTable(mdArrays, "arrays", (s) => s.arrays),
  currentTable(mdMembers, "members", (s) => s.members),
  // null: SMART was not read, so the disks stay as they were.
  currentTable(disks, "disks", (s) => s.disks),
  currentTable(mounts, "mounts", (s) => s.mounts),
  currentTable(loopDevices, "loopDevices", (s) => s.loopDevices),
  currentTable(volumeGroups, "volumeGroups", (s) => s.volumeGroups),
];

async function replaceRows(tx: SqlClient, current: CurrentTable, writes: readonly SnapshotWrite[]) {
  if (writes.length === 0) return;
  await runPrepared(
    tx,
    current.remove.text,
    writes.map((w) => w.hostId),
  );
  const rows = writes.flatMap((w) =>
    (current.rowsOf(w.snapshot) ?? []).map((row) => ({
      ...row,
      hostId: w.hostId,
      observedAt: w.snapshot.observedAt,
    })),
  );
  await insertRows(tx, current.insert, rows);
}

/** Inserts rows with a prepared statement; nothing is sent for none. */
async function insertRows(
  tx: SqlClient,
  statement: { text: string; json: (rows: ReadonlyArray<object>) => string },
  rows: readonly object[],
) {
  if (rows.length > 0) await runPrepared(tx, statement.text, statement.json(rows));
}

const INSERT_SYNC_SAMPLES = insertRowsStatement(arraySyncSamples);
const INSERT_SMART_SAMPLES = insertRowsStatement(smartSamples);
const INSERT_NFS_SAMPLES = insertRowsStatement(nfsSamples);
const INSERT_KERNEL_EVENTS = insertRowsStatement(kernelEvents);

async function appendHistory(tx: SqlClient, writes: readonly SnapshotWrite[]) {
  const each = <T>(rowsOf: (w: SnapshotWrite) => T[]) => writes.flatMap(rowsOf);
  await insertRows(
    tx,
    INSERT_SYNC_SAMPLES,
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
  await insertRows(
    tx,
    INSERT_SMART_SAMPLES,
    each(({ hostId, snapshot }) =>
      snapshot.smartSamples.map((s) => ({ ...s, hostId, observedAt: snapshot.observedAt })),
    ),
  );
  await insertRows(
    tx,
    INSERT_NFS_SAMPLES,
    each(({ hostId, snapshot }) =>
      snapshot.nfsSamples.map((s) => ({ ...s, hostId, observedAt: snapshot.observedAt })),
    ),
  );
  await insertRows(
    tx,
    INSERT_KERNEL_EVENTS,
    each(({ hostId, snapshot }) =>
      snapshot.kernelEvents.map((e) => ({ ...e, hostId, receivedAt: snapshot.observedAt })),
    ),
  );
}

const UPSERT_SLOT_SERIALS = insertRowsStatement(arraySlotSerials, {
  keys: ["hostId", "arrayName", "slot", "serial", "observedAt"],
  tail: `on conflict ("host_id", "array_name", "slot") do update set
    "previous_serial" = case when "array_slot_serials"."serial" <> excluded."serial"
      then "array_slot_serials"."serial" else "array_slot_serials"."previous_serial" end,
    "changed_at" = case when "array_slot_serials"."serial" <> excluded."serial"
      then excluded."observed_at" else "array_slot_serials"."changed_at" end,
    "serial" = excluded."serial",
    "observed_at" = excluded."observed_at"`,
});

/**
 * Keeps, per array slot, the serial of the disk in it and the one before: the slot → serial map a
 * recovery needs, and the "disk replaced" finding's evidence. Only working members count: a spare
 * or a faulty disk does not own a slot.
 */
async function trackSlotSerials(tx: SqlClient, writes: readonly SnapshotWrite[]) {
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
  await insertRows(tx, UPSERT_SLOT_SERIALS, rows);
}

const SUCCESS_COLUMNS = [
  "state",
  "lastAttemptAt",
  "lastSuccessAt",
  "lastSmartAt",
  "lastDurationMs",
  "consecutiveFailures",
  "nextAttemptAt",
  "kernelRelease",
  "osName",
  "missingTools",
] as const;

const UPSERT_SUCCESS = insertRowsStatement(hostCollection, {
  keys: ["hostId", ...SUCCESS_COLUMNS],
  // A poll without SMART (most of them: it has its own, longer interval) keeps the last one's time.
  tail: `${onConflictUpdate(
    ["host_id"],
    [
      "state",
      "last_attempt_at",
      "last_success_at",
      "last_duration_ms",
      "consecutive_failures",
      "next_attempt_at",
      "kernel_release",
      "os_name",
      "missing_tools",
    ],
  )}, "last_smart_at" = coalesce(excluded."last_smart_at", "host_collection"."last_smart_at")`,
});

async function markSuccess(tx: SqlClient, writes: readonly SnapshotWrite[]) {
  const rows = writes.map(({ hostId, snapshot, run }) => ({
    hostId,
    // "partial": polled, but some outputs could not be read; the run says which.
    state: run.status === "partial" ? "partial" : "ok",
    lastAttemptAt: snapshot.observedAt,
    lastSuccessAt: snapshot.observedAt,
    lastSmartAt: snapshot.disks === null ? null : snapshot.observedAt,
    lastDurationMs: run.durationMs,
    consecutiveFailures: 0,
    nextAttemptAt: null,
    kernelRelease: snapshot.kernelRelease,
    osName: snapshot.osName,
    missingTools: snapshot.missingTools,
  }));
  await insertRows(tx, UPSERT_SUCCESS, rows);
}

import { and, eq, lt, notInArray, sql } from "drizzle-orm";
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

type Row<T extends { $inferInsert: unknown }> = Omit<T["$inferInsert"], "hostId" | "observedAt">;

/** Everything one successful poll learned about a host, already normalized by the collector. */
export type HostSnapshot = {
  observedAt: Date;
  kernelRelease: string | null;
  osName: string | null;
  missingTools: string[];
  arrays: Row<typeof mdArrays>[];
  members: Row<typeof mdMembers>[];
  /** null: SMART was not read in this poll (it runs on its own, longer interval). */
  disks: Row<typeof disks>[] | null;
  mounts: Row<typeof mounts>[];
  loopDevices: Row<typeof loopDevices>[];
  volumeGroups: Row<typeof volumeGroups>[];
  kernelEvents: Omit<typeof kernelEvents.$inferInsert, "hostId" | "id" | "receivedAt">[];
  smartSamples: Omit<typeof smartSamples.$inferInsert, "hostId" | "observedAt">[];
  nfsSamples: Omit<typeof nfsSamples.$inferInsert, "hostId" | "observedAt">[];
};

/**
 * The current-state tables a snapshot replaces. A caller that knows a table's content is what it
 * wrote last time (the collector keeps a hash per host) may skip it: its rows' observedAt then
 * means "last changed at", while host_collection.lastSuccessAt says when the host last answered.
 */
export type CurrentStateTable =
  | "arrays"
  | "members"
  | "disks"
  | "mounts"
  | "loopDevices"
  | "volumeGroups";

export type ProbeRunRecord = Omit<typeof probeRuns.$inferInsert, "id" | "hostId">;

/**
 * Replaces a host's current state with a snapshot and appends its history, in one transaction:
 * readers never see half a poll. Current rows are replaced rather than upserted so that an array
 * or mount that disappeared from the host disappears here too. Returns the probe run's id (the
 * evidence captured from the same poll points to it).
 */
export async function recordSnapshot(
  db: Database,
  hostId: string,
  snapshot: HostSnapshot,
  run: ProbeRunRecord,
  options: { unchanged?: ReadonlySet<CurrentStateTable> } = {},
): Promise<number> {
  const at = snapshot.observedAt;
  const withHost = <T extends object>(rows: T[]) =>
    rows.map((row) => ({ ...row, hostId, observedAt: at }));
  // Most polls change nothing in the current state; rewriting it would be most of a poll's cost.
  const isChanged = (table: CurrentStateTable) => !options.unchanged?.has(table);
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(probeRuns)
      .values({ ...run, hostId })
      .returning({ id: probeRuns.id });
    if (!inserted) throw new Error("probe run insert returned nothing");
    if (isChanged("arrays")) await replaceRows(tx, mdArrays, hostId, withHost(snapshot.arrays));
    if (isChanged("members")) await replaceRows(tx, mdMembers, hostId, withHost(snapshot.members));
    if (snapshot.disks && isChanged("disks")) {
      await replaceRows(tx, disks, hostId, withHost(snapshot.disks));
    }
    if (isChanged("mounts")) await replaceRows(tx, mounts, hostId, withHost(snapshot.mounts));
    if (isChanged("loopDevices")) {
      await replaceRows(tx, loopDevices, hostId, withHost(snapshot.loopDevices));
    }
    if (isChanged("volumeGroups")) {
      await replaceRows(tx, volumeGroups, hostId, withHost(snapshot.volumeGroups));
    }
    await appendHistory(tx, hostId, snapshot);
    await trackSlotSerials(tx, hostId, snapshot);
    await markSuccess(tx, hostId, snapshot, run);
    return inserted.id;
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

async function replaceRows(tx: Tx, table: HostTable, hostId: string, rows: object[]) {
  await tx.delete(table).where(eq(table.hostId, hostId));
  if (rows.length > 0) await tx.insert(table).values(rows as never[]);
}

async function appendHistory(tx: Tx, hostId: string, snapshot: HostSnapshot) {
  const at = snapshot.observedAt;
  const syncing = snapshot.arrays.filter((a) => a.syncAction);
  if (syncing.length > 0) {
    await tx.insert(arraySyncSamples).values(
      syncing.map((a) => ({
        hostId,
        arrayName: a.name,
        observedAt: at,
        action: a.syncAction ?? "",
        percent: a.syncPercent,
        speedKbps: a.syncSpeedKbps,
      })),
    );
  }
  if (snapshot.smartSamples.length > 0) {
    await tx
      .insert(smartSamples)
      .values(snapshot.smartSamples.map((s) => ({ ...s, hostId, observedAt: at })));
  }
  if (snapshot.nfsSamples.length > 0) {
    await tx
      .insert(nfsSamples)
      .values(snapshot.nfsSamples.map((s) => ({ ...s, hostId, observedAt: at })));
  }
  if (snapshot.kernelEvents.length > 0) {
    await tx
      .insert(kernelEvents)
      .values(snapshot.kernelEvents.map((e) => ({ ...e, hostId, receivedAt: at })));
  }
}

/**
 * Keeps, per array slot, the serial of the disk in it and the one before: the slot → serial map a
 * recovery needs, and the "disk replaced" finding's evidence. Only working members count: a spare
 * or a faulty disk does not own a slot.
 */
async function trackSlotSerials(tx: Tx, hostId: string, snapshot: HostSnapshot) {
  const rows = snapshot.members.flatMap((member) =>
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

async function markSuccess(tx: Tx, hostId: string, snapshot: HostSnapshot, run: ProbeRunRecord) {
  const values = {
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
  };
  await tx
    .insert(hostCollection)
    .values({ hostId, ...values })
    .onConflictDoUpdate({ target: hostCollection.hostId, set: values });
}

export type CollectionFailure = {
  at: Date;
  state: "unreachable" | "auth_failed" | "host_key_changed" | "timeout" | "failed";
  code: string;
  message: string;
  durationMs: number;
  /** Unreachable hosts back off: 1, 2, 4 … up to 30 intervals. */
  retryAfterMs: number;
};

/** A failed poll: status and backoff updated, and the attempt kept as a probe run. */
export async function recordFailure(
  db: Database,
  hostId: string,
  failure: CollectionFailure,
  run: ProbeRunRecord,
) {
  await db.transaction(async (tx) => {
    await tx.insert(probeRuns).values({ ...run, hostId });
    const [current] = await tx
      .select({ failures: hostCollection.consecutiveFailures })
      .from(hostCollection)
      .where(eq(hostCollection.hostId, hostId));
    const values = {
      state: failure.state,
      lastAttemptAt: failure.at,
      lastErrorAt: failure.at,
      lastErrorCode: failure.code,
      lastErrorMessage: failure.message,
      lastDurationMs: failure.durationMs,
      consecutiveFailures: (current?.failures ?? 0) + 1,
      nextAttemptAt: new Date(failure.at.getTime() + failure.retryAfterMs),
    };
    await tx
      .insert(hostCollection)
      .values({ hostId, ...values })
      .onConflictDoUpdate({ target: hostCollection.hostId, set: values });
  });
}

/**
 * Raw poll outputs are kept for `keepDays`, except each host's newest run, which stays however old:
 * a host that disappeared keeps the last thing it said. Returns how many runs were removed.
 */
export async function pruneProbeRuns(db: Database, keepDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000);
  const removed = await db
    .delete(probeRuns)
    .where(
      and(
        lt(probeRuns.startedAt, cutoff),
        notInArray(
          probeRuns.id,
          db
            .select({ id: sql<number>`max(${probeRuns.id})` })
            .from(probeRuns)
            .groupBy(probeRuns.hostId),
        ),
      ),
    )
    .returning({ id: probeRuns.id });
  return removed.length;
}

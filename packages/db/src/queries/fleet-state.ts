import { and, eq, lt, notInArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { hostCollection, probeRuns } from "../schema";
import type { CurrentStateTable, HostSnapshot, ProbeRunRecord } from "./snapshot-types";
import { recordSnapshots } from "./snapshot-writes";

export type {
  CurrentStateTable,
  HostSnapshot,
  ProbeRunRecord,
  SnapshotWrite,
} from "./snapshot-types";
export { recordSnapshots };

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
  const [id] = await recordSnapshots(db, [{ hostId, snapshot, run, unchanged: options.unchanged }]);
  if (id === undefined) throw new Error("probe run insert returned nothing");
  return id;
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

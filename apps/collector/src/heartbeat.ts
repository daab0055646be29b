import { hostname } from "node:os";
import type { Database } from "@holmes/db/client";
import { pruneEvidence } from "@holmes/db/queries/evidence-retention";
import { recordCollectorCycle } from "@holmes/db/queries/fleet-overview";
import { pruneProbeRuns } from "@holmes/db/queries/fleet-state";
import { thinHistory } from "@holmes/db/queries/history-retention";
import type { HostResult } from "./collect";

export type Heartbeat = ReturnType<typeof createHeartbeat>;

/**
 * What every collector process writes besides polls: its heartbeat row (the fleet page shows
 * whether any collector is alive, and how long its last cycle took) and the hourly pruning of
 * raw outputs older than the retention (each host's newest run is kept).
 */
export function createHeartbeat(options: {
  db: Database;
  intervalMs: number;
  rawRetentionDays?: number;
}) {
  const instance = `${hostname()}:${process.pid}`;
  const startedAt = new Date();
  let lastPruneAt = 0;
  return {
    instance,
    record: async (results: readonly HostResult[], durationMs: number) => {
      const failed = results.filter((r) => !["ok", "partial", "skipped"].includes(r.status));
      await recordCollectorCycle(options.db, {
        instance,
        startedAt,
        lastCycleAt: new Date(),
        lastCycleDurationMs: durationMs,
        hostsPolled: results.length,
        hostsFailed: failed.length,
        pollIntervalMs: options.intervalMs,
      });
    },
    pruneIfDue: async () => {
      if (Date.now() - lastPruneAt < 3_600_000) return;
      lastPruneAt = Date.now();
      await pruneProbeRuns(options.db, options.rawRetentionDays ?? 14, new Date());
      await thinHistory(options.db, new Date());
      await pruneEvidence(options.db, new Date());
    },
  };
}

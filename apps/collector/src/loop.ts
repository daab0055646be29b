import type { Database } from "@holmes/db/client";
import { listPollTargets, type PollTargetRow } from "@holmes/db/queries/hosts";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { type CollectorSettings, collectHosts, type HostResult } from "./collect";
import { createHeartbeat } from "./heartbeat";
import type { PollMemory } from "./poll/poll-memory";
import { RawOutputEncoder } from "./raw-output-encoder";
import { WriteCache } from "./write-cache";

export type CollectorLoop = { stop: () => Promise<void>; cycles: () => number };

/**
 * The in-process collector (no queue): every few seconds it polls the hosts whose interval has
 * passed. It coordinates with no other process, so only one may run against a database; `holmes
 * collector` uses the shared queue instead (queue-collector.ts). A cycle's slow host only holds
 * its own worker; the loop itself never stops on a host's error.
 */
export function startCollectorLoop(options: {
  db: Database;
  settings: CollectorSettings;
  privateKeyFor: (host: PollTargetRow) => Promise<string>;
  onCycle?: (results: HostResult[], durationMs: number) => void;
  tickMs?: number;
  /** Raw poll outputs older than this are pruned hourly (each host's newest run is kept). */
  rawRetentionDays?: number;
}): CollectorLoop {
  const pool = new SshConnectionPool();
  const writeCache = new WriteCache();
  const pollMemory = new Map<string, PollMemory>();
  const rawOutputEncoder = new RawOutputEncoder();
  const lastAttempt = new Map<string, number>();
  let isRunning = true;
  let cycles = 0;
  const heartbeat = createHeartbeat({
    db: options.db,
    intervalMs: options.settings.intervalMs,
    rawRetentionDays: options.rawRetentionDays,
  });
  const tick = async () => {
    const now = Date.now();
    const targets = await listPollTargets(options.db);
    const due = targets.filter(
      (t) => now - (lastAttempt.get(t.id) ?? 0) >= options.settings.intervalMs,
    );
    for (const target of due) lastAttempt.set(target.id, now);
    if (due.length === 0) return;
    const started = performance.now();
    const results = await collectHosts(
      {
        db: options.db,
        pool,
        settings: options.settings,
        privateKeyFor: options.privateKeyFor,
        now: () => new Date(),
        writeCache,
        pollMemory,
        rawOutputEncoder,
        keepOutcomes: false,
      },
      due,
    );
    cycles += 1;
    const durationMs = Math.round(performance.now() - started);
    await heartbeat.record(results, durationMs);
    options.onCycle?.(results, durationMs);
  };
  const done = (async () => {
    while (isRunning) {
      try {
        await tick();
        await heartbeat.pruneIfDue();
      } catch (error) {
        // A database restart or similar: log, wait, try again; never exit on it.
        console.error(
          `holmes collector: cycle failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, options.tickMs ?? 2_000));
    }
  })();
  return {
    cycles: () => cycles,
    stop: async () => {
      isRunning = false;
      await done;
      pool.closeAll();
      await rawOutputEncoder.close();
    },
  };
}

import type { HostPollIntervals } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import type { JobQueue, PollJob, PollJobOutput } from "@holmes/db/jobs";
import { loadHostPollIntervals } from "@holmes/db/queries/group-intervals";
import { listPollTargets, type PollTargetRow } from "@holmes/db/queries/hosts";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { startCheckWorker } from "./checks/check-worker";
import { type CollectDeps, type CollectorSettings, collectHost, type HostResult } from "./collect";
import { createGroupCommit } from "./group-commit";
import { createHeartbeat } from "./heartbeat";
import {
  hostCollectorSettings,
  hostQueueTiming,
  type QueueTiming,
  queueTiming,
} from "./queue-timing";
import { RawOutputEncoder } from "./raw-output-encoder";
import { WriteCache } from "./write-cache";

export type QueueCollector = {
  instance: string;
  timing: QueueTiming;
  /** Stops planning, lets polls in flight finish (or fails their jobs), stops the queue. */
  stop: () => Promise<void>;
};

/**
 * One of any number of collector processes sharing the fleet through pg-boss. Each of them
 * offers a `poll-host` job per enabled host every interval (pg-boss keeps one per host and slot,
 * so the offers of several collectors are harmless) and works the queue with at most
 * `settings.concurrency` polls at once. A collector that dies holds only the jobs it was running;
 * pg-boss expires those and the others poll the hosts on their next slot.
 */
export async function startQueueCollector(options: {
  db: Database;
  /** A started queue; the collector stops it on `stop()`. */
  jobs: JobQueue;
  settings: CollectorSettings;
  privateKeyFor: (host: PollTargetRow) => Promise<string>;
  /** Once per interval, with the polls this process finished in it. */
  onCycle?: (results: HostResult[], durationMs: number) => void;
  rawRetentionDays?: number;
}): Promise<QueueCollector> {
  const { db, jobs, settings } = options;
  const timing = queueTiming(settings);
  const pool = new SshConnectionPool();
  const writeCache = new WriteCache();
  const rawOutputEncoder = new RawOutputEncoder();
  const heartbeat = createHeartbeat({
    db,
    intervalMs: settings.intervalMs,
    rawRetentionDays: options.rawRetentionDays,
  });
  const defaults = {
    stateIntervalMs: settings.intervalMs,
    smartIntervalMs: settings.smartIntervalMs,
  };
  const deps: CollectDeps = {
    db,
    pool,
    settings: { ...settings, pollTimeoutMs: timing.pollTimeoutMs },
    privateKeyFor: options.privateKeyFor,
    now: () => new Date(),
    writeCache,
    pollMemory: new Map(),
    rawOutputEncoder,
    // The cycle window keeps results until the heartbeat; their raw outputs are not needed.
    keepOutcomes: false,
  };
  const window = createCycleWindow();

  // Read the host now, not when the job was queued: a key pinned or accepted meanwhile counts.
  // Its groups' intervals as they are now: SMART due, backoff and staleness all count in them.
  // Read together for the jobs that start together (a fetch brings up to `concurrency`).
  const readTargets = createGroupCommit<PollJob, TargetNow | null>({
    flush: async (polls) => {
      const targets = await listPollTargets(
        db,
        polls.map((p) => p.hostName),
      );
      const intervals = await loadHostPollIntervals(
        db,
        defaults,
        targets.map((t) => t.id),
      );
      const byId = new Map(targets.map((t) => [t.id, t]));
      return polls.map((p) => {
        const target = byId.get(p.hostId);
        return target ? { target, intervals: intervals.get(target.id) } : null;
      });
    },
    maxItems: settings.concurrency,
    parallel: 1,
  });

  const poll = async (job: PollJob): Promise<PollJobOutput> => {
    const now = await readTargets(job);
    if (!now) return { instance: heartbeat.instance, status: "gone" };
    const { target, intervals } = now;
    const hostDeps = intervals
      ? { ...deps, settings: hostCollectorSettings(deps.settings, intervals) }
      : deps;
    const started = performance.now();
    const result = await collectHost(hostDeps, target);
    window.add(result, started, performance.now());
    return { instance: heartbeat.instance, status: result.status };
  };
  await jobs.workPolls(poll, {
    concurrency: settings.concurrency,
    pollingIntervalSeconds: timing.fetchEverySeconds,
  });

  // Runbook checks share the SSH pool but not the poll queue: a responder waits for them.
  const checks = startCheckWorker({
    db,
    pool,
    instance: heartbeat.instance,
    defaultUser: settings.defaultUser,
    connectTimeoutMs: settings.connectTimeoutMs,
    keepaliveIntervalMs: settings.keepaliveIntervalMs,
    privateKeyFor: options.privateKeyFor,
  });

  let isRunning = true;
  // The first heartbeat goes out at once, so the fleet page sees the collector from the start.
  let lastCycleAt = Number.NEGATIVE_INFINITY;
  /** Offers each host its poll in its own interval's slot; returns when to plan again. */
  const tick = async (): Promise<number> => {
    const [targets, intervals] = await Promise.all([
      listPollTargets(db),
      loadHostPollIntervals(db, defaults),
    ]);
    const byInterval = groupByInterval(targets, intervals, settings.intervalMs);
    for (const [intervalMs, batch] of byInterval) {
      const hostTiming = hostQueueTiming(settings, intervalMs);
      await jobs.enqueuePolls(batch, {
        expireInSeconds: hostTiming.expireInSeconds,
        onePerSeconds: hostTiming.slotSeconds,
      });
    }
    if (performance.now() - lastCycleAt >= settings.intervalMs) {
      lastCycleAt = performance.now();
      const { results, durationMs } = window.take();
      await heartbeat.record(results, durationMs);
      options.onCycle?.(results, durationMs);
    }
    await heartbeat.pruneIfDue();
    // The shortest interval in use sets the pace, so a 10 s group is offered in every slot.
    return Math.min(
      timing.planEveryMs,
      ...[...byInterval.keys()].map((ms) => hostQueueTiming(settings, ms).planEveryMs),
    );
  };
  const planning = (async () => {
    while (isRunning) {
      let nextPlanMs = timing.planEveryMs;
      try {
        nextPlanMs = await tick();
      } catch (error) {
        // A database restart or similar: log, wait, try again; never exit on it.
        console.error(
          `holmes collector: planning failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, nextPlanMs));
    }
  })();

  return {
    instance: heartbeat.instance,
    timing,
    stop: async () => {
      isRunning = false;
      await planning;
      await checks.stop();
      await jobs.stop({ timeoutMs: timing.pollTimeoutMs + 5_000 });
      pool.closeAll();
      await rawOutputEncoder.close();
    },
  };
}

/** A host as its poll starts: its row (null if renamed or removed since), its intervals. */
type TargetNow = { target: PollTargetRow; intervals: HostPollIntervals | undefined };

/** The hosts to offer, batched by the state interval that applies to each. */
function groupByInterval(
  targets: readonly PollTargetRow[],
  intervals: ReadonlyMap<string, { stateIntervalMs: number }>,
  defaultMs: number,
): Map<number, PollJob[]> {
  const batches = new Map<number, PollJob[]>();
  for (const target of targets) {
    const intervalMs = intervals.get(target.id)?.stateIntervalMs ?? defaultMs;
    const batch = batches.get(intervalMs) ?? [];
    batch.push({ hostId: target.id, hostName: target.name });
    batches.set(intervalMs, batch);
  }
  return batches;
}

/** The polls finished since the last heartbeat, and the span from the first start to last end. */
function createCycleWindow() {
  let results: HostResult[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  return {
    add: (result: HostResult, startedMs: number, endedMs: number) => {
      results.push(result);
      first = Math.min(first, startedMs);
      last = Math.max(last, endedMs);
    },
    take: () => {
      const taken = { results, durationMs: results.length > 0 ? Math.round(last - first) : 0 };
      results = [];
      first = Number.POSITIVE_INFINITY;
      last = Number.NEGATIVE_INFINITY;
      return taken;
    },
  };
}

import PgBoss from "pg-boss";
import { type FetchPump, startFetchPump } from "./fetch-pump";
import { createPgExecutor } from "./pg-executor";

/** One job per host poll; the collectors work it, any process may enqueue. */
export const POLL_HOST_QUEUE = "poll-host";
/** pg-boss creates and migrates its own schema (not a drizzle migration). */
export const JOB_SCHEMA = "pgboss";

export type PollJob = { hostId: string; hostName: string };
/** What a worker reports; pg-boss keeps it as the job's output (which collector polled, how). */
export type PollJobOutput = { instance: string; status: string };

export type JobQueueOptions = {
  url: string;
  /** Connections of pg-boss's own pool (the `pg` driver, beside the app's postgres-js pool). */
  maxConnections?: number;
  applicationName?: string;
  /** How often some process fails the jobs held past their expiry (by a collector that died). */
  maintenanceIntervalSeconds?: number;
  /** Finished jobs stay this long in the job table: at least one throttle slot (poll interval). */
  keepFinishedSeconds?: number;
  onError?: (error: Error) => void;
};

export type EnqueuePollsOptions = {
  /** A job still active this long after it started is failed: its holder is presumed dead. */
  expireInSeconds: number;
  /** At most one job per host in each epoch-aligned slot of this many seconds (the interval). */
  onePerSeconds?: number;
};

export type WorkPollsOptions = { concurrency: number; pollingIntervalSeconds?: number };

export type JobQueue = {
  start: () => Promise<void>;
  /** Stops fetching, waits up to `timeoutMs` for handlers in flight, fails the rest, closes. */
  stop: (options?: { timeoutMs?: number }) => Promise<void>;
  /** Offers one poll per host; hosts with a queued or running poll are left alone. */
  enqueuePolls: (jobs: readonly PollJob[], options: EnqueuePollsOptions) => Promise<void>;
  workPolls: (
    handler: (job: PollJob) => Promise<PollJobOutput>,
    options: WorkPollsOptions,
  ) => Promise<void>;
};

/**
 * pg-boss 10 as Holmes uses it. The `stately` policy lets a host have at most one queued and one
 * active poll, enforced by unique indexes, so no host is ever polled by two workers at once.
 * pg-boss fetches the oldest jobs first and a fetch that would break the "one active" index fails
 * as a whole, stalling the queue while that poll runs; so a host that already has a live job is
 * never offered another, and each host has at most one live job. No retries: a failed or expired
 * poll is simply planned again in the next slot.
 */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const onError = options.onError ?? ((error) => console.error(`holmes jobs: ${error.message}`));
  const executor = createPgExecutor({
    url: options.url,
    max: options.maxConnections ?? 4,
    applicationName: options.applicationName ?? "holmes-jobs",
    onError,
  });
  const boss = new PgBoss({
    db: executor,
    schema: JOB_SCHEMA,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    archiveCompletedAfterSeconds: options.keepFinishedSeconds ?? 3_600,
    deleteAfterDays: 1,
  });
  boss.on("error", onError);
  let pump: FetchPump | null = null;

  return {
    start: async () => {
      await boss.start();
      const queue = { name: POLL_HOST_QUEUE, policy: "stately", retryLimit: 0 } as const;
      await createQueueRacing(boss, queue);
      // createQueue keeps an existing queue as it was; the policy is what prevents double polls.
      await boss.updateQueue(POLL_HOST_QUEUE, queue);
    },
    stop: async (stopOptions = {}) => {
      await pump?.stop(stopOptions.timeoutMs ?? 30_000);
      await boss.stop({ graceful: true, wait: true, timeout: stopOptions.timeoutMs ?? 30_000 });
      await executor.close();
    },
    enqueuePolls: async (jobs, enqueueOptions) => {
      const busy = await busyHostIds(executor.executeSql);
      const offered = jobs.filter((job) => !busy.has(job.hostId));
      if (offered.length === 0) return;
      // One statement for the whole batch; duplicates (same slot, or raced) are dropped by pg-boss.
      await boss.insert(
        offered.map((job) => ({
          name: POLL_HOST_QUEUE,
          data: job,
          singletonKey: job.hostId,
          singletonSeconds: enqueueOptions.onePerSeconds,
          expireInSeconds: enqueueOptions.expireInSeconds,
          retryLimit: 0,
        })),
      );
      pump?.nudge();
    },
    // One fetch pump (fetch-pump.ts), not pg-boss's work(): that runs one job per polling interval.
    workPolls: async (handler, workOptions) => {
      if (pump) throw new Error("workPolls was already called on this queue");
      pump = startFetchPump<PollJob>({
        queue: {
          fetch: (batchSize) => boss.fetch<PollJob>(POLL_HOST_QUEUE, { batchSize }),
          // pg-boss 10 completes a list of ids with one output; its types know only one id.
          complete: (ids, output) =>
            boss.complete(POLL_HOST_QUEUE, ids as unknown as string, output),
          fail: (ids, message) =>
            Promise.all(ids.map((id) => boss.fail(POLL_HOST_QUEUE, id, { message }))),
        },
        handler,
        concurrency: workOptions.concurrency,
        idleMs: (workOptions.pollingIntervalSeconds ?? 2) * 1000,
        onError,
      });
    },
  };
}

async function busyHostIds(
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>,
): Promise<Set<string>> {
  const { rows } = await executeSql(
    `SELECT DISTINCT singleton_key AS "hostId" FROM ${JOB_SCHEMA}.job
      WHERE name = $1 AND state < 'completed' AND singleton_key IS NOT NULL`,
    [POLL_HOST_QUEUE],
  );
  return new Set((rows as Array<{ hostId: string }>).map((row) => row.hostId));
}

/**
 * pg-boss 10's create_queue is not serialized: two collectors starting together on a fresh
 * database can deadlock in it (Postgres aborts one). The other one created the queue, so the
 * loser's next try finds it and does nothing.
 */
async function createQueueRacing(
  boss: PgBoss,
  queue: { name: string; policy: "stately"; retryLimit: number },
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const isRace = code === "40P01" || code === "23505";
      if (!isRace || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

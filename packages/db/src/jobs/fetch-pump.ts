/** What the pump needs of pg-boss: fetch a batch, and report each job's end. */
export type PumpQueue<J> = {
  fetch: (batchSize: number) => Promise<Array<{ id: string; data: J }>>;
  /** Completes jobs that reported the same output. */
  complete: (ids: string[], output: object) => Promise<unknown>;
  fail: (ids: string[], message: string) => Promise<unknown>;
};

export type FetchPump = {
  /** Look at the queue now rather than at the next idle poll (jobs were just offered). */
  nudge: () => void;
  /** Stops fetching, waits up to `timeoutMs` for jobs in flight, fails the rest. */
  stop: (timeoutMs: number) => Promise<void>;
};

/** How long a free slot may wait for others before the pump fetches for it alone. */
const GATHER_MS = 20;

/**
 * Keeps up to `concurrency` jobs running, fetching as many as there are free slots, from the
 * moment one is free. pg-boss 10's own `work()` is one job per loop, and each loop waits its
 * polling interval after every job, however many are queued: 32 loops polling every 2 s ran
 * 16 polls a second, and a 1,000-host fleet took longer than its 60 s interval. The pump waits
 * `idleMs` only when a fetch came back short (the queue is empty), or until nudged. Slots that
 * free one by one are gathered for a moment, so a busy queue is not one fetch per finished job.
 */
export function startFetchPump<J>(options: {
  queue: PumpQueue<J>;
  handler: (data: J) => Promise<object>;
  concurrency: number;
  idleMs: number;
  onError: (error: Error) => void;
}): FetchPump {
  const { queue, handler, concurrency, onError } = options;
  /** Free slots worth a fetch of their own; fewer wait up to GATHER_MS for company. */
  const gatherSlots = Math.max(1, Math.floor(concurrency / 4));
  const inFlight = new Map<string, Promise<void>>();
  let isStopping = false;
  let wake: (() => void) | null = null;
  /** Why the loop sleeps: a free slot (woken by a job's end) or new jobs (by the clock, a nudge). */
  let sleepsFor: "slot" | "jobs" | null = null;

  const sleep = (reason: "slot" | "jobs", ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        sleepsFor = null;
        resolve();
      }
      sleepsFor = reason;
      wake = done;
    });

  const completions = createCompletionBatcher(queue);

  /**
   * A job's slot frees once its end is written, so what pg-boss shows active is never more than
   * `concurrency`: a collector that dies leaves at most that many to expire.
   */
  const freeSlots = () => concurrency - inFlight.size;

  const run = (job: { id: string; data: J }) => {
    const settled = (async () => {
      try {
        const output = await handler(job.data);
        await completions.complete(job.id, output);
      } catch (error) {
        await fail(job.id, error);
      }
    })().finally(() => {
      inFlight.delete(job.id);
      if (sleepsFor === "slot" && freeSlots() >= gatherSlots) wake?.();
    });
    inFlight.set(job.id, settled);
  };

  const fail = (id: string, error: unknown) =>
    queue
      .fail([id], error instanceof Error ? error.message : String(error))
      .catch((failed: Error) => onError(failed));

  const loop = (async () => {
    while (!isStopping) {
      if (freeSlots() < gatherSlots) {
        // Let a few slots free up and fetch them together: each fetch is a locking query.
        await sleep("slot", freeSlots() > 0 ? GATHER_MS : options.idleMs);
        if (freeSlots() <= 0 || isStopping) continue;
      }
      const free = freeSlots();
      let jobs: Array<{ id: string; data: J }> = [];
      try {
        jobs = await queue.fetch(free);
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)));
      }
      if (isStopping) {
        // Fetched while stopping: they are active now, and nobody will poll them.
        if (jobs.length > 0)
          await queue
            .fail(
              jobs.map((job) => job.id),
              "collector stopped",
            )
            .catch(onError);
        break;
      }
      for (const job of jobs) run(job);
      if (jobs.length < free) await sleep("jobs", options.idleMs);
    }
  })();

  return {
    nudge: () => {
      if (sleepsFor === "jobs") wake?.();
    },
    stop: async (timeoutMs) => {
      isStopping = true;
      wake?.();
      await loop;
      const left = [...inFlight.values()];
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all(left), timedOut]);
      clearTimeout(timer);
      const held = [...inFlight.keys()];
      if (held.length > 0) await queue.fail(held, "collector stopped while polling").catch(onError);
    },
  };
}

/**
 * Jobs that end in the same turn of the event loop are completed together, one statement per
 * distinct output (most polls report the same: this collector, "ok").
 */
function createCompletionBatcher(queue: Pick<PumpQueue<unknown>, "complete">) {
  type Waiting = { resolve: () => void; reject: (error: unknown) => void };
  type Batch = { output: object; ids: string[]; waiting: Waiting[] };
  let pending = new Map<string, Batch>();
  const flush = async () => {
    const batches = [...pending.values()];
    pending = new Map();
    await Promise.all(
      batches.map(async (batch) => {
        try {
          await queue.complete(batch.ids, batch.output);
          for (const waiting of batch.waiting) waiting.resolve();
        } catch (error) {
          for (const waiting of batch.waiting) waiting.reject(error);
        }
      }),
    );
  };
  return {
    complete: (id: string, output: object) =>
      new Promise<void>((resolve, reject) => {
        if (pending.size === 0) setImmediate(flush);
        const key = JSON.stringify(output);
        const batch = pending.get(key) ?? { output, ids: [], waiting: [] };
        batch.ids.push(id);
        batch.waiting.push({ resolve, reject });
        pending.set(key, batch);
      }),
  };
}

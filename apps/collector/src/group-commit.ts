/**
 * Group commit: callers hand in one item each and wait for its result, while the items that
 * arrive during a flush are flushed together in the next one. With 64 polls in flight the
 * database sees a few multi-row transactions instead of one small transaction per host; a lone
 * caller waits for nothing (a flush starts as soon as one is free).
 *
 * A flush that fails is retried item by item, so one host's bad row costs only that host.
 */
export type GroupCommit<I, O> = (item: I) => Promise<O>;

type Waiting<I, O> = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };

export function createGroupCommit<I, O>(options: {
  /** Stores the items; returns one result per item, in order. */
  flush: (items: I[]) => Promise<O[]>;
  /** Most items per flush. */
  maxItems: number;
  /** Flushes at once (each holds a database connection). */
  parallel: number;
}): GroupCommit<I, O> {
  const queue: Array<Waiting<I, O>> = [];
  let running = 0;

  const settle = async (batch: Array<Waiting<I, O>>) => {
    try {
      const results = await options.flush(batch.map((w) => w.item));
      for (const [index, waiting] of batch.entries()) waiting.resolve(results[index] as O);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const waiting of batch) await settle([waiting]);
    }
  };

  const pump = () => {
    while (running < options.parallel && queue.length > 0) {
      const batch = queue.splice(0, options.maxItems);
      running += 1;
      void settle(batch).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Items handed in during the same turn of the event loop go out together.
      if (queue.length === 1) setImmediate(pump);
    });
}

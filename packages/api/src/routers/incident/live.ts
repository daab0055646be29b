import type { TimelineBroker, TimelineSignal } from "@holmes/db/live";

/**
 * The signals one subscriber cares about, as an async iterator that ends when the client goes
 * away. Signals that arrive while the consumer is busy are queued, never dropped.
 */
export async function* signalsFor(
  broker: TimelineBroker,
  matches: (signal: TimelineSignal) => boolean,
  abort: AbortSignal | undefined,
): AsyncGenerator<TimelineSignal> {
  const queue: TimelineSignal[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = broker.subscribe((signal) => {
    if (!matches(signal)) return;
    queue.push(signal);
    wake?.();
  });
  const onAbort = () => wake?.();
  abort?.addEventListener("abort", onAbort);
  try {
    while (!abort?.aborted) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    unsubscribe();
    abort?.removeEventListener("abort", onAbort);
  }
}

/**
 * The clocks of the shared poll queue, all derived from the poll interval so that a collector
 * that dies is noticed, and its hosts polled by another, within about one interval:
 * - a poll may take `pollTimeoutMs` (connect and commands share it);
 * - pg-boss fails a job still active `expireInSeconds` after it started: the poll's budget plus
 *   time for its database writes, so a live collector never loses a job it is still working;
 * - some collector runs pg-boss maintenance (which applies that expiry) every
 *   `maintenanceIntervalSeconds`, chosen so that expiry plus maintenance fit in one interval.
 */
export type QueueTiming = {
  pollTimeoutMs: number;
  expireInSeconds: number;
  maintenanceIntervalSeconds: number;
  /** Each collector offers the due polls this often; duplicates are dropped by pg-boss. */
  planEveryMs: number;
  /** An idle worker asks for a job this often. */
  fetchEverySeconds: number;
  /** One slot of pg-boss's throttle: at most one poll per host per slot. */
  slotSeconds: number;
  /** Finished jobs stay in pg-boss's job table this long (≥ one slot, or the throttle forgets). */
  keepFinishedSeconds: number;
};

export const MAX_DEFAULT_POLL_TIMEOUT_MS = 60_000;

/** Half the interval, at most a minute: a poll slower than that is a host in trouble. */
export function defaultPollTimeoutMs(intervalMs: number): number {
  return Math.min(intervalMs / 2, MAX_DEFAULT_POLL_TIMEOUT_MS);
}

export function queueTiming(settings: { intervalMs: number; pollTimeoutMs?: number }): QueueTiming {
  const intervalSeconds = Math.max(1, Math.round(settings.intervalMs / 1000));
  const pollTimeoutMs = settings.pollTimeoutMs ?? defaultPollTimeoutMs(settings.intervalMs);
  const writeSlackMs = Math.min(pollTimeoutMs / 2, 15_000);
  const expireInSeconds = Math.ceil((pollTimeoutMs + writeSlackMs) / 1000);
  return {
    pollTimeoutMs,
    expireInSeconds,
    maintenanceIntervalSeconds: clamp(Math.floor((intervalSeconds - expireInSeconds) / 2), 1, 60),
    planEveryMs: clamp(settings.intervalMs / 4, 1_000, 5_000),
    fetchEverySeconds: clamp(intervalSeconds / 10, 0.5, 2),
    slotSeconds: intervalSeconds,
    keepFinishedSeconds: Math.max(3_600, 2 * intervalSeconds),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * The clocks of one host whose groups set their own interval: its slot and expiry follow that
 * interval, and its poll gets the configured budget but never more than half the interval, so
 * expiry plus maintenance still fit in one of its intervals and a missed poll is not doubled.
 */
export function hostQueueTiming(
  settings: { intervalMs: number; pollTimeoutMs?: number },
  hostIntervalMs: number,
): QueueTiming {
  const budgetMs = settings.pollTimeoutMs ?? defaultPollTimeoutMs(settings.intervalMs);
  return queueTiming({
    intervalMs: hostIntervalMs,
    pollTimeoutMs: Math.min(budgetMs, hostIntervalMs / 2),
  });
}

/** The settings one host is polled with: its own intervals in place of the collector's. */
export function hostCollectorSettings<
  Settings extends { intervalMs: number; smartIntervalMs: number; pollTimeoutMs?: number },
>(settings: Settings, intervals: { stateIntervalMs: number; smartIntervalMs: number }): Settings {
  return {
    ...settings,
    intervalMs: intervals.stateIntervalMs,
    smartIntervalMs: intervals.smartIntervalMs,
    pollTimeoutMs: hostQueueTiming(settings, intervals.stateIntervalMs).pollTimeoutMs,
  };
}

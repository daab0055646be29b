import { type GroupPollIntervals, hostPollIntervals, STALE_AFTER_INTERVALS } from "@holmes/core";

/** The poll interval assumed when no collector has reported yet. */
const DEFAULT_POLL_INTERVAL_MS = 60_000;

/** The slowest collector sets the default pace at which a host's data can be expected to refresh. */
export function defaultPollIntervalMs(
  collectors: ReadonlyArray<{ pollIntervalMs: number }>,
): number {
  return collectors.length > 0
    ? Math.max(...collectors.map((c) => c.pollIntervalMs))
    : DEFAULT_POLL_INTERVAL_MS;
}

/**
 * A host's own state interval (its groups' shortest, else the default) and when its data turns
 * stale. The collectors report no SMART interval, and no reader here needs one.
 */
export function hostFreshness(
  hostGroups: readonly string[],
  groupIntervals: readonly GroupPollIntervals[],
  defaultMs: number,
): { intervalMs: number; fromGroup: string | null; staleAfterMs: number } {
  const defaults = { stateIntervalMs: defaultMs, smartIntervalMs: defaultMs };
  const { stateIntervalMs, stateFrom } = hostPollIntervals(hostGroups, groupIntervals, defaults);
  return {
    intervalMs: stateIntervalMs,
    fromGroup: stateFrom,
    staleAfterMs: STALE_AFTER_INTERVALS * stateIntervalMs,
  };
}

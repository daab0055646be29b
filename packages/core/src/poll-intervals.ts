import { z } from "zod";

/**
 * Per-group poll intervals. A group may set how often its hosts' state is read and how often
 * their disks' SMART data is; a host in several groups takes the shortest interval any of them
 * sets (the closest watch anyone asked for), and a host in none takes the collector's default.
 */

/**
 * Bounds in seconds. A poll is two SSH round trips and must end within half its interval, so
 * 10 s is the least that leaves a slow host room. The queue remembers a finished poll for an
 * hour (its throttle slot), so a state interval past that would be polled early; SMART is read
 * during a poll, so its interval is never shorter than two minutes nor longer than a day.
 */
export const POLL_INTERVAL_LIMITS = {
  state: { minSeconds: 10, maxSeconds: 3_600 },
  smart: { minSeconds: 120, maxSeconds: 86_400 },
} as const;

/** Three intervals without a successful poll make a host's data stale. */
export const STALE_AFTER_INTERVALS = 3;

function intervalSchema(what: string, limits: { minSeconds: number; maxSeconds: number }) {
  return z
    .int(`The ${what} interval is a whole number of seconds`)
    .min(limits.minSeconds, `The ${what} interval must be at least ${limits.minSeconds} s`)
    .max(limits.maxSeconds, `The ${what} interval must be at most ${limits.maxSeconds} s`)
    .nullable();
}

/** One group's setting; null means "the collector's default" for that interval. */
export const GROUP_POLL_INTERVAL_FIELDS = {
  stateIntervalSeconds: intervalSchema("state", POLL_INTERVAL_LIMITS.state),
  smartIntervalSeconds: intervalSchema("SMART", POLL_INTERVAL_LIMITS.smart),
};

/** SMART is read by a poll, so a SMART interval shorter than the state one means nothing. */
export const SMART_NOT_SHORTER = {
  check: (value: { stateIntervalSeconds: number | null; smartIntervalSeconds: number | null }) =>
    value.stateIntervalSeconds === null ||
    value.smartIntervalSeconds === null ||
    value.smartIntervalSeconds >= value.stateIntervalSeconds,
  params: {
    path: ["smartIntervalSeconds"],
    message:
      "The SMART interval cannot be shorter than the state interval: SMART is read by a poll",
  },
};

export const GroupPollIntervalsSchema = z
  .object(GROUP_POLL_INTERVAL_FIELDS)
  .refine(SMART_NOT_SHORTER.check, SMART_NOT_SHORTER.params);
export type GroupPollIntervalsSetting = z.infer<typeof GroupPollIntervalsSchema>;

export type GroupPollIntervals = GroupPollIntervalsSetting & { group: string };

export type HostPollIntervals = {
  stateIntervalMs: number;
  smartIntervalMs: number;
  /** The group whose setting won, or null for the collector's default. */
  stateFrom: string | null;
  smartFrom: string | null;
};

/** The intervals that apply to a host with these groups; the shortest set by any group wins. */
export function hostPollIntervals(
  hostGroups: readonly string[],
  settings: readonly GroupPollIntervals[],
  defaults: { stateIntervalMs: number; smartIntervalMs: number },
): HostPollIntervals {
  const mine = settings.filter((setting) => hostGroups.includes(setting.group));
  const state = shortest(mine, (setting) => setting.stateIntervalSeconds);
  const smart = shortest(mine, (setting) => setting.smartIntervalSeconds);
  return {
    stateIntervalMs: state ? state.seconds * 1000 : defaults.stateIntervalMs,
    smartIntervalMs: smart ? smart.seconds * 1000 : defaults.smartIntervalMs,
    stateFrom: state?.group ?? null,
    smartFrom: smart?.group ?? null,
  };
}

function shortest(
  settings: readonly GroupPollIntervals[],
  secondsOf: (setting: GroupPollIntervals) => number | null,
): { group: string; seconds: number } | null {
  let best: { group: string; seconds: number } | null = null;
  for (const setting of settings) {
    const seconds = secondsOf(setting);
    // Ties go to the group named first, so the answer does not depend on row order.
    const isBetter =
      seconds !== null &&
      (best === null ||
        seconds < best.seconds ||
        (seconds === best.seconds && setting.group < best.group));
    if (isBetter) best = { group: setting.group, seconds };
  }
  return best;
}

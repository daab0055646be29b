/**
 * What every scenario is: a host of its own and a pure timeline over one cycle. Times inside a
 * cycle are "scenario milliseconds"; with speed 10 a 30-minute cycle plays in 3 wall minutes.
 * Log lines are stamped in wall-clock time so `journalctl --since @<last poll>` sees each once.
 */
import type { HostModel, KernelLogLine, MdArrayModel } from "../model";
import { createRng, mix, type Rng } from "../prng";

export const SCENARIO_IDS = [
  "md-split-on-create",
  "disk-wearout-rebuild",
  "superblock-overwrite",
  "nfs-failover",
  "raid6-grow-old-kernel",
  "swiotlb-crash",
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export const MINUTE = 60_000;
export const CYCLE_MS = 30 * MINUTE;

/** Where the current cycle started on the wall clock, and how fast scenario time runs. */
export type ScenarioClock = { cycleStartMs: number; speed: number };

/** Without a fleet: log lines stamped in milliseconds since the scenario started, speed 1. */
export const SCENARIO_START: ScenarioClock = { cycleStartMs: 0, speed: 1 };

export type ScenarioContext = { hostname: string; index: number; rng: Rng; epochMs: number };

export type Scenario = {
  id: ScenarioId;
  title: string;
  cycleMs: number;
  /** Named moments of the cycle (scenario ms), for tests and for the demo's narration. */
  marks: Readonly<Record<string, number>>;
  buildHost: (ctx: ScenarioContext) => HostModel;
  /** The host `elapsedMs` into the cycle; pure in its arguments. */
  stateAt: (base: HostModel, elapsedMs: number, clock?: ScenarioClock) => HostModel;
};

/**
 * A PRNG for state a timeline creates (new ids after a reinstall or a re-create): seeded from the
 * host's first boot id, which the fleet seed decided, plus a salt for the event.
 */
export function eventRng(base: HostModel, salt: number): Rng {
  return createRng(Number.parseInt(base.boots[0]?.id.slice(0, 8) ?? "0", 16) ^ salt);
}

export function wallAt(clock: ScenarioClock, elapsedMs: number): number {
  return clock.cycleStartMs + elapsedMs / clock.speed;
}

/** 0 before `from`, 1 after `to`, linear in between. */
export function progress(elapsedMs: number, from: number, to: number): number {
  if (elapsedMs <= from) return 0;
  if (elapsedMs >= to) return 1;
  return (elapsedMs - from) / (to - from);
}

export type TimedLine = { at: number; message: string; source?: string };

/** The scripted lines that have happened by `elapsedMs`, appended to the host's log. */
export function withLines(
  host: HostModel,
  clock: ScenarioClock,
  elapsedMs: number,
  lines: readonly TimedLine[],
): HostModel {
  const happened: KernelLogLine[] = lines
    .filter((line) => line.at <= elapsedMs)
    .map((line) => ({
      atMs: wallAt(clock, line.at),
      message: line.message,
      source: line.source ?? "kernel",
    }));
  return happened.length === 0 ? host : { ...host, kernelLog: [...host.kernelLog, ...happened] };
}

export function mapArray(
  host: HostModel,
  name: string,
  change: (array: MdArrayModel) => MdArrayModel,
): HostModel {
  return {
    ...host,
    mdArrays: host.mdArrays.map((array) => (array.name === name ? change(array) : array)),
  };
}

/** Deterministic small wobble in [-1, 1], constant over each `periodMs` of the cycle. */
export function wobble(elapsedMs: number, periodMs: number): number {
  return mix(Math.floor(elapsedMs / periodMs)) * 2 - 1;
}

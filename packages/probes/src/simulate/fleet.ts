/**
 * The simulated fleet: N hosts from one seed. Each host draws from its own PRNG stream, so host
 * 7 is the same whether the fleet has 24 or 1,000 hosts. Scenario hosts are spread evenly over
 * the fleet (24 hosts, 6 scenarios: stor-a03, a07, a11, a15, a19, a23); the rest are healthy.
 * No clock is read: time is always an argument, and `epochMs` is when every scenario starts.
 */
import { assembleHost } from "./blueprint";
import { advanceClock } from "./clock";
import type { HostModel } from "./model";
import { createRng, hostSeed, type Rng } from "./prng";
import { randomBlueprint } from "./random-host";
import { SCENARIOS } from "./scenarios/registry";
import { SCENARIO_IDS, type ScenarioClock, type ScenarioId } from "./scenarios/timeline";

/** 2025-01-06T08:00:00Z: the default start, so tests and benchmarks need no clock. */
export const DEFAULT_EPOCH_MS = Date.UTC(2025, 0, 6, 8, 0, 0);

export type FleetOptions = {
  hosts: number;
  seed: number;
  scenarios: "all" | readonly ScenarioId[];
  epochMs?: number;
  /** Scenario time per wall time; 10 plays a 30-minute cycle in 3 minutes. */
  speed?: number;
};

export type FleetHost = {
  readonly index: number;
  readonly hostname: string;
  readonly scenario: ScenarioId | null;
  /** The host at the scenario's start, before the clock; built on first use, then kept. */
  readonly base: HostModel;
};

export type Fleet = {
  seed: number;
  epochMs: number;
  speed: number;
  hosts: FleetHost[];
  byName: ReadonlyMap<string, FleetHost>;
  scenarioHosts: Partial<Record<ScenarioId, string>>;
};

/** stor-a01 … stor-a40, stor-b01 …: forty hosts to a rack letter. */
export function fleetHostname(index: number): string {
  const rack = Math.floor(index / 40);
  const letters =
    rack < 26
      ? String.fromCharCode(97 + rack)
      : `${String.fromCharCode(96 + Math.floor(rack / 26))}${String.fromCharCode(97 + (rack % 26))}`;
  return `stor-${letters}${String((index % 40) + 1).padStart(2, "0")}`;
}

export function createFleet(options: FleetOptions): Fleet {
  const epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
  const chosen = options.scenarios === "all" ? [...SCENARIO_IDS] : [...options.scenarios];
  const placed = placeScenarios(options.hosts, chosen);
  const hosts: FleetHost[] = [];
  const scenarioHosts: Partial<Record<ScenarioId, string>> = {};
  for (let index = 0; index < options.hosts; index++) {
    const hostname = fleetHostname(index);
    const scenario = placed.get(index) ?? null;
    if (scenario) scenarioHosts[scenario] = hostname;
    const build = () => {
      const rng = createRng(hostSeed(options.seed, index));
      const context = { hostname, index, rng, epochMs };
      return scenario
        ? SCENARIOS[scenario].buildHost(context)
        : healthyHost(rng, hostname, index, epochMs);
    };
    hosts.push(lazyHost({ index, hostname, scenario }, build));
  }
  const byName = new Map(hosts.map((h) => [h.hostname, h]));
  return { seed: options.seed, epochMs, speed: options.speed ?? 1, hosts, byName, scenarioHosts };
}

/**
 * Each host owns its PRNG stream, so building it later (or never) changes nothing else; a
 * 1,000-host benchmark fleet then costs only the hosts a caller actually looks at.
 */
function lazyHost(identity: Omit<FleetHost, "base">, build: () => HostModel): FleetHost {
  let base: HostModel | null = null;
  return {
    ...identity,
    get base() {
      base ??= build();
      return base;
    },
  };
}

function placeScenarios(hostCount: number, scenarios: ScenarioId[]): Map<number, ScenarioId> {
  const placed = new Map<number, ScenarioId>();
  const count = Math.min(hostCount, scenarios.length);
  for (let k = 0; k < count; k++) {
    const scenario = scenarios[k];
    if (scenario) placed.set(Math.floor(((k + 0.5) * hostCount) / count), scenario);
  }
  return placed;
}

function healthyHost(rng: Rng, hostname: string, index: number, epochMs: number): HostModel {
  const host = assembleHost(randomBlueprint(rng, hostname, index, epochMs), rng);
  // A few hosts never got smartmontools; a few backup boxes spin their data disks down.
  if (rng.chance(0.04)) host.missingCommands = ["smartctl"];
  if (rng.chance(0.05)) {
    host.disks = host.disks.map((d) => (d.rotationRate > 0 ? { ...d, isStandby: true } : d));
  }
  return host;
}

/** Where a scenario is in its cycle at `at`, and the wall-clock frame of that cycle. */
export function scenarioTime(fleet: Fleet, scenario: ScenarioId, at: Date | number) {
  const atMs = typeof at === "number" ? at : at.getTime();
  const cycleMs = SCENARIOS[scenario].cycleMs;
  const simulated = Math.max(0, (atMs - fleet.epochMs) * fleet.speed);
  const cycle = Math.floor(simulated / cycleMs);
  const clock: ScenarioClock = {
    cycleStartMs: fleet.epochMs + (cycle * cycleMs) / fleet.speed,
    speed: fleet.speed,
  };
  return { cycle, elapsedMs: simulated - cycle * cycleMs, clock };
}

/** The host's full state at `at`, or null for a hostname not in the fleet. */
export function hostAt(fleet: Fleet, hostname: string, at: Date | number): HostModel | null {
  const entry = fleet.byName.get(hostname);
  if (!entry) return null;
  const atMs = typeof at === "number" ? at : at.getTime();
  let host = entry.base;
  if (entry.scenario) {
    const { elapsedMs, clock } = scenarioTime(fleet, entry.scenario, atMs);
    host = SCENARIOS[entry.scenario].stateAt(entry.base, elapsedMs, clock);
  }
  return advanceClock(host, atMs, fleet.epochMs);
}

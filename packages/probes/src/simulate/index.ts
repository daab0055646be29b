export type { Fleet, FleetHost, FleetOptions } from "./fleet";
export { createFleet, DEFAULT_EPOCH_MS, fleetHostname, hostAt, scenarioTime } from "./fleet";
export type * from "./model";
export type { CommandOutput } from "./render/command";
export { readsClock, renderCommand } from "./render/command";
export { SCENARIOS } from "./scenarios/registry";
export type { Scenario, ScenarioClock, ScenarioId } from "./scenarios/timeline";
export { SCENARIO_IDS, SCENARIO_START } from "./scenarios/timeline";

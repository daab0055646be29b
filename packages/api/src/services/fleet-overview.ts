import { HOST_HEALTHS, type HostHealth, hostHealth } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { listCollectorStatus, listFleetTiles } from "@holmes/db/queries/fleet-overview";
import { listGroupPollIntervals } from "@holmes/db/queries/group-intervals";
import { defaultPollIntervalMs, hostFreshness } from "./poll-interval";

/** A collector that has not finished a cycle in this many intervals is shown as down. */
const COLLECTOR_SILENT_AFTER_INTERVALS = 3;

export type FleetFilter = {
  groups?: string[];
  healths?: HostHealth[];
  ruleId?: string;
  text?: string;
};

/**
 * The fleet page's data: every host's health for the counts, the filtered tiles for the grid,
 * and whether collection itself is working (a dead collector makes every host stale, and says so).
 */
export async function fleetOverview(db: Database, filter: FleetFilter, now: Date) {
  const [tiles, collectors, groupIntervals] = await Promise.all([
    listFleetTiles(db),
    listCollectorStatus(db),
    listGroupPollIntervals(db),
  ]);
  const interval = defaultPollIntervalMs(collectors);
  const hosts = tiles
    .filter((tile) => tile.isEnabled)
    .map((tile) => {
      // A host's groups may set their own interval; stale is three of the host's own.
      const { staleAfterMs } = hostFreshness(tile.groups, groupIntervals, interval);
      return {
        ...tile,
        staleAfterMs,
        health: hostHealth({
          worstSeverity: tile.worstSeverity,
          lastSuccessAt: tile.lastSuccessAt,
          now,
          staleAfterMs,
        }),
      };
    });
  const counts = Object.fromEntries(HOST_HEALTHS.map((h) => [h, 0])) as Record<HostHealth, number>;
  for (const host of hosts) counts[host.health] += 1;
  const text = filter.text?.trim().toLowerCase();
  const matching = hosts.filter(
    (host) =>
      (!filter.healths?.length || filter.healths.includes(host.health)) &&
      (!filter.groups?.length || filter.groups.some((g) => host.groups.includes(g))) &&
      (!filter.ruleId || host.ruleIds.includes(filter.ruleId)) &&
      (!text || host.name.toLowerCase().includes(text)),
  );
  return {
    now,
    counts,
    total: hosts.length,
    disabled: tiles.length - hosts.length,
    groups: [...new Set(hosts.flatMap((h) => h.groups))].sort(),
    hosts: matching,
    collectors: collectors.map((c) => ({
      ...c,
      isSilent:
        now.getTime() - c.lastCycleAt.getTime() >
        COLLECTOR_SILENT_AFTER_INTERVALS * Math.max(c.pollIntervalMs, c.lastCycleDurationMs),
    })),
    pollIntervalMs: interval,
  };
}

import type { Database } from "@holmes/db/client";
import { listFleetHosts } from "@holmes/db/queries/fleet";
import { listCollectorStatus } from "@holmes/db/queries/fleet-overview";
import { listGroupPollIntervals } from "@holmes/db/queries/group-intervals";
import { defaultPollIntervalMs, hostFreshness } from "./poll-interval";

/** The fleet list, each host with the age at which its data is stale (its own interval). */
export async function fleetHostList(db: Database) {
  const [hosts, collectors, groupIntervals] = await Promise.all([
    listFleetHosts(db),
    listCollectorStatus(db),
    listGroupPollIntervals(db),
  ]);
  const defaultMs = defaultPollIntervalMs(collectors);
  return hosts.map((host) => ({
    ...host,
    staleAfterMs: hostFreshness(host.groups, groupIntervals, defaultMs).staleAfterMs,
  }));
}

import { AppError, type FindingSeverity, type HostHealth, hostHealth } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { listCollectorStatus } from "@holmes/db/queries/fleet-overview";
import { listGroupPollIntervals } from "@holmes/db/queries/group-intervals";
import { type ArrayDetail, type HostDetail, hostDetail } from "@holmes/db/queries/host-detail";
import { failuresLeft, mirrorSets } from "@holmes/findings";
import { buildTopology, type TopologyNode } from "./host-topology";
import { type MountRisk, mountRisks } from "./nfs-risks";
import { defaultPollIntervalMs, hostFreshness } from "./poll-interval";

export type ArrayRedundancy = {
  /** Slots holding copies of the same data (RAID1, RAID10); null for parity or striped levels. */
  mirrorSets: number[][] | null;
  /** How many more member failures the array survives now; null when it is not redundant. */
  failuresLeft: number | null;
};

export type HostView = Omit<HostDetail, "arrays" | "mounts"> & {
  now: Date;
  health: HostHealth;
  /** The last successful poll is older than `staleAfterMs`: the state shown may be out of date. */
  isStale: boolean;
  staleAfterMs: number;
  /** The state interval that applies (its groups' shortest, else the collector's) and why. */
  pollInterval: { ms: number; fromGroup: string | null };
  arrays: Array<ArrayDetail & { redundancy: ArrayRedundancy }>;
  mounts: Array<HostDetail["mounts"][number] & { risks: MountRisk[] }>;
  topology: TopologyNode[];
};

/**
 * The host page: the stored detail plus the judgements the page must not make on its own —
 * health (stale is never healthy), and each array's redundancy from the findings engine's own
 * mirror-set arithmetic, so the page and the findings agree.
 */
export async function hostView(db: Database, idOrName: string, now: Date): Promise<HostView> {
  const [detail, collectors, groupIntervals] = await Promise.all([
    hostDetail(db, idOrName),
    listCollectorStatus(db),
    listGroupPollIntervals(db),
  ]);
  if (!detail) throw new AppError("NOT_FOUND", { userMessage: `No host named ${idOrName}.` });
  // As on the fleet page: three of the host's own intervals without a success make it stale.
  const freshness = hostFreshness(
    detail.summary.groups,
    groupIntervals,
    defaultPollIntervalMs(collectors),
  );
  const { staleAfterMs } = freshness;
  const lastSuccessAt = detail.summary.collection.lastSuccessAt;
  return {
    ...detail,
    now,
    health: hostHealth({
      worstSeverity: worstOf(detail.findings.map((f) => f.severity as FindingSeverity)),
      lastSuccessAt,
      now,
      staleAfterMs,
    }),
    isStale: lastSuccessAt !== null && now.getTime() - lastSuccessAt.getTime() > staleAfterMs,
    staleAfterMs,
    pollInterval: { ms: freshness.intervalMs, fromGroup: freshness.fromGroup },
    arrays: detail.arrays.map((array) => ({ ...array, redundancy: redundancyOf(array) })),
    mounts: detail.mounts.map((mount) => ({ ...mount, risks: mountRisks(mount) })),
    topology: buildTopology(detail),
  };
}

function worstOf(severities: FindingSeverity[]): FindingSeverity | null {
  for (const severity of ["critical", "warning", "info"] as const) {
    if (severities.includes(severity)) return severity;
  }
  return null;
}

function redundancyOf(array: ArrayDetail): ArrayRedundancy {
  return {
    mirrorSets: mirrorSets(array.level, array.layout, array.raidDisks ?? 0),
    failuresLeft: failuresLeft({
      ...array,
      isDegradedByDesign: array.expectation?.isDegradedByDesign ?? false,
    }),
  };
}

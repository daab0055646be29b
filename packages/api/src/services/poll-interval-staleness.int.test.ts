import { recordCollectorCycle } from "@holmes/db/queries/fleet-overview";
import { recordSnapshot } from "@holmes/db/queries/fleet-state";
import { setGroupPollIntervals } from "@holmes/db/queries/group-intervals";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { describe, expect, it } from "vitest";
import { fleetOverview } from "./fleet-overview";
import { hostView } from "./host-view";

const NOW = new Date("2026-06-01T12:00:00Z");
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000);

describe.each(testDatabaseKinds())("staleness by each host's own interval on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("calls a host of a 15 s group stale after 45 s, and a default host only after 3 min", async () => {
    const { db } = database();
    await addHosts(db, [
      { name: "st-fast", address: "192.0.2.1", groups: ["fast", "rack1"] },
      { name: "st-plain", address: "192.0.2.2", groups: ["rack1"] },
    ]);
    await setGroupPollIntervals(
      db,
      "fast",
      { stateIntervalSeconds: 15, smartIntervalSeconds: null },
      NOW,
    );
    await recordCollectorCycle(db, {
      instance: "test:1",
      startedAt: secondsAgo(3_600),
      lastCycleAt: secondsAgo(5),
      lastCycleDurationMs: 100,
      hostsPolled: 2,
      hostsFailed: 0,
      pollIntervalMs: 60_000,
    });
    // Both answered last 50 s ago: three of the fast group's intervals, under one of the default.
    for (const target of await listPollTargets(db)) {
      await recordSnapshot(db, target.id, emptySnapshot(secondsAgo(50)), {
        startedAt: secondsAgo(50),
        durationMs: 10,
        status: "ok",
        rawOutputs: null,
        parseErrors: null,
      });
    }
    const overview = await fleetOverview(db, {}, NOW);
    const byName = new Map(overview.hosts.map((h) => [h.name, h]));
    expect(byName.get("st-fast")).toMatchObject({ health: "stale", staleAfterMs: 45_000 });
    expect(byName.get("st-plain")).toMatchObject({ health: "healthy", staleAfterMs: 180_000 });

    const fast = await hostView(db, "st-fast", NOW);
    expect(fast).toMatchObject({
      isStale: true,
      health: "stale",
      staleAfterMs: 45_000,
      pollInterval: { ms: 15_000, fromGroup: "fast" },
    });
    const plain = await hostView(db, "st-plain", NOW);
    expect(plain).toMatchObject({ isStale: false, pollInterval: { ms: 60_000, fromGroup: null } });
  });
});

function emptySnapshot(observedAt: Date) {
  return {
    observedAt,
    kernelRelease: "6.1.0",
    osName: null,
    missingTools: [],
    arrays: [],
    members: [],
    disks: null,
    mounts: [],
    loopDevices: [],
    volumeGroups: [],
    kernelEvents: [],
    smartSamples: [],
    nfsSamples: [],
  };
}

import { createJobQueue, type JobQueue } from "@holmes/db/jobs";
import { setGroupPollIntervals } from "@holmes/db/queries/group-intervals";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { probeRuns } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { generateEd25519, type SimServer, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CollectorSettings } from "./collect";
import { type QueueCollector, startQueueCollector } from "./queue-collector";
import { queueTiming } from "./queue-timing";

const FAST_SECONDS = 10;
/** Long enough that a host of the default group is polled once in the test, at start-up. */
const SETTINGS: CollectorSettings = {
  defaultUser: "holmes",
  connectTimeoutMs: 5_000,
  keepaliveIntervalMs: 10_000,
  intervalMs: 3_600_000,
  smartIntervalMs: 3_600_000,
  concurrency: 4,
};
const WATCH_MS = 3 * FAST_SECONDS * 1000;

describe.each(testDatabaseKinds())(
  "per-group poll intervals on the simulated fleet (%s)",
  (kind) => {
    const database = useTestDatabase(kind);
    const clientKey = generateEd25519("holmes-group-interval-test");
    const fleet = createFleet({ hosts: 4, seed: 5, scenarios: [], epochMs: Date.now() });
    const [fastA, fastB, plainA, plainB] = fleet.hosts.map((h) => h.hostname);
    let sim: SimServer;
    let jobs: JobQueue;
    let collector: QueueCollector | undefined;

    beforeAll(async () => {
      sim = await startSimServer({
        fleet,
        hostKey: generateEd25519("sim").privateKey,
        authorizedKey: clientKey.publicKey,
      });
      const { db } = database();
      await addHosts(
        db,
        fleet.hosts.map((h, index) => ({
          name: h.hostname,
          address: "127.0.0.1",
          port: sim.port,
          username: h.hostname,
          isSimulated: true,
          // Two hosts in the fast group (one also in a slow one: the shortest wins), two in none.
          groups: index === 0 ? ["fast"] : index === 1 ? ["fast", "slow"] : ["rack1"],
        })),
      );
      const now = new Date();
      await setGroupPollIntervals(
        db,
        "fast",
        { stateIntervalSeconds: FAST_SECONDS, smartIntervalSeconds: null },
        now,
      );
      await setGroupPollIntervals(
        db,
        "slow",
        { stateIntervalSeconds: 1_800, smartIntervalSeconds: null },
        now,
      );
      const timing = queueTiming({ intervalMs: FAST_SECONDS * 1000 });
      jobs = createJobQueue({
        url: database().url,
        maintenanceIntervalSeconds: timing.maintenanceIntervalSeconds,
      });
      await jobs.start();
    }, 60_000);
    afterAll(async () => {
      await collector?.stop();
      await sim?.close();
    }, 60_000);

    it("polls the hosts of a 10 s group every slot, and the default group once an hour", async () => {
      const { db } = database();
      collector = await startQueueCollector({
        db,
        jobs,
        settings: SETTINGS,
        privateKeyFor: async () => clientKey.privateKey,
      });
      await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
      const targets = await listPollTargets(db);
      const nameOf = new Map(targets.map((t) => [t.id, t.name]));
      const runs = await db.select().from(probeRuns);
      const count = (name: string | undefined) =>
        runs.filter((run) => nameOf.get(run.hostId) === name).length;
      expect(runs.every((run) => run.status === "ok")).toBe(true);
      // Three slots of 10 s fit in the watch; the first and last may be cut short.
      expect(count(fastA)).toBeGreaterThanOrEqual(2);
      expect(count(fastB)).toBeGreaterThanOrEqual(2);
      expect(count(plainA)).toBe(1);
      expect(count(plainB)).toBe(1);
    }, 120_000);
  },
);

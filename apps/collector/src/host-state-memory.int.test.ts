import type { HostState } from "@holmes/core";
import { createDb } from "@holmes/db/client";
import { loadHostState } from "@holmes/db/queries/host-state";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { arrayExpectations } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { DEFAULT_FINDING_SETTINGS, evaluateHost } from "@holmes/findings";
import { generateEd25519, type SimServer, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollectDeps, type CollectorSettings, collectHosts } from "./collect";
import { WriteCache } from "./write-cache";

const SETTINGS: CollectorSettings = {
  defaultUser: "holmes",
  connectTimeoutMs: 5_000,
  keepaliveIntervalMs: 10_000,
  intervalMs: 60_000,
  smartIntervalMs: 600_000,
  concurrency: 4,
};
const POLLS = 8;
const clientKey = generateEd25519("holmes-test-collector");
const simHostKey = generateEd25519("sim").privateKey;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The collections the database path reads without an ORDER BY, put in one order. */
function comparable(state: HostState) {
  return {
    ...state,
    arrays: state.arrays.map((array) => ({
      ...array,
      members: [...array.members].sort((a, b) => byText(a.device, b.device)),
    })),
    loopDevices: [...state.loopDevices].sort((a, b) => byText(a.name, b.name)),
    slotChanges: [...state.slotChanges].sort(
      (a, b) => byText(a.arrayName, b.arrayName) || a.slot - b.slot,
    ),
    evidenceAlerts: [...state.evidenceAlerts].sort(
      (a, b) =>
        b.observedAt.getTime() - a.observedAt.getTime() ||
        byText(a.itemKey, b.itemKey) ||
        byText(a.kind, b.kind),
    ),
  };
}

const findingsOf = (state: HostState) =>
  evaluateHost(state, DEFAULT_FINDING_SETTINGS).sort((a, b) =>
    byText(`${a.ruleId}|${a.objectName}`, `${b.ruleId}|${b.objectName}`),
  );

describe.each(testDatabaseKinds())("host state followed in memory on %s", (kind) => {
  const database = useTestDatabase(kind);
  // Every scenario from 27 minutes into its 30-minute cycle, on a clock the test moves 70 s per
  // poll (not the wall clock, so a loaded machine sees the same polls): the spare rebuilds into
  // the failed disk's slot (28 min), the cycle starts again with the old disk back (a slot
  // change), the worn disk's counters climb, NFS retransmits and the kernel logs.
  const startedAt = Date.now();
  let simNow = startedAt;
  const fleet = createFleet({
    hosts: 9,
    seed: 23,
    scenarios: "all",
    epochMs: startedAt - 27 * 60_000,
  });
  const pool = new SshConnectionPool();
  let sim: SimServer;

  beforeAll(async () => {
    sim = await startSimServer({
      fleet,
      hostKey: simHostKey,
      authorizedKey: clientKey.publicKey,
      now: () => simNow,
    });
    await addHosts(
      database().db,
      fleet.hosts.map((h) => ({
        name: h.hostname,
        address: "127.0.0.1",
        port: sim.port,
        username: h.hostname,
        isSimulated: true,
      })),
    );
  });
  afterAll(async () => {
    pool.closeAll();
    await sim?.close();
  });

  it("builds after each poll the state loadHostState reads, and the same findings", async () => {
    const { db, url } = database();
    // The polls' own statements, to check that the memory path, first poll included, reads no
    // stored state back.
    const sent: string[] = [];
    const counted = createDb({ url, max: 4, onQuery: (text) => sent.push(text) });
    const writeCache = new WriteCache();
    const deps = (poll: number): CollectDeps => ({
      db: counted.db,
      pool,
      // SMART is read on every other poll: the disks then stay as the previous poll left them.
      settings: { ...SETTINGS, smartIntervalMs: poll % 2 === 0 ? 0 : SETTINGS.smartIntervalMs },
      privateKeyFor: async () => clientKey.privateKey,
      now: () => new Date(),
      writeCache,
      keepOutcomes: false,
    });
    const seen = {
      followed: 0,
      kernelEvents: 0,
      slotChanges: 0,
      previousCounters: 0,
      retransmissions: 0,
      byDesign: 0,
      findings: 0,
      carriedErrors: 0,
    };
    // One host's first attempt fails: its first success, built in memory from "never polled",
    // must carry that error as loadHostState reads it from host_collection.
    const [failing] = await listPollTargets(db);
    if (!failing) throw new Error("no hosts");
    const failed = await collectHosts(
      {
        ...deps(0),
        privateKeyFor: async () => {
          throw new Error("the key file is missing");
        },
      },
      [failing],
    );
    expect(failed.map((r) => r.status)).toEqual(["AUTH_FAILED"]);
    for (let poll = 0; poll < POLLS; poll++) {
      if (poll === 3) {
        // A responder marks an array degraded on purpose between polls: the memory path must see it.
        // The wearing host's boot mirror stays put through the whole cycle.
        const wearing = fleet.scenarioHosts["disk-wearout-rebuild"];
        const target = (await listPollTargets(db)).find((t) => t.name === wearing);
        await db.insert(arrayExpectations).values({
          hostId: target?.id ?? "",
          arrayName: "md0",
          isDegradedByDesign: true,
          setAt: new Date(),
        });
      }
      simNow = startedAt + poll * 70_000;
      sent.length = 0;
      const results = await collectHosts(deps(poll), await listPollTargets(db));
      const stateReads = sent.filter((text) => /^select[\s\S]* from "md_arrays"/.test(text));
      expect(stateReads, `stored arrays read back at poll ${poll}`).toEqual([]);
      expect(sent.length, "statements were counted").toBeGreaterThan(0);
      expect(results.map((r) => `${r.host} ${r.status} ${r.message}`)).toEqual(
        results.map((r) => `${r.host} ${r.status === "partial" ? "partial" : "ok"} ${r.message}`),
      );
      expect(results.every((r) => r.outcome === null)).toBe(true);
      for (const target of await listPollTargets(db)) {
        const known = writeCache.knownState(target.id, target.lastSuccessAt, new Date());
        expect(known, `${target.name} followed after poll ${poll}`).not.toBeNull();
        if (!known) continue;
        // Read from the database at the first poll, then built in memory after each write.
        if (poll > 0 && known.loadedAt < (target.lastSuccessAt ?? known.loadedAt)) {
          seen.followed += 1;
        }
        const fromDatabase = await loadHostState(db, target.id, {
          now: known.state.now,
          pollIntervalMs: SETTINGS.intervalMs,
          recentWindowHours: DEFAULT_FINDING_SETTINGS.recentWindowHours,
        });
        expect(fromDatabase).not.toBeNull();
        if (!fromDatabase) continue;
        expect(comparable(known.state), `${target.name} after poll ${poll}`).toEqual(
          comparable(fromDatabase),
        );
        expect(findingsOf(known.state)).toEqual(findingsOf(fromDatabase));
        if (target.id === failing.id) {
          expect(known.state.collection.lastErrorCode).toBe("AUTH_FAILED");
          seen.carriedErrors += 1;
        }
        seen.kernelEvents += known.state.kernelEvents.length;
        seen.slotChanges += known.state.slotChanges.length;
        seen.previousCounters += known.state.disks.filter((d) => d.previousCounters).length;
        seen.retransmissions += known.state.mounts.filter(
          (m) => m.retransmissions?.previous != null,
        ).length;
        seen.byDesign += known.state.arrays.filter((a) => a.isDegradedByDesign).length;
        seen.findings += findingsOf(known.state).length;
      }
    }
    await counted.close();
    // The comparison means something only if the memory path ran and the history was not empty.
    expect(seen.followed).toBe(fleet.hosts.length * (POLLS - 1));
    for (const [what, count] of Object.entries(seen)) {
      expect(count, `${what} seen in some state`).toBeGreaterThan(0);
    }
  }, 120_000);
});

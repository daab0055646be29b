import { type AddressInfo, createServer } from "node:net";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { decodeRawOutputs } from "@holmes/db/queries/raw-outputs";
import {
  hostCollection,
  loopDevices,
  mdArrays,
  mdMembers,
  mounts,
  probeRuns,
  volumeGroups,
} from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { generateEd25519, type SimServer, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollectDeps, type CollectorSettings, collectHosts } from "./collect";

const SETTINGS: CollectorSettings = {
  defaultUser: "holmes",
  connectTimeoutMs: 5_000,
  keepaliveIntervalMs: 10_000,
  intervalMs: 60_000,
  smartIntervalMs: 600_000,
  concurrency: 4,
};

describe.each(testDatabaseKinds())("collector against the simulated fleet on %s", (kind) => {
  const database = useTestDatabase(kind);
  const clientKey = generateEd25519("holmes-test-collector");
  // Scenarios started 40 minutes ago at speed 1: each is well into its cycle.
  const startedAt = Date.now() - 40 * 60_000;
  const fleet = createFleet({ hosts: 6, seed: 11, scenarios: "all", epochMs: startedAt });
  const pool = new SshConnectionPool();
  let sim: SimServer;

  beforeAll(async () => {
    sim = await startSimServer({
      fleet,
      hostKey: generateEd25519("sim").privateKey,
      authorizedKey: clientKey.publicKey,
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

  function deps(): CollectDeps {
    return {
      db: database().db,
      pool,
      settings: SETTINGS,
      privateKeyFor: async () => clientKey.privateKey,
      now: () => new Date(),
    };
  }

  it("polls every reachable host over SSH, pins its host key and stores its state", async () => {
    const { db } = database();
    const results = await collectHosts(deps(), await listPollTargets(db));
    const unreachable = fleet.scenarioHosts["swiotlb-crash"];
    const oldKernel = fleet.scenarioHosts["raid6-grow-old-kernel"];
    for (const result of results) {
      if (result.host === unreachable && result.status === "UNREACHABLE") continue;
      if (result.host === oldKernel) {
        // A 2.6.18 host: no mountinfo, tools too old for JSON; their fallbacks read it all.
        expect([result.status, result.message]).toEqual(["ok", ""]);
        const [row] = await listPollTargets(db, [result.host]);
        const hostId = row?.id ?? "";
        const [status] = await db
          .select()
          .from(hostCollection)
          .where(eq(hostCollection.hostId, hostId));
        expect(status?.state).toBe("ok");
        const mounted = await db.select().from(mounts).where(eq(mounts.hostId, hostId));
        expect(mounted.find((m) => m.mountPoint === "/mnt/archive")?.nfs).toMatchObject({
          vers: "3",
          intr: true,
          server: "fs1",
        });
        const loops = await db.select().from(loopDevices).where(eq(loopDevices.hostId, hostId));
        expect(loops.map((l) => [l.name, l.backFile])).toEqual([
          ["loop0", "/mnt/archive/iso/rhel-5.11-server-x86_64-dvd.iso"],
        ]);
        const vgs = await db.select().from(volumeGroups).where(eq(volumeGroups.hostId, hostId));
        expect(
          vgs.map((vg) => [vg.name, vg.logicalVolumes?.length, vg.physicalVolumes?.length]),
        ).toEqual([["VolGroup00", 2, 1]]);
        continue;
      }
      expect([result.host, result.status, result.message]).toEqual([result.host, "ok", ""]);
    }
    const pinned = await listPollTargets(db);
    expect(
      pinned.filter((h) => h.pinnedHostKey?.startsWith("SHA256:")).length,
    ).toBeGreaterThanOrEqual(5);

    const runs = await db.select().from(probeRuns);
    const okRun = runs.find((run) => run.status === "ok" && run.rawOutputs);
    expect(okRun?.rawEncoding).toBe("br");
    const sections = decodeRawOutputs(okRun?.rawOutputs ?? Buffer.alloc(0), "br") as Array<{
      id: string;
    }>;
    expect(sections.map((s: { id: string }) => s.id)).toContain("mdstat");
  }, 120_000);

  it("stores the split md0 + inactive md127 of scenario 1 with member slots", async () => {
    const { db } = database();
    const hostname = fleet.scenarioHosts["md-split-on-create"] ?? "";
    const [host] = await listPollTargets(db, [hostname]);
    const arrays = await db
      .select()
      .from(mdArrays)
      .where(eq(mdArrays.hostId, host?.id ?? ""));
    const states = Object.fromEntries(arrays.map((a) => [a.name, a.state]));
    expect(states).toMatchObject({ md0: "active", md127: "inactive" });
    const members = await db
      .select()
      .from(mdMembers)
      .where(eq(mdMembers.hostId, host?.id ?? ""));
    expect(members.filter((m) => m.arrayName === "md127").every((m) => m.isSpare)).toBe(true);
  }, 60_000);

  it("reuses the kept-open connections on the next poll", async () => {
    const { db } = database();
    const opened = pool.connectionsOpened;
    const execsBefore = sim.execCount();
    await collectHosts(deps(), await listPollTargets(db));
    expect(pool.connectionsOpened).toBe(opened);
    expect(sim.execCount()).toBeGreaterThan(execsBefore);
  }, 120_000);

  it("reads SMART again once its own interval has passed since the last read, however often the host was polled between", async () => {
    const { db } = database();
    // The host whose disk wears out: its SMART counts climb for hours, and must be seen to.
    const hostname = fleet.scenarioHosts["disk-wearout-rebuild"] ?? "";
    // Later than the polls of the tests above, minute by minute on a clock of the test's own.
    const start = Date.now() + 3_600_000;
    const pollAt = async (minutes: number) => {
      const at = new Date(start + minutes * 60_000);
      const [result] = await collectHosts(
        { ...deps(), now: () => at },
        await listPollTargets(db, [hostname]),
      );
      expect(result?.status).toBe("ok");
      const snapshot = result?.outcome?.ok ? result.outcome.snapshot : null;
      return snapshot?.disks === null ? "no SMART" : `${snapshot?.disks.length} disks read`;
    };
    const lastSmartAt = async () => (await listPollTargets(db, [hostname]))[0]?.lastSmartAt;

    // The tests above read SMART an hour ago by this clock, so it is due.
    expect(await pollAt(0)).toMatch(/^[1-9]\d* disks read$/);
    expect(await lastSmartAt()).toEqual(new Date(start));
    const between = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    for (const minute of between) expect(await pollAt(minute)).toBe("no SMART");
    expect(await lastSmartAt()).toEqual(new Date(start));
    // 10 minutes after the last read, though the last poll was a minute ago.
    expect(await pollAt(10)).toMatch(/^[1-9]\d* disks read$/);
    expect(await lastSmartAt()).toEqual(new Date(start + 600_000));
  }, 120_000);

  it("times out a host that accepts TCP and never speaks, without delaying the others", async () => {
    const { db } = database();
    const silent = createServer(() => {});
    await new Promise<void>((resolveListen) => silent.listen(0, "127.0.0.1", resolveListen));
    const port = (silent.address() as AddressInfo).port;
    await addHosts(db, [{ name: "stor-silent", address: "127.0.0.1", port, username: "x" }]);
    const targets = (await listPollTargets(db)).filter(
      (t) => t.name === "stor-silent" || t.name <= "stor-a03",
    );
    const quick = { ...SETTINGS, connectTimeoutMs: 4_000, concurrency: 4 };
    const started = performance.now();
    const results = await collectHosts({ ...deps(), settings: quick }, targets);
    const elapsed = performance.now() - started;
    silent.close();
    const byHost = Object.fromEntries(results.map((r) => [r.host, r]));
    expect(byHost["stor-silent"]?.status).toBe("TIMEOUT");
    for (const name of ["stor-a01", "stor-a02", "stor-a03"]) {
      expect(byHost[name]?.status).toMatch(/^(ok|partial|UNREACHABLE)$/);
      expect(byHost[name]?.durationMs ?? Number.POSITIVE_INFINITY).toBeLessThan(4_000);
    }
    expect(elapsed).toBeLessThan(4_000 + 3_000);
    const [status] = await db
      .select()
      .from(hostCollection)
      .where(eq(hostCollection.hostId, targets.find((t) => t.name === "stor-silent")?.id ?? ""));
    expect(status).toMatchObject({ state: "timeout", consecutiveFailures: 1 });
    expect(status?.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());
  }, 60_000);

  it("refuses a host whose key changed: no command runs and an admin must accept it", async () => {
    const { db } = database();
    const port = sim.port;
    pool.closeAll();
    await sim.close();
    sim = await startSimServer({
      fleet,
      port,
      hostKey: generateEd25519("impostor").privateKey,
      authorizedKey: clientKey.publicKey,
    });
    const [target] = await listPollTargets(db, [fleet.hosts[0]?.hostname ?? ""]);
    if (!target) throw new Error("no target");
    const [result] = await collectHosts(deps(), [target]);
    expect(result?.status).toBe("HOST_KEY_CHANGED");
    expect(sim.execCount()).toBe(0);
    const [after] = await listPollTargets(db, [target.name]);
    expect(after?.presentedHostKey).toMatch(/^SHA256:/);
    expect(after?.presentedHostKey).not.toBe(after?.pinnedHostKey);
    const [status] = await db
      .select()
      .from(hostCollection)
      .where(eq(hostCollection.hostId, target.id));
    expect(status?.state).toBe("host_key_changed");
    const [skipped] = await collectHosts(deps(), after ? [after] : []);
    expect(skipped?.status).toBe("skipped");
    expect(skipped?.message).toContain("host key changed");
  }, 60_000);
});

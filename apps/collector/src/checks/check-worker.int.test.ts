import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { declareIncident } from "@holmes/db/queries/incidents";
import {
  type CheckRunView,
  listCheckRuns,
  requestCheckRun,
} from "@holmes/db/queries/runbook-checks";
import { insertRunbookRun } from "@holmes/db/queries/runbook-runs";
import { findings, incidentEvents, users } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { generateEd25519, type SimServer, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectHosts } from "../collect";
import { type CheckWorker, startCheckWorker } from "./check-worker";

const NFS_HOST = "stor-a15";
const HUNG_HOST = "stor-hung";
/** RHEL 5 (2.6.18): refuses the JSON forms, so its checks are answered by the fallbacks. */
const OLD_HOST = "stor-a19";

describe.each(testDatabaseKinds())("runbook checks on the simulated fleet on %s", (kind) => {
  const database = useTestDatabase(kind);
  const clientKey = generateEd25519("holmes-test-checks");
  // Two minutes into the nfs-failover scenario: before the failover, XFS on loop0 is mounted.
  const fleet = createFleet({
    hosts: 24,
    seed: 1,
    scenarios: "all",
    epochMs: Date.now() - 120_000,
  });
  const pool = new SshConnectionPool();
  let sim: SimServer;
  let slowSim: SimServer;
  let worker: CheckWorker;
  let runId: string;
  let incidentId: string;

  beforeAll(async () => {
    expect(fleet.scenarioHosts["nfs-failover"]).toBe(NFS_HOST);
    expect(fleet.scenarioHosts["raid6-grow-old-kernel"]).toBe(OLD_HOST);
    const { db } = database();
    sim = await startSimServer({
      fleet,
      hostKey: generateEd25519("sim").privateKey,
      authorizedKey: clientKey.publicKey,
    });
    // A host that accepts the connection and then never answers in time: a hung NFS stat.
    slowSim = await startSimServer({
      fleet,
      hostKey: generateEd25519("slow").privateKey,
      authorizedKey: clientKey.publicKey,
      answerDelayMs: 20_000,
    });
    await addHosts(db, [
      {
        name: NFS_HOST,
        address: "127.0.0.1",
        port: sim.port,
        username: NFS_HOST,
        isSimulated: true,
      },
      {
        name: OLD_HOST,
        address: "127.0.0.1",
        port: sim.port,
        username: OLD_HOST,
        isSimulated: true,
      },
      {
        name: HUNG_HOST,
        address: "127.0.0.1",
        port: slowSim.port,
        username: NFS_HOST,
        isSimulated: true,
      },
    ]);
    await db
      .insert(users)
      .values({ id: "u-alice", name: "Alice", email: "alice@holmes.test", role: "responder" });
    const deps = {
      db,
      pool,
      settings: {
        defaultUser: "holmes",
        connectTimeoutMs: 5_000,
        keepaliveIntervalMs: 10_000,
        intervalMs: 60_000,
        smartIntervalMs: 600_000,
        concurrency: 1,
      },
      privateKeyFor: async () => clientKey.privateKey,
      now: () => new Date(),
    };
    const [polled] = await collectHosts(deps, await listPollTargets(db, [NFS_HOST]));
    expect(polled?.status).toBe("ok");
    const incident = await declareIncident(
      db,
      { title: "XFS on loop0 at risk", severity: 2, hostIds: [], findingIds: [] },
      "u-alice",
      new Date(),
    );
    incidentId = incident.id;
    const [host] = await listPollTargets(db, [NFS_HOST]);
    runId = await insertRunbookRun(db, {
      runbookId: "loop-on-nfs",
      runbookSource: "file",
      runbookVersion: null,
      contentHash: "test",
      title: "XFS on a loop device backed by NFS",
      definition: { steps: [{ index: 0, title: "Look at the loop devices" }] },
      stepCount: 1,
      bindings: { host: NFS_HOST },
      hostId: host?.id ?? null,
      incidentId,
      findingId: null,
      startedBy: "u-alice",
      now: new Date(),
    });
    worker = startCheckWorker({
      db,
      pool,
      instance: "test-collector",
      defaultUser: "holmes",
      connectTimeoutMs: 5_000,
      keepaliveIntervalMs: 10_000,
      privateKeyFor: async () => clientKey.privateKey,
      pollMs: 200,
      checkTimeoutMs: 2_000,
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    pool.closeAll();
    await sim?.close();
    await slowSim?.close();
  });

  async function check(
    hostName: string,
    checkId: string,
    probe: string,
    args: Record<string, string>,
    expect: Record<string, unknown>,
  ): Promise<CheckRunView> {
    const { db } = database();
    const [host] = await listPollTargets(db, [hostName]);
    const id = await requestCheckRun(db, {
      runId,
      stepIndex: 0,
      checkId,
      hostId: host?.id ?? "",
      requestedBy: "u-alice",
      probe,
      args,
      expect,
      now: new Date(),
    });
    for (let waited = 0; waited < 15_000; waited += 100) {
      const run = (await listCheckRuns(db, runId)).find((c) => c.id === id);
      if (run && run.status !== "queued" && run.status !== "running") return run;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`check ${checkId} did not finish`);
  }

  it("finds the loop-on-NFS finding on the polled host (the runbook's starting point)", async () => {
    const { db } = database();
    const rows = await db
      .select({ objectName: findings.objectName })
      .from(findings)
      .where(eq(findings.ruleId, "loop.on_nfs"));
    expect(rows.map((r) => r.objectName).sort()).toEqual(["loop0", "loop1"]);
  });

  it("runs a check over SSH within a second or two, passes it, and keeps the raw output", async () => {
    const result = await check(
      NFS_HOST,
      "loop0-attached",
      "losetup",
      {},
      { that: "loop-attached", device: "loop0", backFile: "/mnt/images/db1.img" },
    );
    expect(result).toMatchObject({ status: "passed", collector: "test-collector" });
    expect(result.rawOutput).toContain("/mnt/images/db1.img");
    const queuedMs = (result.startedAt?.getTime() ?? 0) - result.requestedAt.getTime();
    expect(queuedMs).toBeLessThan(2_000);
  });

  it("fails a check whose expectation does not hold, saying why", async () => {
    const result = await check(
      NFS_HOST,
      "no-soft",
      "mountinfo",
      {},
      {
        that: "no-nfs-mount-with-option",
        option: "soft",
      },
    );
    expect(result.status).toBe("failed");
    expect(result.summary).toMatch(/soft/);
    expect(result.rawOutput).toContain("/mnt/images");
  });

  it("reads an old host's loop devices from `losetup -a` when --json is refused", async () => {
    const result = await check(
      OLD_HOST,
      "old-loop0-attached",
      "losetup",
      {},
      {
        that: "loop-attached",
        device: "loop0",
        backFile: "/mnt/archive/iso/rhel-5.11-server-x86_64-dvd.iso",
      },
    );
    expect(result).toMatchObject({ status: "passed" });
    expect(result.rawOutput).toMatch(/^\/dev\/loop0: \[[0-9a-f]{4}\]:\d+ \(/);
  });

  it("reads an old host's volume groups from LVM's column report", async () => {
    const present = await check(
      OLD_HOST,
      "old-vg-present",
      "lvm",
      { report: "vgs" },
      { that: "vg-present", vg: "VolGroup00" },
    );
    expect(present).toMatchObject({ status: "passed" });
    expect(present.rawOutput).toContain("VolGroup00|");
    const absent = await check(
      OLD_HOST,
      "old-vg-missing",
      "lvm",
      { report: "vgs" },
      { that: "vg-present", vg: "vg_data" },
    );
    expect(absent.status).toBe("failed");
  });

  it("passes 'no md superblock' on a disk where mdadm says it found none", async () => {
    const result = await check(
      OLD_HOST,
      "sda-blank",
      "mdadm-examine",
      { device: "/dev/sda" },
      { that: "superblock", present: false },
    );
    expect(result).toMatchObject({ status: "passed" });
    expect(result.rawOutput).toBe("mdadm: No md superblock detected on /dev/sda.\n");
  });

  it("puts each verdict on the incident's timeline", async () => {
    const { db } = database();
    const events = await db
      .select({ kind: incidentEvents.kind, data: incidentEvents.data })
      .from(incidentEvents)
      .where(and(eq(incidentEvents.incidentId, incidentId)));
    const kinds = events.map((e) => e.kind);
    expect(kinds).toContain("runbook.started");
    expect(kinds).toContain("runbook.check_passed");
    expect(kinds).toContain("runbook.check_failed");
    const passed = events.find((e) => e.kind === "runbook.check_passed");
    expect(passed?.data).toMatchObject({ runId, checkId: "loop0-attached", stepIndex: 0 });
  });

  it("ends a check on a host that hangs as an error after its timeout", async () => {
    const started = Date.now();
    const result = await check(
      HUNG_HOST,
      "hung",
      "mdstat",
      {},
      { that: "sync-idle", array: "md0" },
    );
    expect(result.status).toBe("error");
    expect(result.summary).toMatch(/no answer within 2 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses an argument that is not a device path before anything reaches the host", async () => {
    const result = await check(
      NFS_HOST,
      "evil",
      "mdadm-detail",
      { array: "/dev/md0;reboot" },
      {
        that: "detail-state",
        includes: ["clean"],
      },
    );
    expect(result).toMatchObject({ status: "error", rawOutput: null });
    expect(result.summary).toContain("refused argument");
  });
});

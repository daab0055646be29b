/**
 * bench/runbook-checks: how long a responder waits for "Run check". A check is queued the way the
 * API queues it (a `runbook_check_runs` row), a collector's check worker (the one `holmes
 * collector` starts, 1 s idle read) claims it, runs one allowlisted command over SSH against the
 * simulated fleet and stores the verdict. Prints p50/p95 of queued → claimed and queued → verdict.
 *
 * Run: node --import tsx bench/runbook-checks.ts [--checks 40]
 */
import { parseArgs } from "node:util";
import { startCheckWorker } from "@holmes/collector";
import { createDb } from "@holmes/db/client";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { listCheckRuns, requestCheckRun } from "@holmes/db/queries/runbook-checks";
import { insertRunbookRun } from "@holmes/db/queries/runbook-runs";
import { users } from "@holmes/db/schema";
import { generateEd25519, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { createBenchDatabase } from "./collect/database";
import { benchEnv } from "./env";

const { values } = parseArgs({ options: { checks: { type: "string", default: "40" } } });
const checkCount = Number(values.checks);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function main() {
  const database = await createBenchDatabase(benchEnv.DATABASE_URL);
  const handle = createDb({ url: database.url, max: 4 });
  const { db } = handle;
  const clientKey = generateEd25519("bench-checks");
  const fleet = createFleet({
    hosts: 24,
    seed: 1,
    scenarios: "all",
    epochMs: Date.now() - 120_000,
  });
  const sim = await startSimServer({
    fleet,
    hostKey: generateEd25519("sim").privateKey,
    authorizedKey: clientKey.publicKey,
  });
  const host = "stor-a15";
  await addHosts(db, [{ name: host, address: "127.0.0.1", port: sim.port, username: host }]);
  const [target] = await listPollTargets(db, [host]);
  await db.insert(users).values({ id: "bench", name: "bench", email: "bench@holmes.test" });
  const runId = await insertRunbookRun(db, {
    runbookId: "bench",
    runbookSource: "file",
    runbookVersion: null,
    contentHash: "bench",
    title: "bench",
    definition: { steps: [] },
    stepCount: 1,
    bindings: {},
    hostId: target?.id ?? null,
    incidentId: null,
    findingId: null,
    startedBy: "bench",
    now: new Date(),
  });
  const pool = new SshConnectionPool();
  const worker = startCheckWorker({
    db,
    pool,
    instance: "bench",
    defaultUser: "holmes",
    connectTimeoutMs: 10_000,
    keepaliveIntervalMs: 15_000,
    privateKeyFor: async () => clientKey.privateKey,
  });
  const claimMs: number[] = [];
  const verdictMs: number[] = [];
  for (let i = 0; i < checkCount; i += 1) {
    // Spread requests over the idle read's phase, as people click at random moments.
    await new Promise((resolve) => setTimeout(resolve, 137 * (i % 7)));
    const id = await requestCheckRun(db, {
      runId,
      stepIndex: 0,
      checkId: `c${i}`,
      hostId: target?.id ?? "",
      requestedBy: "bench",
      probe: "losetup",
      args: {},
      expect: { that: "loop-attached", device: "loop0" },
      now: new Date(),
    });
    for (;;) {
      const run = (await listCheckRuns(db, runId)).find((c) => c.id === id);
      if (run?.finishedAt && run.startedAt) {
        claimMs.push(run.startedAt.getTime() - run.requestedAt.getTime());
        verdictMs.push(run.finishedAt.getTime() - run.requestedAt.getTime());
        if (run.status !== "passed") throw new Error(`check ${i}: ${run.status} ${run.summary}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  console.log(
    `database: ${database.kind}; ${checkCount} checks (losetup on ${host}, simulated SSH)`,
  );
  console.log(
    `queued → claimed:  p50 ${percentile(claimMs, 0.5)} ms, p95 ${percentile(claimMs, 0.95)} ms`,
  );
  console.log(
    `queued → verdict:  p50 ${percentile(verdictMs, 0.5)} ms, p95 ${percentile(verdictMs, 0.95)} ms`,
  );
  await worker.stop();
  pool.closeAll();
  await sim.close();
  await handle.close();
  await database.drop();
}

await main();

/**
 * bench/evidence: what evidence capture adds to a poll. One process polls a simulated fleet over
 * SSH (poll + parse + store + findings, as collectHost does) with bounded concurrency, in steady
 * cycles (connections kept open, nothing changing), alternately without and with the capture of
 * each host's evidence after its poll. Prints the cycle medians, the per-host capture p50/p95 and
 * the difference; PASS when capture adds at most 10 % (issue 6).
 *
 * Run: node --import tsx bench/evidence.ts [--hosts 200] [--cycles 3] [--concurrency 32]
 */
import { parseArgs } from "node:util";
import { type CollectorSettings, collectHosts } from "@holmes/collector";
import { captureEvidence } from "@holmes/collector/evidence";
import { createDb } from "@holmes/db/client";
import { addHosts, listPollTargets, type PollTargetRow } from "@holmes/db/queries/hosts";
import { generateEd25519, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { createBenchDatabase } from "./collect/database";
import { benchEnv } from "./env";

const { values } = parseArgs({
  options: {
    hosts: { type: "string", default: "200" },
    cycles: { type: "string", default: "3" },
    concurrency: { type: "string", default: "32" },
  },
});
const hostCount = Number(values.hosts);
const cycles = Number(values.cycles);
const concurrency = Number(values.concurrency);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function main() {
  const database = await createBenchDatabase(benchEnv.DATABASE_URL);
  const handle = createDb({ url: database.url, max: concurrency });
  const clientKey = generateEd25519("bench-evidence");
  const fleet = createFleet({ hosts: hostCount, seed: 3, scenarios: "all" });
  const sim = await startSimServer({
    fleet,
    hostKey: generateEd25519("sim").privateKey,
    authorizedKey: clientKey.publicKey,
    now: () => fleet.epochMs + 5 * 60_000,
  });
  const pool = new SshConnectionPool();
  const settings: CollectorSettings = {
    defaultUser: "holmes",
    connectTimeoutMs: 10_000,
    keepaliveIntervalMs: 15_000,
    intervalMs: 60_000,
    smartIntervalMs: 600_000,
    concurrency,
  };
  const { db } = handle;
  await addHosts(
    db,
    fleet.hosts.map((h) => ({
      name: h.hostname,
      address: "127.0.0.1",
      port: sim.port,
      username: h.hostname,
    })),
  );
  const deps = {
    db,
    pool,
    settings,
    privateKeyFor: async () => clientKey.privateKey,
    now: () => new Date(),
  };
  const captureTimes: number[] = [];
  /** One cycle: every host polled (and captured when asked), `concurrency` at a time. */
  const cycle = async (targets: PollTargetRow[], isCapturing: boolean) => {
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++];
        if (!target) continue;
        const [result] = await collectHosts(
          { ...deps, settings: { ...settings, concurrency: 1 } },
          [target],
        );
        if (!isCapturing || !result?.outcome?.ok) continue;
        const clock = performance.now();
        await captureEvidence(db, {
          hostId: target.id,
          sections: result.outcome.sections,
          observedAt: new Date(),
        });
        captureTimes.push(performance.now() - clock);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
    return performance.now() - started;
  };
  const targets = await listPollTargets(db);
  // Cold: handshakes, SMART, and the vault's first versions of every host.
  await cycle(targets, true);
  captureTimes.length = 0;
  const without: number[] = [];
  const withCapture: number[] = [];
  for (let i = 0; i < cycles; i++) {
    without.push(await cycle(await listPollTargets(db), false));
    withCapture.push(await cycle(await listPollTargets(db), true));
  }
  const base = median(without);
  const captured = median(withCapture);
  const added = ((captured - base) / base) * 100;
  console.log(`bench/evidence: ${hostCount} hosts, concurrency ${concurrency}, ${database.kind}`);
  console.log(`  steady cycle without capture: median ${base.toFixed(0)} ms over ${cycles}`);
  console.log(`  steady cycle with capture:    median ${captured.toFixed(0)} ms over ${cycles}`);
  console.log(
    `  capture per host (steady): p50 ${percentile(captureTimes, 0.5).toFixed(2)} ms, p95 ${percentile(captureTimes, 0.95).toFixed(2)} ms`,
  );
  console.log(
    `  added to the cycle: ${added.toFixed(1)} % (target ≤ 10 %) ${added <= 10 ? "PASS" : "FAIL"}`,
  );
  pool.closeAll();
  await sim.close();
  await handle.close();
  await database.drop();
}

await main();

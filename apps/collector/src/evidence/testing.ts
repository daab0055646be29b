import type { Database } from "@holmes/db/client";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { hosts, probeRuns } from "@holmes/db/schema";
import { generateEd25519, startSimServer } from "@holmes/probes/sim-server";
import { createFleet, type ScenarioId } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { desc, eq } from "drizzle-orm";
import { type CollectorSettings, collectHosts } from "../collect";
import { updateHostFindings } from "../findings";

const clientKey = generateEd25519("holmes-evidence-test");
const simHostKey = generateEd25519("sim").privateKey;
/** Two hours ago: every scenario moment a test visits lies in the past. */
const TEST_EPOCH_MS = Date.now() - 2 * 3_600_000;

export const EVIDENCE_TEST_SETTINGS: CollectorSettings = {
  defaultUser: "holmes",
  connectTimeoutMs: 5_000,
  keepaliveIntervalMs: 10_000,
  intervalMs: 60_000,
  // Every poll reads SMART and the partition tables, so each one captures everything.
  smartIntervalMs: 0,
  concurrency: 1,
};

/**
 * Polls a scenario's one host as it is `elapsedMs` into its cycle through the real collector over
 * SSH: collectHost stores the poll, captures its evidence and evaluates the findings. Test-only.
 */
export async function pollAndCapture(
  db: Database,
  scenario: ScenarioId,
  elapsedMs: number,
  options: { isSameHost?: boolean; isSmartDue?: boolean } = {},
) {
  // One fleet origin for every poll of a test: the host stays the same host (its creation times
  // and UUIDs too) while the simulator's clock is moved to `elapsedMs` into the scenario.
  const fleet = createFleet({ hosts: 1, seed: 7, scenarios: [scenario], epochMs: TEST_EPOCH_MS });
  const host = fleet.hosts[0];
  if (!host) throw new Error("fleet without hosts");
  const wallStart = Date.now();
  const sim = await startSimServer({
    fleet,
    hostKey: simHostKey,
    authorizedKey: clientKey.publicKey,
    now: () => TEST_EPOCH_MS + elapsedMs + (Date.now() - wallStart),
  });
  const pool = new SshConnectionPool();
  try {
    const [existing] = await db.select().from(hosts).where(eq(hosts.name, host.hostname));
    if (existing && !options.isSameHost) await db.delete(hosts).where(eq(hosts.id, existing.id));
    if (existing && options.isSameHost) {
      await db.update(hosts).set({ port: sim.port }).where(eq(hosts.id, existing.id));
    } else {
      await addHosts(db, [
        {
          name: host.hostname,
          address: "127.0.0.1",
          port: sim.port,
          username: host.hostname,
          isSimulated: true,
        },
      ]);
    }
    const targets = await listPollTargets(db, [host.hostname]);
    const hostId = targets[0]?.id ?? "";
    const deps = {
      db,
      pool,
      // Not due: SMART and the partition tables were read less than an hour ago.
      settings:
        options.isSmartDue === false
          ? { ...EVIDENCE_TEST_SETTINGS, smartIntervalMs: 3_600_000 }
          : EVIDENCE_TEST_SETTINGS,
      privateKeyFor: async () => clientKey.privateKey,
      now: () => new Date(),
    };
    const [result] = await collectHosts(deps, targets);
    if (!result?.outcome?.ok) throw new Error(`poll failed: ${result?.status} ${result?.message}`);
    // collectHost captured the poll's evidence (with its probe run) and evaluated the findings.
    const capture = result.evidence;
    if (!capture) throw new Error("the poll kept no evidence");
    const [run] = await db
      .select({ startedAt: probeRuns.startedAt })
      .from(probeRuns)
      .where(eq(probeRuns.hostId, hostId))
      .orderBy(desc(probeRuns.id))
      .limit(1);
    const observedAt = run?.startedAt ?? new Date();
    await updateHostFindings(db, hostId, { now: new Date(), pollIntervalMs: 60_000 });
    return { hostId, result, capture, sections: result.outcome.sections, observedAt };
  } finally {
    pool.closeAll();
    await sim.close();
  }
}

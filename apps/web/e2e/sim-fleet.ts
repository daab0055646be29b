import { type CollectDeps, collectHosts, type HostResult } from "@holmes/collector";
import type { Database } from "@holmes/db";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { generateEd25519, type SimServer, startSimServer } from "@holmes/probes/sim-server";
import type { Fleet } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";

export type SimulatedFleet = {
  sim: SimServer;
  /** Polls the named hosts (all by default) once, as the collector does, and closes the connections. */
  collect(hostNames?: readonly string[]): Promise<HostResult[]>;
  close(): Promise<void>;
};

/**
 * The browser specs' fleet: a simulator speaking real SSH on loopback, its hosts in the inventory,
 * and a one-shot collector with a pinned client key — what `holmes start` runs, without the loop.
 * `now` moves the scenarios' clock, for specs that need a scenario before and after a mark.
 */
export async function startSimulatedFleet(
  db: Database,
  fleet: Fleet,
  options: { now?: () => number; smartIntervalMs?: number } = {},
): Promise<SimulatedFleet> {
  const clientKey = generateEd25519("e2e-collector");
  const sim = await startSimServer({
    fleet,
    hostKey: generateEd25519("sim").privateKey,
    authorizedKey: clientKey.publicKey,
    ...(options.now ? { now: options.now } : {}),
  });
  await addHosts(
    db,
    fleet.hosts.map((h) => ({
      name: h.hostname,
      address: "127.0.0.1",
      port: sim.port,
      username: h.hostname,
      isSimulated: true,
    })),
  );
  return {
    sim,
    async collect(hostNames) {
      const pool = new SshConnectionPool();
      const deps: CollectDeps = {
        db,
        pool,
        settings: {
          defaultUser: "holmes",
          connectTimeoutMs: 5_000,
          keepaliveIntervalMs: 10_000,
          intervalMs: 60_000,
          smartIntervalMs: options.smartIntervalMs ?? 600_000,
          concurrency: 6,
        },
        privateKeyFor: async () => clientKey.privateKey,
        now: () => new Date(),
      };
      try {
        return await collectHosts(deps, await listPollTargets(db, hostNames));
      } finally {
        pool.closeAll();
      }
    },
    close: () => sim.close(),
  };
}

/**
 * `holmes collector` as shipped (the pg-boss queue, its defaults) against the simulated fleet,
 * on a database of its own: the figures of collector-worker.ts are of `collectHosts` driven
 * directly, and this shows what the queue in front of it adds. Each interval the collector offers
 * every host one job in that slot (pg-boss's throttle); a slot's cycle is from its first poll's
 * start to its last poll's end, read from pg-boss's job table.
 */
import { spawn } from "node:child_process";
import { createDb } from "@holmes/db/client";
import { syncSimulatedHosts } from "@holmes/db/queries/hosts";
import { fleetHostname } from "@holmes/probes/simulate";
import { childEnvironment } from "../env";
import { CLI_BIN, cpuProfileArgs, exited, track } from "./children";
import { createBenchDatabase } from "./database";
import { peakRssMb, processCpuMs } from "./process-cpu";

export type SlotFigures = { polled: number; completed: number; wallMs: number };

export type ShippedFigures = {
  intervalSeconds: number;
  /** Slots in order: the first is cold (handshakes, SMART due, whole boot log). */
  slots: SlotFigures[];
  /** CPU seconds and peak RSS of the collector process over the whole run. */
  cpuMs: number;
  peakRssMb: number;
  polls: number;
};

export async function runShippedCollector(options: {
  hosts: number;
  simPort: number;
  keyPath: string;
  serverUrl: string | undefined;
  intervalSeconds: number;
  slots: number;
  /** Runs the collector under `node --cpu-prof`, its profile written here when it stops. */
  cpuProfileDir?: string;
}): Promise<ShippedFigures> {
  const database = await createBenchDatabase(options.serverUrl);
  const handle = createDb({ url: database.url, max: 1 });
  try {
    const names = Array.from({ length: options.hosts }, (_, i) => fleetHostname(i));
    await syncSimulatedHosts(handle.db, names, options.simPort);
    const child = track(
      spawn(process.execPath, [...cpuProfileArgs(options.cpuProfileDir), CLI_BIN, "collector"], {
        env: childEnvironment({
          DATABASE_URL: database.url,
          HOLMES_SSH_KEY_PATH: options.keyPath,
          HOLMES_POLL_INTERVAL_SECONDS: String(options.intervalSeconds),
          HOLMES_METRICS_PORT: "0",
        }),
        stdio: ["ignore", "ignore", "inherit"],
      }),
    );
    const pid = child.pid ?? 0;
    const deadline = Date.now() + ((options.slots + 2) * options.intervalSeconds + 60) * 1000;
    let slots: SlotFigures[] = [];
    while (Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      slots = await readSlots(handle);
      const full = slots.filter((slot) => slot.completed === options.hosts);
      if (full.length >= options.slots) break;
    }
    const cpuMs = processCpuMs([pid]);
    const peakRssMbOfChild = peakRssMb(pid);
    child.kill("SIGTERM");
    await exited(child);
    return {
      intervalSeconds: options.intervalSeconds,
      slots,
      cpuMs,
      peakRssMb: peakRssMbOfChild,
      polls: slots.reduce((sum, slot) => sum + slot.completed, 0),
    };
  } finally {
    await handle.close();
    await database.drop();
  }
}

/** Jobs by throttle slot (pg-boss's singleton_on), oldest first; none before pg-boss installs. */
async function readSlots(handle: ReturnType<typeof createDb>): Promise<SlotFigures[]> {
  const [installed] = await handle.sql<Array<{ job: string | null }>>`
    select to_regclass('pgboss.job')::text as job`;
  if (!installed?.job) return [];
  const rows = await handle.sql<
    Array<{ polled: number; completed: number; wall_ms: number | null }>
  >`
    select count(*)::int as polled,
           count(*) filter (where state = 'completed')::int as completed,
           (extract(epoch from max(completed_on) - min(started_on)) * 1000)::float8 as wall_ms
      from pgboss.job
     where name = 'poll-host' and singleton_on is not null
     group by singleton_on
     order by singleton_on`;
  return rows.map((row) => ({
    polled: row.polled,
    completed: row.completed,
    wallMs: row.wall_ms ?? 0,
  }));
}

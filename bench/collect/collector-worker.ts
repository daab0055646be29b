/**
 * The collector side of bench/collect, in a process of its own so that its CPU seconds and peak
 * RSS are the collector's alone (the simulator and PGlite run elsewhere). It runs the real
 * `collectHosts` with a real `SshConnectionPool`, as the collector loop does: a cold cycle
 * (handshakes, SMART due, whole boot log), steady cycles on the kept-open connections, one
 * cycle of `pollHost` alone (SSH + parse, nothing stored: where the store's share shows), then one
 * steady cycle with SMART due (every 10 minutes in production). Prints one JSON line.
 *
 * Run by bench/collect.ts with one JSON argument (WorkerOptions).
 */
import {
  type CollectorSettings,
  collectHosts,
  createKeyResolver,
  type HostResult,
  limitHeapGrowth,
  type PollMemory,
  pollHost,
  RawOutputEncoder,
  WriteCache,
} from "@holmes/collector";
import { createDb } from "@holmes/db/client";
import { listPollTargets, type PollTargetRow } from "@holmes/db/queries/hosts";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { peakRssMb, processCpuMs } from "./process-cpu";
import { WriteMeter } from "./write-meter";

/** The collector's defaults (apps/collector/src/env.ts, settingsFromEnv). */
const SETTINGS: CollectorSettings = {
  defaultUser: "holmes",
  connectTimeoutMs: 10_000,
  keepaliveIntervalMs: 15_000,
  intervalMs: 60_000,
  smartIntervalMs: 600_000,
  concurrency: 64,
};

export type WorkerOptions = {
  databaseUrl: string;
  keyPath: string;
  steadyCycles: number;
  simPid: number;
  /** The PGlite process; null for a Postgres server (its backends are looked up). */
  databasePid: number | null;
};

export type CycleFigures = {
  label: string;
  wallMs: number;
  cpuMs: number;
  /** CPU of the simulator and of the database (PGlite process, or our Postgres backends). */
  simCpuMs: number;
  dbCpuMs: number;
  /** Reading the poll targets, as each loop tick does first. */
  listMs: number;
  /** recordSnapshot/recordFailure transactions: summed over hosts, and wall time with any open. */
  dbWriteSumMs: number;
  dbWriteBusyMs: number;
  dbWrites: number;
  /** Other transactions in the cycle (findings and the like), summed over hosts. */
  otherTxSumMs: number;
  /** SQL statements sent (BEGIN and COMMIT included; listing the targets excepted): all, and
   * those of the poll writes. */
  statements: number;
  writeStatements: number;
  statuses: Record<string, number>;
  connectionsOpened: number;
  hostP50Ms: number;
  hostP99Ms: number;
  /** RSS, V8 heap and memory outside it (Buffers, zlib, TLS) right after the cycle, and the peak
   * RSS so far. */
  rssMb: number;
  heapMb: number;
  externalMb: number;
  peakRssMb: number;
};

export type WorkerFigures = {
  cycles: CycleFigures[];
  peakRssMb: number;
  /** Peak RSS before the first cycle: Node, tsx and the collector's modules. */
  startupPeakMb: number;
  concurrency: number;
};

type CycleRun = (targets: readonly PollTargetRow[]) => Promise<Array<Omit<HostResult, "outcome">>>;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** `pollHost` over every host with the collector's bounded concurrency; nothing is stored. */
function pollOnly(
  pool: SshConnectionPool,
  privateKeyFor: (host: PollTargetRow) => Promise<string>,
  pollMemory: ReadonlyMap<string, PollMemory>,
): CycleRun {
  return async (targets) => {
    const results: Array<Omit<HostResult, "outcome">> = [];
    let next = 0;
    const worker = async () => {
      for (let host = targets[next++]; host; host = targets[next++]) {
        const started = performance.now();
        const outcome = await pollHost(
          {
            name: host.name,
            address: host.address,
            port: host.port,
            username: host.username ?? SETTINGS.defaultUser,
            privateKey: await privateKeyFor(host),
            pinnedHostKey: host.pinnedHostKey,
            useSudo: host.useSudo,
            kernelLogSinceEpochSeconds: Math.floor((host.lastSuccessAt?.getTime() ?? 0) / 1000),
            isSmartDue: false,
            previous: pollMemory.get(host.id),
          },
          pool,
          SETTINGS,
          new Date(),
        );
        const status = outcome.ok
          ? outcome.problems.length > 0
            ? "partial"
            : "ok"
          : outcome.error.code;
        const durationMs = Math.round(performance.now() - started);
        results.push({ host: host.name, status, message: "", durationMs });
      }
    };
    await Promise.all(Array.from({ length: SETTINGS.concurrency }, worker));
    return results;
  };
}

async function main(options: WorkerOptions): Promise<void> {
  // As `holmes collector` does on start.
  limitHeapGrowth();
  // The pool size `holmes collector` uses.
  const handle = createDb({
    url: options.databaseUrl,
    max: 10,
    applicationName: "holmes-bench-collector",
  });
  const meter = new WriteMeter();
  const db = meter.wrap(handle.db);
  const pool = new SshConnectionPool();
  const privateKeyFor = createKeyResolver({ defaultKeyPath: options.keyPath });
  // As the long-running collector does: unchanged current state is not rewritten.
  const writeCache = new WriteCache();
  const pollMemory = new Map<string, PollMemory>();
  const rawOutputEncoder = new RawOutputEncoder();
  const databasePids = async (): Promise<number[]> => {
    if (options.databasePid !== null) return [options.databasePid];
    const rows = await handle.sql<Array<{ pid: number }>>`
      select pid from pg_stat_activity where application_name = 'holmes-bench-collector'`;
    return rows.map((row) => row.pid);
  };
  const collect =
    (settings: CollectorSettings): CycleRun =>
    (targets) =>
      collectHosts(
        // As the long-running collector does: outcomes are dropped once stored.
        {
          db,
          pool,
          settings,
          privateKeyFor,
          now: () => new Date(),
          writeCache,
          pollMemory,
          rawOutputEncoder,
          keepOutcomes: false,
        },
        targets,
      );

  const cycle = async (label: string, run: CycleRun): Promise<CycleFigures> => {
    meter.reset();
    const dbPidsBefore = await databasePids();
    const others = [processCpuMs([options.simPid]), processCpuMs(dbPidsBefore)];
    const cpu = process.cpuUsage();
    const started = performance.now();
    const targets = await listPollTargets(handle.db);
    const listMs = performance.now() - started;
    const results = await run(targets);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const simCpuMs = processCpuMs([options.simPid]) - (others[0] ?? 0);
    // Backends opened during the cycle count whole: all their CPU is this cycle's.
    const dbPids = new Set([...dbPidsBefore, ...(await databasePids())]);
    const dbCpuMs = processCpuMs([...dbPids]) - (others[1] ?? 0);
    const dbFigures = meter.figures();
    const statuses: Record<string, number> = {};
    for (const result of results) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    const durations = results.map((r) => r.durationMs).sort((a, b) => a - b);
    const memory = process.memoryUsage();
    return {
      label,
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      simCpuMs,
      dbCpuMs,
      listMs,
      dbWriteSumMs: dbFigures.writeSumMs,
      dbWriteBusyMs: dbFigures.writeBusyMs,
      dbWrites: dbFigures.writes,
      otherTxSumMs: dbFigures.otherTxSumMs,
      statements: dbFigures.statements,
      writeStatements: dbFigures.writeStatements,
      statuses,
      connectionsOpened: pool.connectionsOpened,
      hostP50Ms: percentile(durations, 0.5),
      hostP99Ms: percentile(durations, 0.99),
      rssMb: memory.rss / 1048576,
      heapMb: memory.heapUsed / 1048576,
      externalMb: memory.external / 1048576,
      peakRssMb: peakRssMb(),
    };
  };

  const startupPeakMb = peakRssMb();
  const cycles = [await cycle("cold", collect(SETTINGS))];
  for (let i = 0; i < options.steadyCycles; i++)
    cycles.push(await cycle("steady", collect(SETTINGS)));
  cycles.push(await cycle("poll+parse only", pollOnly(pool, privateKeyFor, pollMemory)));
  cycles.push(await cycle("steady+smart", collect({ ...SETTINGS, smartIntervalMs: 0 })));
  const figures: WorkerFigures = {
    cycles,
    peakRssMb: peakRssMb(),
    startupPeakMb,
    concurrency: SETTINGS.concurrency,
  };
  pool.closeAll();
  await rawOutputEncoder.close();
  await handle.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

await main(JSON.parse(process.argv[2] ?? "{}") as WorkerOptions);

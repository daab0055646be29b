import type { Database } from "@holmes/db/client";
import { listPollTargets, type PollTargetRow } from "@holmes/db/queries/hosts";
import {
  claimNextCheckRun,
  failExpiredCheckRuns,
  finishCheckRun,
  previousCheckOutput,
} from "@holmes/db/queries/runbook-checks";
import type { SshConnectionPool } from "@holmes/probes/ssh";
import { runCheck } from "./run-check";

export type CheckWorkerOptions = {
  db: Database;
  pool: SshConnectionPool;
  /** Names this collector on each check it ran. */
  instance: string;
  defaultUser: string;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  privateKeyFor: (host: PollTargetRow) => Promise<string>;
  /** How often the queue is looked at when idle: a requested check starts within about this. */
  pollMs?: number;
  /** A check's whole budget (connect and command); the host "hangs" past it. */
  checkTimeoutMs?: number;
  /** Checks run at once by this collector. */
  concurrency?: number;
};

export type CheckWorker = { stop: () => Promise<void> };

const DEFAULT_POLL_MS = 1_000;
const DEFAULT_CHECK_TIMEOUT_MS = 30_000;
/** Past the check's own timeout: only a collector that died holds a check this long. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Works the runbook check queue: claims a queued check (any number of collectors may run this;
 * SKIP LOCKED hands each check to one), runs it over SSH and stores the verdict. The queue is
 * read every second, not every poll interval: a responder waits for the answer. A LISTEN wake-up
 * would shave that second on a server, but embedded PGlite never delivers notifications, so the
 * one-second read is what both modes rely on (a partial index keeps it an index probe).
 */
export function startCheckWorker(options: CheckWorkerOptions): CheckWorker {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const deps = {
    pool: options.pool,
    defaultUser: options.defaultUser,
    connectTimeoutMs: options.connectTimeoutMs,
    keepaliveIntervalMs: options.keepaliveIntervalMs,
    checkTimeoutMs,
    privateKeyFor: options.privateKeyFor,
    now: () => new Date(),
  };
  let isRunning = true;
  const sleepers = new Set<() => void>();

  const workOne = async (): Promise<boolean> => {
    const claimed = await claimNextCheckRun(options.db, {
      collector: options.instance,
      now: new Date(),
      leaseMs: checkTimeoutMs + LEASE_MARGIN_MS,
    });
    if (!claimed) return false;
    const [target] = await listPollTargets(options.db, [claimed.hostName]);
    const previous = await previousCheckOutput(options.db, claimed);
    const verdict = await runCheck(
      deps,
      claimed,
      target?.id === claimed.hostId ? target : undefined,
      previous,
    );
    await finishCheckRun(options.db, claimed.id, verdict);
    return true;
  };

  const loop = async () => {
    while (isRunning) {
      let didWork = false;
      try {
        await failExpiredCheckRuns(options.db, new Date());
        didWork = await workOne();
      } catch (error) {
        console.error(
          `holmes collector: runbook check failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (!didWork && isRunning) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, pollMs);
          sleepers.add(wake);
        });
      }
    }
  };
  const loops = Array.from({ length: options.concurrency ?? 2 }, loop);
  return {
    stop: async () => {
      isRunning = false;
      for (const wake of [...sleepers]) wake();
      await Promise.all(loops);
    },
  };
}

import type { Database } from "@holmes/db/client";
import { type ProbeRunRecord, recordFailure } from "@holmes/db/queries/fleet-state";
import { type PollTargetRow, recordPresentedHostKey } from "@holmes/db/queries/hosts";
import { encodeRawOutputs } from "@holmes/db/queries/raw-outputs";
import type { ProbeSection } from "@holmes/probes/commands";
import type { ProbeError, SshConnectionPool } from "@holmes/probes/ssh";
import { type CaptureEvidenceResult, keepPollEvidence } from "./evidence";
import { updateFindingsAfterPoll, updateHostFindings } from "./findings";
import type { StoredPoll } from "./host-state-memory";
import { type PollOutcome, pollHost } from "./poll/poll-host";
import type { PollMemory } from "./poll/poll-memory";
import type { ParseProblem } from "./poll/sections";
import type { RawOutputEncoder } from "./raw-output-encoder";
import { storeHostKeyPin, storeSnapshot } from "./store";
import { snapshotHashes, type WriteCache } from "./write-cache";

export type CollectorSettings = {
  defaultUser: string;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  /** How often a host is polled; backoff and staleness are counted in these. */
  intervalMs: number;
  smartIntervalMs: number;
  concurrency: number;
  /** One poll's whole budget (connect and commands); without it only their own timeouts apply. */
  pollTimeoutMs?: number;
};

export type CollectDeps = {
  db: Database;
  pool: SshConnectionPool;
  settings: CollectorSettings;
  /** Returns the private key for a host (from its identity file or sealed credential). */
  privateKeyFor: (host: PollTargetRow) => Promise<string>;
  now: () => Date;
  /**
   * Skips rewriting current-state tables this process already wrote unchanged, and follows each
   * host's state in memory so its findings need not read it back after every poll.
   */
  writeCache?: WriteCache;
  /**
   * What each host's last poll left, kept by a long-running collector: the next poll reads its
   * devices' details in its first round trip, so an unchanged host answers in one, and reuses
   * what its unchanged outputs gave rather than parsing them again (poll/poll-memory.ts).
   */
  pollMemory?: Map<string, PollMemory>;
  /** Encodes raw outputs off the poll loop's thread; without it they are encoded in place. */
  rawOutputEncoder?: RawOutputEncoder;
  /**
   * Keep each host's parsed outcome (raw outputs included) in its result; default true, for
   * one-shot callers that print or inspect it. A long-running collector passes false: a cycle
   * of 1,000 hosts would otherwise hold every raw output until it ends.
   */
  keepOutcomes?: boolean;
};

export type HostResult = {
  host: string;
  status: "ok" | "partial" | "skipped" | ProbeError["code"];
  message: string;
  durationMs: number;
  outcome: PollOutcome | null;
  /** What the evidence vault kept from this poll; absent when the poll failed or capture did. */
  evidence?: CaptureEvidenceResult | null;
};

/** Polls hosts with bounded concurrency; one host's trouble never delays or stops another. */
export async function collectHosts(
  deps: CollectDeps,
  targets: readonly PollTargetRow[],
): Promise<HostResult[]> {
  const results: HostResult[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index];
      if (target) results[index] = await collectHost(deps, target);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(deps.settings.concurrency, targets.length) }, worker),
  );
  return results;
}

export async function collectHost(deps: CollectDeps, host: PollTargetRow): Promise<HostResult> {
  const startedAt = deps.now();
  // A skipped host is still judged: its data ages, and "stale" must appear without a poll.
  if (host.presentedHostKey) {
    deps.writeCache?.forgetState(host.id);
    await evaluateFindings(deps, host);
    return skipped(
      host,
      `host key changed (pinned ${host.pinnedHostKey}, presented ${host.presentedHostKey}); an admin must accept it`,
    );
  }
  if (host.nextAttemptAt && host.nextAttemptAt > startedAt) {
    deps.writeCache?.forgetState(host.id);
    await evaluateFindings(deps, host);
    return skipped(host, `backing off until ${host.nextAttemptAt.toISOString()}`);
  }
  const clock = performance.now();
  const outcome = await pollOnce(deps, host, startedAt);
  const durationMs = Math.round(performance.now() - clock);
  if (outcome.ok) {
    const pinnedHostKey = host.pinnedHostKey ?? outcome.hostKeyFingerprint;
    if (!host.pinnedHostKey && outcome.hostKeyFingerprint) {
      await storeHostKeyPin(deps.db, {
        hostId: host.id,
        fingerprint: outcome.hostKeyFingerprint,
        at: startedAt,
      });
    }
    deps.pollMemory?.set(host.id, outcome.memory);
    const status = outcome.problems.length > 0 ? "partial" : "ok";
    const hashes = snapshotHashes(outcome.snapshot);
    const run = await runRecord(deps, startedAt, durationMs, status, outcome);
    let probeRunId: number;
    try {
      probeRunId = await storeSnapshot(deps.db, {
        hostId: host.id,
        snapshot: outcome.snapshot,
        run,
        unchanged: deps.writeCache?.unchanged(host.id, hashes, host.lastSuccessAt),
      });
    } catch (error) {
      deps.writeCache?.forget(host.id);
      throw error;
    }
    deps.writeCache?.remember(host.id, hashes, outcome.snapshot.observedAt);
    // Before the findings, so this poll's evidence alerts reach this poll's findings.
    const evidence = await keepPollEvidence(deps.db, {
      hostId: host.id,
      hostName: host.name,
      probeRunId,
      sections: outcome.sections,
      sectionDigests: outcome.sectionDigests,
      parsedBefore: outcome.parsedBefore,
      observedAt: startedAt,
    });
    const stored: StoredPoll = {
      snapshot: outcome.snapshot,
      status,
      parseErrors: outcome.problems,
      host: { id: host.id, name: host.name, pinnedHostKey, presentedHostKey: null },
    };
    await evaluateFindingsAfterPoll(deps, host, stored, evidence);
    const message = outcome.problems.map((p) => `${p.commandId}: ${p.message}`).join("; ");
    return { host: host.name, status, message, durationMs, outcome: kept(deps, outcome), evidence };
  }
  deps.writeCache?.forgetState(host.id);
  await recordPollFailure(deps, host, outcome.error, startedAt, durationMs, outcome.sections);
  await evaluateFindings(deps, host);
  return {
    host: host.name,
    status: outcome.error.code,
    message: outcome.error.message,
    durationMs,
    outcome: kept(deps, outcome),
  };
}

const kept = (deps: CollectDeps, outcome: PollOutcome) =>
  deps.keepOutcomes === false ? null : outcome;

async function pollOnce(
  deps: CollectDeps,
  host: PollTargetRow,
  startedAt: Date,
): Promise<PollOutcome> {
  let privateKey: string;
  try {
    privateKey = await deps.privateKeyFor(host);
  } catch (error) {
    const message = `no usable private key: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, error: { code: "AUTH_FAILED", message }, sections: [] };
  }
  const isSmartDue =
    !host.lastSmartAt ||
    startedAt.getTime() - host.lastSmartAt.getTime() >= deps.settings.smartIntervalMs;
  const target = {
    name: host.name,
    address: host.address,
    port: host.port,
    username: host.username ?? deps.settings.defaultUser,
    privateKey,
    pinnedHostKey: host.pinnedHostKey,
    useSudo: host.useSudo,
    kernelLogSinceEpochSeconds: host.lastSuccessAt
      ? Math.floor(host.lastSuccessAt.getTime() / 1000)
      : 0,
    isSmartDue,
    previous: deps.pollMemory?.get(host.id),
  };
  return pollHost(target, deps.pool, deps.settings, startedAt);
}

/** A rule or findings write that fails must not cost the poll that was just stored. */
async function evaluateFindings(deps: CollectDeps, host: PollTargetRow) {
  try {
    await updateHostFindings(deps.db, host.id, {
      now: deps.now(),
      pollIntervalMs: deps.settings.intervalMs,
    });
  } catch (error) {
    console.error(
      `holmes collector: findings for ${host.name} not updated: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** As evaluateFindings, for a poll just stored: followed in memory when the write cache can. */
async function evaluateFindingsAfterPoll(
  deps: CollectDeps,
  host: PollTargetRow,
  poll: StoredPoll,
  evidence: CaptureEvidenceResult | null,
) {
  if (!deps.writeCache) return evaluateFindings(deps, host);
  try {
    await updateFindingsAfterPoll(
      deps.db,
      deps.writeCache,
      {
        ...poll,
        lastSuccessBefore: host.lastSuccessAt,
        lastErrorBefore: { code: host.lastErrorCode, message: host.lastErrorMessage },
        // The vault adds or resolves alerts only with a capture; a failed capture is unknown.
        hasEvidenceChanged: evidence === null || evidence.captureId !== null,
      },
      { now: deps.now(), pollIntervalMs: deps.settings.intervalMs },
    );
  } catch (error) {
    deps.writeCache.forgetState(host.id);
    console.error(
      `holmes collector: findings for ${host.name} not updated: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const FAILURE_STATES = {
  UNREACHABLE: "unreachable",
  AUTH_FAILED: "auth_failed",
  HOST_KEY_CHANGED: "host_key_changed",
  TIMEOUT: "timeout",
} as const;

async function recordPollFailure(
  deps: CollectDeps,
  host: PollTargetRow,
  error: ProbeError,
  at: Date,
  durationMs: number,
  sections: ProbeSection[],
) {
  const presented =
    error.code === "HOST_KEY_CHANGED" ? error.detail?.presentedFingerprint : undefined;
  if (typeof presented === "string") await recordPresentedHostKey(deps.db, host.id, presented, at);
  // Unreachable hosts back off: 1, 2, 4 … up to 30 intervals, so a dead host costs little.
  const backoffIntervals = Math.min(30, 2 ** Math.min(host.consecutiveFailures, 5));
  await recordFailure(
    deps.db,
    host.id,
    {
      at,
      state: FAILURE_STATES[error.code as keyof typeof FAILURE_STATES] ?? "failed",
      code: error.code,
      message: error.message,
      durationMs,
      retryAfterMs:
        error.code === "UNREACHABLE" || error.code === "TIMEOUT"
          ? backoffIntervals * deps.settings.intervalMs
          : 0,
    },
    {
      ...(await runRecord(deps, at, durationMs, "failed", { sections, problems: [] })),
      errorCode: error.code,
      errorMessage: error.message,
    },
  );
}

async function runRecord(
  deps: CollectDeps,
  startedAt: Date,
  durationMs: number,
  status: string,
  poll: { sections: readonly ProbeSection[]; problems: readonly ParseProblem[] },
): Promise<ProbeRunRecord> {
  const { sections, problems } = poll;
  const raw =
    sections.length === 0
      ? { rawOutputs: null }
      : ((await deps.rawOutputEncoder?.encode(sections)) ?? encodeRawOutputs(sections));
  return {
    startedAt,
    durationMs,
    status,
    ...raw,
    parseErrors: problems.length > 0 ? [...problems] : null,
  };
}

function skipped(host: PollTargetRow, message: string): HostResult {
  return { host: host.name, status: "skipped", message, durationMs: 0, outcome: null };
}

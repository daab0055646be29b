import type { HostState } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { requestEvidenceCapture } from "@holmes/db/queries/evidence-requests";
import type { ReconcileResult } from "@holmes/db/queries/findings";
import { DEFAULT_FINDING_SETTINGS, evaluateHost, type FindingSettings } from "@holmes/findings";
import {
  advanceHistory,
  type StoredPoll,
  stateAfterPoll,
  stateBeforeFirstSuccess,
} from "./host-state-memory";
import { degradedByDesignOf, evidenceAlertsOf, hostStateOf, storeFindings } from "./store";
import type { KnownHostState, WriteCache } from "./write-cache";

type FindingOptions = { now: Date; pollIntervalMs: number; settings?: FindingSettings };

/**
 * Re-reads what Holmes knows about a host, runs the rules and records the findings' lifecycle.
 * Runs after every failed or skipped poll attempt (and for hosts whose data went stale), and
 * after a successful poll whose host this process cannot follow in memory.
 */
export async function updateHostFindings(
  db: Database,
  hostId: string,
  options: FindingOptions,
): Promise<ReconcileResult | null> {
  const settings = options.settings ?? DEFAULT_FINDING_SETTINGS;
  const known = await hostStateOf(db, {
    hostId,
    now: options.now,
    pollIntervalMs: options.pollIntervalMs,
    recentWindowHours: settings.recentWindowHours,
  });
  if (!known) return null;
  return judge(db, known.state, settings, options.now);
}

/**
 * The findings after a successful poll this process just stored. When the cache still follows
 * the host (its last success in the database was this process's write), or no poll had succeeded
 * on it before, the state is built from the snapshot in memory: only the responders' array
 * expectations are read, and the evidence alerts when the vault stored something. Otherwise it
 * is read whole, and followed from then on.
 */
export async function updateFindingsAfterPoll(
  db: Database,
  cache: WriteCache,
  poll: StoredPoll & {
    lastSuccessBefore: Date | null;
    lastErrorBefore: { code: string | null; message: string | null };
    hasEvidenceChanged: boolean;
  },
  options: FindingOptions,
): Promise<ReconcileResult | null> {
  const settings = options.settings ?? DEFAULT_FINDING_SETTINGS;
  const since = new Date(options.now.getTime() - settings.recentWindowHours * 3_600_000);
  const hostId = poll.host.id;
  const known =
    cache.knownState(hostId, poll.lastSuccessBefore, options.now) ??
    (poll.lastSuccessBefore === null
      ? {
          ...stateBeforeFirstSuccess({ ...poll, ...options }),
          evidenceAlerts: [],
          loadedAt: options.now,
        }
      : null);
  const next = known
    ? await followInMemory(db, known, poll, { ...options, since })
    : await readKnownState(db, hostId, { ...options, settings });
  if (!next) {
    cache.forgetState(hostId);
    return null;
  }
  cache.rememberState(hostId, next, poll.snapshot.observedAt);
  return judge(db, next.state, settings, options.now);
}

async function followInMemory(
  db: Database,
  known: KnownHostState,
  poll: StoredPoll & { hasEvidenceChanged: boolean },
  options: FindingOptions & { since: Date },
): Promise<KnownHostState> {
  const [degradedByDesign, evidenceAlerts] = await Promise.all([
    degradedByDesignOf(db, poll.host.id),
    poll.hasEvidenceChanged
      ? evidenceAlertsOf(db, poll.host.id, options.since)
      : known.evidenceAlerts,
  ]);
  const history = advanceHistory(known.history, poll.snapshot, options.since);
  const state = stateAfterPoll({
    previous: known.state,
    history,
    poll,
    degradedByDesign,
    evidenceAlerts,
    now: options.now,
    pollIntervalMs: options.pollIntervalMs,
    since: options.since,
  });
  return { state, history, evidenceAlerts: state.evidenceAlerts, loadedAt: known.loadedAt };
}

async function readKnownState(
  db: Database,
  hostId: string,
  options: FindingOptions & { settings: FindingSettings },
): Promise<KnownHostState | null> {
  const known = await hostStateOf(db, {
    hostId,
    now: options.now,
    pollIntervalMs: options.pollIntervalMs,
    recentWindowHours: options.settings.recentWindowHours,
  });
  if (!known) return null;
  const { state, history } = known;
  return { state, history, evidenceAlerts: state.evidenceAlerts, loadedAt: options.now };
}

async function judge(db: Database, state: HostState, settings: FindingSettings, now: Date) {
  const drafts = evaluateHost(state, settings);
  const result = await storeFindings(db, { hostId: state.host.id, drafts, now });
  await requestCaptureOnCritical(db, state.host.id, result, now);
  return result;
}

/** Rules about disks, arrays and what lies on them: a critical one of these is a storage alarm. */
const STORAGE_RULE = /^(md|disk|evidence|kernel)\./;

/**
 * A critical storage finding that just opened asks for an evidence capture at the next poll: the
 * vault then records (with that reason) the state the responder will start from.
 */
async function requestCaptureOnCritical(
  db: Database,
  hostId: string,
  result: ReconcileResult,
  now: Date,
) {
  const alarm = result.opened.find((f) => f.severity === "critical" && STORAGE_RULE.test(f.ruleId));
  if (!alarm) return;
  await requestEvidenceCapture(db, {
    hostIds: [hostId],
    reason: "critical_finding",
    context: { findingId: alarm.id, ruleId: alarm.ruleId, objectName: alarm.objectName },
    now,
  });
}

import type { EvidenceAlertState, HostState } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { loadEvidenceAlertsOf } from "@holmes/db/queries/evidence-alerts";
import {
  type EvidenceCaptureWrite,
  type EvidenceCaptureWritten,
  type EvidenceHead,
  type EvidenceHostState,
  loadEvidenceHeadsOf,
  loadEvidenceStates,
  writeEvidenceCaptures,
} from "@holmes/db/queries/evidence-capture";
import {
  type HostFindingDrafts,
  type ReconcileResult,
  reconcileHostsFindings,
} from "@holmes/db/queries/findings";
import { recordSnapshots, type SnapshotWrite } from "@holmes/db/queries/fleet-state";
import { type HostHistory, loadDegradedByDesignOf } from "@holmes/db/queries/host-history";
import { loadHostStatesWithHistory } from "@holmes/db/queries/host-state";
import { type HostKeyPin, pinHostKeys } from "@holmes/db/queries/hosts";
import { createGroupCommit, type GroupCommit } from "./group-commit";
import { alertsInWindow } from "./host-state-memory";

/**
 * The per-host database work of a poll, grouped across the hosts in flight (group-commit.ts):
 * each host still waits for its own write, but concurrent polls share transactions and
 * statements. One set per database handle, so every collectHost on it shares them.
 */
type Store = {
  writeSnapshot: GroupCommit<SnapshotWrite, number>;
  degradedByDesign: GroupCommit<string, Set<string>>;
  reconcile: GroupCommit<HostFindingDrafts, ReconcileResult>;
  evidenceState: GroupCommit<string, EvidenceHostState>;
  evidenceHeads: GroupCommit<string, Map<string, EvidenceHead>>;
  evidenceCapture: GroupCommit<EvidenceCaptureWrite, EvidenceCaptureWritten | null>;
  hostState: GroupCommit<HostStateRequest, StateWithHistory | null>;
  evidenceAlerts: GroupCommit<EvidenceAlertsRequest, EvidenceAlertState[]>;
  pinHostKey: GroupCommit<HostKeyPin, void>;
};

/** What the findings read of a host: loadHostState's options, per host. */
export type HostStateRequest = {
  hostId: string;
  now: Date;
  pollIntervalMs: number;
  recentWindowHours: number;
};

type StateWithHistory = { state: HostState; history: HostHistory };

/** A host's open evidence alerts, and its moments since `since` (a poll's recent window). */
type EvidenceAlertsRequest = { hostId: string; since: Date };

/** Hosts per transaction: enough to amortise it, few enough to keep one poll's wait short. */
const MAX_HOSTS = 32;
/**
 * Transactions at once per kind. One: the hosts that finish while it runs wait and go together
 * in the next. With two, the second slot was nearly always free, so a flush left with whatever
 * had arrived (about 5 hosts): at 1,000 hosts one in flight took statements per host from 2.0
 * to 1.2 in a steady cycle and from 6 to 3.5 in a cold one, for less CPU on both sides
 * (bench/collect).
 */
const PARALLEL = 1;

const NO_EVIDENCE: EvidenceHostState = {
  newestVersionId: null,
  lastCaptureAt: null,
  hasPendingRequest: false,
};

/** A grouped read of a per-host map: each host gets its entry, or `absent()` when it has none. */
function perHost<T>(
  load: (hostIds: string[]) => Promise<ReadonlyMap<string, T>>,
  absent: () => T,
): GroupCommit<string, T> {
  return createGroupCommit({
    flush: async (hostIds) => {
      const byHost = await load(hostIds);
      return hostIds.map((id) => byHost.get(id) ?? absent());
    },
    maxItems: MAX_HOSTS,
    parallel: PARALLEL,
  });
}

const stores = new WeakMap<Database, Store>();

function storeOf(db: Database): Store {
  const existing = stores.get(db);
  if (existing) return existing;
  const store: Store = {
    writeSnapshot: createGroupCommit({
      flush: (writes) => recordSnapshots(db, writes),
      maxItems: MAX_HOSTS,
      parallel: PARALLEL,
    }),
    degradedByDesign: perHost(
      (hostIds) => loadDegradedByDesignOf(db, hostIds),
      () => new Set(),
    ),
    reconcile: createGroupCommit({
      flush: (hosts) => reconcileHostsFindings(db, hosts),
      maxItems: MAX_HOSTS,
      parallel: PARALLEL,
    }),
    evidenceState: perHost(
      (hostIds) => loadEvidenceStates(db, hostIds),
      () => NO_EVIDENCE,
    ),
    evidenceHeads: perHost(
      (hostIds) => loadEvidenceHeadsOf(db, hostIds),
      () => new Map(),
    ),
    evidenceCapture: createGroupCommit({
      flush: (captures) => writeEvidenceCaptures(db, captures),
      maxItems: MAX_HOSTS,
      parallel: PARALLEL,
    }),
    hostState: createGroupCommit({
      flush: (requests) => loadHostStatesTogether(db, requests),
      maxItems: MAX_HOSTS,
      parallel: PARALLEL,
    }),
    evidenceAlerts: createGroupCommit({
      // One read from the earliest window; each host then keeps what its own window holds.
      flush: async (requests) => {
        const earliest = new Date(Math.min(...requests.map((r) => r.since.getTime())));
        const hostIds = [...new Set(requests.map((r) => r.hostId))];
        const byHost = await loadEvidenceAlertsOf(db, hostIds, earliest);
        return requests.map((r) => alertsInWindow(byHost.get(r.hostId) ?? [], r.since));
      },
      maxItems: MAX_HOSTS,
      parallel: PARALLEL,
    }),
    pinHostKey: createGroupCommit({
      flush: async (pins) => {
        await pinHostKeys(db, pins);
        return pins.map(() => undefined);
      },
      maxItems: MAX_HOSTS,
      parallel: PARALLEL,
    }),
  };
  stores.set(db, store);
  return store;
}

/** recordSnapshot, grouped with the other polls being stored. Returns the probe run's id. */
export function storeSnapshot(db: Database, write: SnapshotWrite): Promise<number> {
  return storeOf(db).writeSnapshot(write);
}

/** The host's arrays marked degraded on purpose, read with the other hosts' being judged. */
export function degradedByDesignOf(db: Database, hostId: string): Promise<Set<string>> {
  return storeOf(db).degradedByDesign(hostId);
}

/** loadEvidenceAlerts, read with the other polls' (a new fleet's first captures come together). */
export function evidenceAlertsOf(
  db: Database,
  hostId: string,
  since: Date,
): Promise<EvidenceAlertState[]> {
  return storeOf(db).evidenceAlerts({ hostId, since });
}

/** reconcileFindings, grouped with the other hosts' being judged. */
export function storeFindings(db: Database, host: HostFindingDrafts): Promise<ReconcileResult> {
  return storeOf(db).reconcile(host);
}

/** What the evidence vault holds of the host (loadEvidenceState), read with the other polls'. */
export function evidenceStateOf(db: Database, hostId: string): Promise<EvidenceHostState> {
  return storeOf(db).evidenceState(hostId);
}

/** The newest version of each of the host's evidence items, read with the other polls'. */
export function evidenceHeadsOf(db: Database, hostId: string): Promise<Map<string, EvidenceHead>> {
  return storeOf(db).evidenceHeads(hostId);
}

/** writeEvidenceCapture, grouped with the other polls' captures. */
export function storeEvidenceCapture(
  db: Database,
  capture: EvidenceCaptureWrite,
): Promise<EvidenceCaptureWritten | null> {
  return storeOf(db).evidenceCapture(capture);
}

/** pinHostKey (trust on first use), grouped with the other first polls in flight. */
export function storeHostKeyPin(db: Database, pin: HostKeyPin): Promise<void> {
  return storeOf(db).pinHostKey(pin);
}

/**
 * loadHostState with its history (loadHostStatesWithHistory), read with the other hosts' being
 * judged; null for a host that no longer exists.
 */
export function hostStateOf(
  db: Database,
  request: HostStateRequest,
): Promise<StateWithHistory | null> {
  return storeOf(db).hostState(request);
}

/**
 * One read for hosts asked at nearly the same moment. The window of recent events is the
 * earliest request's (so at most the batch's spread, milliseconds, wider than each host's own);
 * each state then carries its own request's `now` and interval.
 */
async function loadHostStatesTogether(
  db: Database,
  requests: readonly HostStateRequest[],
): Promise<Array<StateWithHistory | null>> {
  const byWindow = new Map<number, HostStateRequest[]>();
  for (const request of requests) {
    byWindow.set(request.recentWindowHours, [
      ...(byWindow.get(request.recentWindowHours) ?? []),
      request,
    ]);
  }
  const loaded = new Map<HostStateRequest, StateWithHistory>();
  for (const [recentWindowHours, group] of byWindow) {
    const earliest = Math.min(...group.map((r) => r.now.getTime()));
    const states = await loadHostStatesWithHistory(
      db,
      group.map((r) => r.hostId),
      { now: new Date(earliest), pollIntervalMs: 0, recentWindowHours },
    );
    for (const request of group) {
      const known = states.get(request.hostId);
      if (!known) continue;
      const state = { ...known.state, now: request.now, pollIntervalMs: request.pollIntervalMs };
      loaded.set(request, { state, history: known.history });
    }
  }
  return requests.map((request) => loaded.get(request) ?? null);
}

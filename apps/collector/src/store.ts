import type { Database } from "@holmes/db/client";
import {
  type HostFindingDrafts,
  type ReconcileResult,
  reconcileHostsFindings,
} from "@holmes/db/queries/findings";
import { recordSnapshots, type SnapshotWrite } from "@holmes/db/queries/fleet-state";
import { loadDegradedByDesignOf } from "@holmes/db/queries/host-history";
import { createGroupCommit, type GroupCommit } from "./group-commit";

/**
 * The per-host database work of a poll, grouped across the hosts in flight (group-commit.ts):
 * each host still waits for its own write, but concurrent polls share transactions and
 * statements. One set per database handle, so every collectHost on it shares them.
 */
type Store = {
  writeSnapshot: GroupCommit<SnapshotWrite, number>;
  degradedByDesign: GroupCommit<string, Set<string>>;
  reconcile: GroupCommit<HostFindingDrafts, ReconcileResult>;
};

/** Hosts per transaction: enough to amortise it, few enough to keep one poll's wait short. */
const MAX_HOSTS = 32;
/** Transactions at once per kind: one fills while the other commits. */
const PARALLEL = 2;

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
    degradedByDesign: createGroupCommit({
      flush: async (hostIds) => {
        const byHost = await loadDegradedByDesignOf(db, hostIds);
        return hostIds.map((id) => byHost.get(id) ?? new Set());
      },
      maxItems: MAX_HOSTS,
      parallel: PARALLEL,
    }),
    reconcile: createGroupCommit({
      flush: (hosts) => reconcileHostsFindings(db, hosts),
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

/** reconcileFindings, grouped with the other hosts' being judged. */
export function storeFindings(db: Database, host: HostFindingDrafts): Promise<ReconcileResult> {
  return storeOf(db).reconcile(host);
}

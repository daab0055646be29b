import type { Database } from "@holmes/db/client";
import { type ReconcileResult, reconcileFindings } from "@holmes/db/queries/findings";
import { loadHostState } from "@holmes/db/queries/host-state";
import { DEFAULT_FINDING_SETTINGS, evaluateHost, type FindingSettings } from "@holmes/findings";

/**
 * Re-reads what Holmes knows about a host, runs the rules and records the findings' lifecycle.
 * Runs after every poll attempt (success or failure) and for hosts whose data went stale.
 */
export async function updateHostFindings(
  db: Database,
  hostId: string,
  options: { now: Date; pollIntervalMs: number; settings?: FindingSettings },
): Promise<ReconcileResult | null> {
  const settings = options.settings ?? DEFAULT_FINDING_SETTINGS;
  const state = await loadHostState(db, hostId, {
    now: options.now,
    pollIntervalMs: options.pollIntervalMs,
    recentWindowHours: settings.recentWindowHours,
  });
  if (!state) return null;
  return reconcileFindings(db, hostId, evaluateHost(state, settings), options.now);
}

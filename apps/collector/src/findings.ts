import type { Database } from "@holmes/db/client";
import { requestEvidenceCapture } from "@holmes/db/queries/evidence-requests";
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
  const result = await reconcileFindings(db, hostId, evaluateHost(state, settings), options.now);
  await requestCaptureOnCritical(db, hostId, result, options.now);
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

import {
  ALERT_RESOLVED_NOTE,
  type AlertmanagerPayload,
  type AlertRecord,
  alertGroupSeverity,
  alertGroupTitle,
  alertHostCandidates,
  describeAlerts,
  MAX_UPDATE_BODY,
  toAlertRecord,
} from "@holmes/core";
import { and, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  hosts,
  type Incident,
  incidentEvents,
  incidentHosts,
  incidents,
  intakeTokens,
} from "../schema";
import { declareIncidentInTx, recordIncidentEvent, type Tx } from "./incidents";

export type AlertIntakeResult = {
  /** declared: a new incident; appended: an existing one; ignored: only resolved, nothing open. */
  action: "declared" | "appended" | "ignored";
  incidentId: string | null;
  incidentNumber: number | null;
  /** Alerts newly recorded (repeats of an alert already on the timeline are not counted). */
  fired: number;
  resolved: number;
};

/** The partial unique index: one unresolved incident per alert group. */
const OPEN_GROUP_INDEX = "incidents_open_alert_group";

/**
 * Applies one Alertmanager notification in a single transaction: declare an incident for a new
 * group (or append to the group's open one), record fired and resolved alerts on its timeline
 * once each, and mark the token used. Resolved alerts never resolve the incident: people do.
 */
export async function receiveAlertmanagerPayload(
  db: Database,
  payload: AlertmanagerPayload,
  args: { tokenId: string; now: Date },
): Promise<AlertIntakeResult> {
  return db.transaction(async (tx) => {
    const records = payload.alerts.map(toAlertRecord);
    const hasFiring = records.some((record) => record.status === "firing");
    const hostIds = await matchAlertHosts(tx, alertHostCandidates(payload));
    let incident = await openIncidentOfGroup(tx, payload.groupKey);
    let action: AlertIntakeResult["action"] = "appended";
    if (!incident && hasFiring) {
      incident = await declareForGroup(tx, payload, records, hostIds, args.now);
      if (incident) action = "declared";
      // Lost the race to a concurrent notification of the same group: append to its incident.
      else incident = await openIncidentOfGroup(tx, payload.groupKey);
    }
    // Only resolved alerts and nothing open: note them on the group's latest incident, if any.
    incident ??= await latestIncidentOfGroup(tx, payload.groupKey);
    if (!incident) {
      await markTokenUsed(tx, args.tokenId, args.now);
      return { action: "ignored", incidentId: null, incidentNumber: null, fired: 0, resolved: 0 };
    }
    if (action === "appended" && incident.status !== "resolved") {
      await addAlertHosts(tx, incident.id, hostIds, args.now);
    }
    const counts = await appendAlerts(tx, incident.id, payload, records, args.now);
    await markTokenUsed(tx, args.tokenId, args.now);
    return { action, incidentId: incident.id, incidentNumber: incident.number, ...counts };
  });
}

/**
 * Last, not first: every notification sent with one token updates this row, and its lock held
 * from the start would serialise them all for the whole transaction.
 */
async function markTokenUsed(tx: Tx, tokenId: string, now: Date) {
  await tx.update(intakeTokens).set({ lastUsedAt: now }).where(eq(intakeTokens.id, tokenId));
}

async function openIncidentOfGroup(tx: Tx, groupKey: string): Promise<Incident | undefined> {
  const [row] = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.alertGroupKey, groupKey), ne(incidents.status, "resolved")))
    .for("update");
  return row;
}

async function latestIncidentOfGroup(tx: Tx, groupKey: string): Promise<Incident | undefined> {
  const [row] = await tx
    .select()
    .from(incidents)
    .where(eq(incidents.alertGroupKey, groupKey))
    .orderBy(desc(incidents.startedAt))
    .limit(1)
    .for("update");
  return row;
}

/**
 * Declares inside a savepoint. When a concurrent notification of the same group declared first,
 * the partial unique index refuses the insert; rolling back to the savepoint keeps the rest of
 * this transaction usable, and the caller appends to the winner's incident instead.
 */
async function declareForGroup(
  tx: Tx,
  payload: AlertmanagerPayload,
  records: AlertRecord[],
  hostIds: string[],
  now: Date,
): Promise<Incident | undefined> {
  const firingStarts = records
    .filter((record) => record.status === "firing")
    .map((record) => new Date(record.startsAt).getTime());
  const description = payload.commonAnnotations.description?.trim();
  try {
    return await tx.transaction((savepoint) =>
      declareIncidentInTx(
        savepoint,
        {
          title: alertGroupTitle(payload),
          severity: alertGroupSeverity(payload),
          startedAt: new Date(Math.min(now.getTime(), ...firingStarts)),
          hostIds,
          findingIds: [],
          summary: description ? description.slice(0, MAX_UPDATE_BODY) : undefined,
          source: "alertmanager",
          alertGroupKey: payload.groupKey,
        },
        null,
        now,
      ),
    );
  } catch (error) {
    if (isUniqueViolation(error, OPEN_GROUP_INDEX)) return undefined;
    throw error;
  }
}

/** postgres-js raises 23505 with the index name; drizzle wraps it as the error's cause. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const candidate = current as { code?: unknown; constraint_name?: unknown; cause?: unknown };
    if (candidate.code === "23505" && candidate.constraint_name === constraint) return true;
    current = candidate.cause;
  }
  return false;
}

/** Hosts whose name or address equals an alert's instance/host/hostname label (port stripped). */
async function matchAlertHosts(tx: Tx, candidates: string[]): Promise<string[]> {
  if (candidates.length === 0) return [];
  const rows = await tx
    .select({ id: hosts.id })
    .from(hosts)
    .where(
      or(
        inArray(sql`lower(${hosts.name})`, candidates),
        inArray(sql`lower(${hosts.address})`, candidates),
      ),
    );
  return rows.map((row) => row.id);
}

async function addAlertHosts(tx: Tx, incidentId: string, hostIds: string[], now: Date) {
  if (hostIds.length === 0) return;
  const added = await tx
    .insert(incidentHosts)
    .values(hostIds.map((hostId) => ({ incidentId, hostId })))
    .onConflictDoNothing()
    .returning({ hostId: incidentHosts.hostId });
  if (added.length === 0) return;
  await recordIncidentEvent(tx, {
    incidentId,
    actorId: null,
    kind: "hosts_changed",
    at: now,
    data: { added: added.map((row) => row.hostId), removed: [], source: "alertmanager" },
  });
}

/**
 * One "alert_fired" and/or one "alert_resolved" entry per notification, holding only alerts not
 * yet on this incident's timeline: Alertmanager re-sends every alert of a group on each notify.
 */
async function appendAlerts(
  tx: Tx,
  incidentId: string,
  payload: AlertmanagerPayload,
  records: AlertRecord[],
  now: Date,
): Promise<{ fired: number; resolved: number }> {
  const seen = await recordedAlertKeys(tx, incidentId);
  const fresh = new Map<string, AlertRecord>();
  for (const record of records) {
    if (!seen.has(record.dedupKey)) fresh.set(record.dedupKey, record);
  }
  const byStatus = (status: AlertRecord["status"]) =>
    [...fresh.values()].filter((record) => record.status === status);
  const fired = byStatus("firing");
  const resolved = byStatus("resolved");
  const context = {
    groupKey: payload.groupKey,
    receiver: payload.receiver,
    externalURL: payload.externalURL || null,
  };
  if (fired.length > 0) {
    await recordIncidentEvent(tx, {
      incidentId,
      actorId: null,
      kind: "alert_fired",
      at: now,
      data: { message: describeAlerts(fired, "firing"), ...context, alerts: fired },
    });
  }
  if (resolved.length > 0) {
    await recordIncidentEvent(tx, {
      incidentId,
      actorId: null,
      kind: "alert_resolved",
      at: now,
      data: {
        message: describeAlerts(resolved, "resolved"),
        note: ALERT_RESOLVED_NOTE,
        ...context,
        alerts: resolved,
      },
    });
  }
  return { fired: fired.length, resolved: resolved.length };
}

async function recordedAlertKeys(tx: Tx, incidentId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ key: sql<string>`alert->>'dedupKey'` })
    .from(
      sql`${incidentEvents} cross join lateral jsonb_array_elements(${incidentEvents.data}->'alerts') as alert`,
    )
    .where(
      and(
        eq(incidentEvents.incidentId, incidentId),
        inArray(incidentEvents.kind, ["alert_fired", "alert_resolved"]),
      ),
    );
  return new Set(rows.map((row) => row.key));
}

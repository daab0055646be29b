import { EvidenceAlertKindSchema, type EvidenceAlertState } from "@holmes/core";
import { and, asc, desc, eq, gte, inArray, isNull, or } from "drizzle-orm";
import type { Database } from "../client";
import { evidenceAlerts } from "../schema";
import { groupByHost } from "./host-history";

/**
 * The evidence alerts the findings rules read: events that still diverge (a state, until a later
 * map agrees again) and, of the kinds that are moments, those of the recent window.
 */
export async function loadEvidenceAlerts(
  db: Database,
  hostId: string,
  since: Date,
): Promise<EvidenceAlertState[]> {
  const alerts = await loadEvidenceAlertsOf(db, [hostId], since);
  return alerts.get(hostId) ?? [];
}

/** The same for several hosts in one read; every asked host is in the map, newest alert first. */
export async function loadEvidenceAlertsOf(
  db: Database,
  hostIds: readonly string[],
  since: Date,
): Promise<Map<string, EvidenceAlertState[]>> {
  if (hostIds.length === 0) return new Map();
  const rows = await db
    .select({
      hostId: evidenceAlerts.hostId,
      kind: evidenceAlerts.kind,
      subject: evidenceAlerts.subject,
      itemKey: evidenceAlerts.itemKey,
      message: evidenceAlerts.message,
      values: evidenceAlerts.detail,
      observedAt: evidenceAlerts.observedAt,
    })
    .from(evidenceAlerts)
    .where(
      and(
        inArray(evidenceAlerts.hostId, [...hostIds]),
        isNull(evidenceAlerts.resolvedAt),
        or(eq(evidenceAlerts.kind, "events-diverged"), gte(evidenceAlerts.observedAt, since)),
      ),
    )
    // One poll's alerts share their time: the id keeps them in the order they were stored.
    .orderBy(desc(evidenceAlerts.observedAt), asc(evidenceAlerts.id));
  const byHost = groupByHost(rows, ({ hostId, ...alert }) => [hostId, alert]);
  return new Map(
    hostIds.map((hostId) => [
      hostId,
      (byHost.get(hostId) ?? []).flatMap((alert) => {
        const kind = EvidenceAlertKindSchema.safeParse(alert.kind);
        return kind.success ? [{ ...alert, kind: kind.data }] : [];
      }),
    ]),
  );
}

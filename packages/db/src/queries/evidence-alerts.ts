import { EvidenceAlertKindSchema, type EvidenceAlertState } from "@holmes/core";
import { and, desc, eq, gte, isNull, or } from "drizzle-orm";
import type { Database } from "../client";
import { evidenceAlerts } from "../schema";

/**
 * The evidence alerts the findings rules read: events that still diverge (a state, until a later
 * map agrees again) and, of the kinds that are moments, those of the recent window.
 */
export async function loadEvidenceAlerts(
  db: Database,
  hostId: string,
  since: Date,
): Promise<EvidenceAlertState[]> {
  const rows = await db
    .select({
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
        eq(evidenceAlerts.hostId, hostId),
        isNull(evidenceAlerts.resolvedAt),
        or(eq(evidenceAlerts.kind, "events-diverged"), gte(evidenceAlerts.observedAt, since)),
      ),
    )
    .orderBy(desc(evidenceAlerts.observedAt));
  return rows.flatMap((row) => {
    const kind = EvidenceAlertKindSchema.safeParse(row.kind);
    return kind.success ? [{ ...row, kind: kind.data }] : [];
  });
}

import { and, desc, eq, gte, isNull, lt, ne, or } from "drizzle-orm";
import type { Database } from "../client";
import { evidenceAlerts, evidenceHeads, evidenceVersions } from "../schema";
import { readVersions, type VerifiedVersion } from "./evidence-read";

/** Alerts this recent (or still open) are shown on the recovery sheet with what came before. */
const SHEET_ALERT_DAYS = 30;

export type RecoveryItem = {
  itemKey: string;
  /** The newest version: what the host said last (possibly "absent", possibly empty). */
  head: { versionId: number; isAbsent: boolean; capturedAt: Date };
  /** The newest version with something in it: the last good text when the head is not. */
  lastGood: VerifiedVersion | null;
  /** When `lastGood` is from after the first recent alert: the newest version from before it. */
  beforeChange: VerifiedVersion | null;
};

/** The newest version of each item with content, captured before `before` when given. */
function lastWithContent(db: Database, hostId: string, before?: Date) {
  return db
    .selectDistinctOn([evidenceVersions.itemKey], { id: evidenceVersions.id })
    .from(evidenceVersions)
    .where(
      and(
        eq(evidenceVersions.hostId, hostId),
        eq(evidenceVersions.isAbsent, false),
        ne(evidenceVersions.content, ""),
        before ? lt(evidenceVersions.capturedAt, before) : undefined,
      ),
    )
    .orderBy(evidenceVersions.itemKey, desc(evidenceVersions.capturedAt));
}

/**
 * What a recovery sheet needs of a host's vault: per item the last version with content (so an
 * array whose superblocks are gone still shows its last md map), the heads, the recent alerts,
 * and, for every item that changed since the first of those alerts (a reinstall rewrote fstab,
 * repartitioned a disk, re-created a VG), its newest version from before: the state to recover.
 */
export async function loadRecoveryEvidence(db: Database, hostId: string, now: Date) {
  const since = new Date(now.getTime() - SHEET_ALERT_DAYS * 86_400_000);
  const [heads, good, alerts] = await Promise.all([
    db.select().from(evidenceHeads).where(eq(evidenceHeads.hostId, hostId)),
    lastWithContent(db, hostId),
    db
      .select()
      .from(evidenceAlerts)
      .where(
        and(
          eq(evidenceAlerts.hostId, hostId),
          or(isNull(evidenceAlerts.resolvedAt), gte(evidenceAlerts.observedAt, since)),
        ),
      )
      .orderBy(desc(evidenceAlerts.observedAt)),
  ]);
  const changeAt = alerts.at(-1)?.observedAt ?? null;
  const before = changeAt ? await lastWithContent(db, hostId, changeAt) : [];
  const versions = await readVersions(
    db,
    [...good, ...before].map((row) => row.id),
  );
  const byId = new Map(versions.map((v) => [v.id, v]));
  const byItem = (rows: Array<{ id: number }>) =>
    new Map(
      rows.flatMap((row) => {
        const version = byId.get(row.id);
        return version ? [[version.itemKey, version] as const] : [];
      }),
    );
  const goodByItem = byItem(good);
  const beforeByItem = byItem(before);
  const items: RecoveryItem[] = heads
    .map((head) => {
      const lastGood = goodByItem.get(head.itemKey) ?? null;
      const earlier = beforeByItem.get(head.itemKey) ?? null;
      const hasChanged = changeAt !== null && lastGood !== null && lastGood.capturedAt >= changeAt;
      return {
        itemKey: head.itemKey,
        head: { versionId: head.versionId, isAbsent: head.isAbsent, capturedAt: head.capturedAt },
        lastGood,
        beforeChange: hasChanged && earlier && earlier.id !== lastGood?.id ? earlier : null,
      };
    })
    .sort((a, b) => a.itemKey.localeCompare(b.itemKey));
  return { items, alerts, changeAt };
}

import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { recordAudit } from "./audit";

export type EvidenceRetention = {
  /** Every version younger than this is kept. */
  keepAllDays: number;
  /** Then the newest version of each item per calendar week, until this age. */
  weeklyUntilDays: number;
};

export const DEFAULT_EVIDENCE_RETENTION: EvidenceRetention = {
  keepAllDays: 90,
  weeklyUntilDays: 730,
};

const DAY_MS = 86_400_000;

/**
 * Thins the evidence vault: every version for `keepAllDays`, then the newest of each week per
 * item until `weeklyUntilDays`, then none. Never deleted, however old: each item's newest
 * version (its head, which the database also protects) and its newest version with content, so
 * a host that is gone, or an array whose superblocks are gone, keeps its last evidence. Captures
 * that no longer hold a version go after `keepAllDays` (each host's newest stays). The deletion
 * is written to the audit log. Returns what was removed.
 */
export async function pruneEvidence(
  db: Database,
  now: Date,
  policy: EvidenceRetention = DEFAULT_EVIDENCE_RETENTION,
): Promise<{ versions: number; captures: number }> {
  const keepAllCutoff = new Date(now.getTime() - policy.keepAllDays * DAY_MS);
  const weeklyCutoff = new Date(now.getTime() - policy.weeklyUntilDays * DAY_MS);
  return db.transaction(async (tx) => {
    const removed = await tx.execute<{ id: string }>(sql`
    with ranked as (
      select v.id, v.captured_at,
        row_number() over (
          partition by v.host_id, v.item_key, date_trunc('week', v.captured_at)
          order by v.captured_at desc, v.id desc) as in_week
      from evidence_versions v
      where v.captured_at < ${keepAllCutoff.toISOString()}::timestamptz
    ),
    last_good as (
      select distinct on (host_id, item_key) id from evidence_versions
      where not is_absent and content <> ''
      order by host_id, item_key, captured_at desc, id desc
    )
    delete from evidence_versions d using ranked r
    where d.id = r.id
      and (r.captured_at < ${weeklyCutoff.toISOString()}::timestamptz or r.in_week > 1)
      and not exists (select 1 from evidence_heads h where h.version_id = d.id)
      and d.id not in (select id from last_good)
    returning d.id`);
    const captures = await tx.execute<{ id: string }>(sql`
    delete from evidence_captures c
    where c.captured_at < ${keepAllCutoff.toISOString()}::timestamptz
      and not exists (select 1 from evidence_versions v where v.capture_id = c.id)
      and c.id <> (select max(newest.id) from evidence_captures newest
                   where newest.host_id = c.host_id)
    returning c.id`);
    const result = { versions: removed.length, captures: captures.length };
    if (result.versions > 0 || result.captures > 0) {
      await recordAudit(tx, {
        actorId: null,
        actorEmail: null,
        action: "evidence.prune",
        targetType: "evidence",
        detail: { ...result, ...policy, keepAllBefore: keepAllCutoff.toISOString() },
      });
    }
    return result;
  });
}

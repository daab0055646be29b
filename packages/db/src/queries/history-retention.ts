import { sql } from "drizzle-orm";
import type { Database } from "../client";

/**
 * How much history each series keeps, and how finely. Every sample holds cumulative counters (or
 * a level, like temperature), so keeping the last sample of each bucket keeps deltas between kept
 * samples exact: thinning loses resolution, never totals.
 *
 *   series               full resolution   then one per hour   then one per day   dropped after
 *   smart_samples        24 h              until 7 d            until 2 years      2 years
 *   nfs_samples          24 h              until 30 d           until 1 year       1 year
 *   array_sync_samples   7 d               until 90 d           —                  90 d
 *
 * At the collector's defaults (SMART every 10 min, NFS every minute) a disk keeps about
 * 144 + 144 + 23 = 311 samples for its first 30 days and an NFS mount about 1,440 + 696 = 2,136.
 */
type Tier = { bucket: "hour" | "day"; from: number; to: number };
type SeriesPolicy = { table: string; keys: string[]; tiers: Tier[]; dropAfterMs: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const HISTORY_POLICIES: SeriesPolicy[] = [
  {
    table: "smart_samples",
    keys: ["host_id", "disk_serial"],
    tiers: [
      { bucket: "hour", from: DAY, to: 7 * DAY },
      { bucket: "day", from: 7 * DAY, to: 730 * DAY },
    ],
    dropAfterMs: 730 * DAY,
  },
  {
    table: "nfs_samples",
    keys: ["host_id", "mount_point"],
    tiers: [
      { bucket: "hour", from: DAY, to: 30 * DAY },
      { bucket: "day", from: 30 * DAY, to: 365 * DAY },
    ],
    dropAfterMs: 365 * DAY,
  },
  {
    table: "array_sync_samples",
    keys: ["host_id", "array_name"],
    tiers: [{ bucket: "hour", from: 7 * DAY, to: 90 * DAY }],
    dropAfterMs: 90 * DAY,
  },
];

/**
 * Thins and drops history per HISTORY_POLICIES. Only the band that aged into a tier since
 * `sinceMs` ago is rescanned, so an hourly run touches about an hour's worth of rows per tier.
 * Returns the rows removed per table.
 */
export async function thinHistory(
  db: Database,
  now: Date,
  options: { sinceMs: number } = { sinceMs: 2 * HOUR },
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const policy of HISTORY_POLICIES) {
    let count = 0;
    for (const tier of policy.tiers) {
      count += await thinBand(db, policy, tier, {
        olderThan: new Date(now.getTime() - tier.from),
        newerThan: new Date(now.getTime() - Math.min(tier.to, tier.from + options.sinceMs + DAY)),
      });
    }
    count += await dropOlder(db, policy, new Date(now.getTime() - policy.dropAfterMs));
    removed[policy.table] = count;
  }
  return removed;
}

async function thinBand(
  db: Database,
  policy: SeriesPolicy,
  tier: Tier,
  band: { olderThan: Date; newerThan: Date },
): Promise<number> {
  // Table and column names come from the constant policies above, never from input.
  const table = sql.raw(policy.table);
  const keys = sql.raw(policy.keys.join(", "));
  const matches = sql.raw(policy.keys.map((k) => `s.${k} = d.${k}`).join(" and "));
  const result = await db.execute(sql`
    delete from ${table} s using (
      select ${keys}, observed_at,
             row_number() over (
               partition by ${keys}, date_trunc(${tier.bucket}, observed_at)
               order by observed_at desc
             ) as position
      from ${table}
      where observed_at < ${band.olderThan.toISOString()}::timestamptz
        and observed_at >= ${band.newerThan.toISOString()}::timestamptz
    ) d
    where d.position > 1 and ${matches} and s.observed_at = d.observed_at`);
  return result.count ?? 0;
}

async function dropOlder(db: Database, policy: SeriesPolicy, cutoff: Date): Promise<number> {
  const result = await db.execute(
    sql`delete from ${sql.raw(policy.table)} where observed_at < ${cutoff.toISOString()}::timestamptz`,
  );
  return result.count ?? 0;
}

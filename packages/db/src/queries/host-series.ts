import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../client";

/**
 * History for the host page's charts, bucketed in SQL so that no line carries more than
 * ~500 points whatever the range (STYLE.md §6: never ship raw samples to the chart).
 * SMART is sampled every 10 min and NFS/sync every poll (1 min by default): the bucket widths
 * below give 288 / 336 / 360 buckets for 24 h / 7 d / 30 d.
 */
export const SERIES_RANGES = {
  "24h": { spanMs: 24 * 3_600_000, bucket: "5 minutes", bucketMs: 5 * 60_000 },
  "7d": { spanMs: 7 * 86_400_000, bucket: "30 minutes", bucketMs: 30 * 60_000 },
  "30d": { spanMs: 30 * 86_400_000, bucket: "2 hours", bucketMs: 2 * 3_600_000 },
} as const;
export type SeriesRange = keyof typeof SERIES_RANGES;

/** Buckets are aligned to a fixed origin so a refetch does not shift them. */
const ORIGIN = sql.raw("timestamptz '2000-01-01T00:00:00Z'");

export type SeriesPoint = { at: Date; value: number | null };

/** One disk's SMART counters and temperature, keyed as in smart_samples ("ata5", "temperatureC"). */
export type SmartSeries = { serial: string; lines: Record<string, SeriesPoint[]> };

export type NfsSeries = {
  mountPoint: string;
  /** Milliseconds per call between consecutive samples, per RPC operation (busiest first). */
  rttMs: Record<string, SeriesPoint[]>;
  /** RPC retransmissions per minute. */
  retransPerMinute: SeriesPoint[];
};

export type ArraySyncSeries = { arrayName: string; percent: SeriesPoint[] };

/** What to chart: one disk (by serial), one mount, or every array's sync progress. */
export type SeriesSubject =
  | { kind: "disk"; serial: string }
  | { kind: "mount"; mountPoint: string }
  | { kind: "arrays" };

export type HostSeries = {
  range: SeriesRange;
  from: Date;
  to: Date;
  bucketMs: number;
  smart: SmartSeries[];
  nfs: NfsSeries[];
  arraySync: ArraySyncSeries[];
};

/** The most busy NFS operations a chart shows; the rest would be noise at this size. */
const MAX_NFS_OPS = 5;

export async function hostSeries(
  db: Database,
  input: { hostId: string; range: SeriesRange; subject: SeriesSubject; now: Date },
): Promise<HostSeries> {
  const { spanMs, bucket, bucketMs } = SERIES_RANGES[input.range];
  const from = new Date(input.now.getTime() - spanMs);
  const width = sql.raw(`interval '${bucket}'`);
  // postgres-js binds a Date only where it knows the column type; raw SQL gets an ISO string.
  const since = sql`${from.toISOString()}::timestamptz`;
  const { hostId, subject } = input;
  const base = { range: input.range, from, to: input.now, bucketMs };
  const empty = { smart: [], nfs: [], arraySync: [] };
  if (subject.kind === "disk") {
    return {
      ...base,
      ...empty,
      smart: await smartSeries(db, hostId, subject.serial, since, width),
    };
  }
  if (subject.kind === "mount") {
    return {
      ...base,
      ...empty,
      nfs: await nfsSeries(db, hostId, subject.mountPoint, since, width),
    };
  }
  return { ...base, ...empty, arraySync: await syncSeries(db, hostId, since, width) };
}

type Width = ReturnType<typeof sql.raw>;

async function smartSeries(
  db: Database,
  hostId: string,
  serial: string,
  since: SQL,
  width: Width,
): Promise<SmartSeries[]> {
  // A bucket shows each counter's last value (most grow, NVMe available spare falls);
  // temperature is averaged over the bucket.
  const rows = await db.execute<{
    serial: string;
    at: Date;
    key: string;
    value: number | null;
  }>(sql`
    select disk_serial as serial, date_bin(${width}, observed_at, ${ORIGIN}) as at,
           c.key, (array_agg((c.value #>> '{}')::float8 order by observed_at desc))[1] as value
    from smart_samples, jsonb_each(counters) as c
    where host_id = ${hostId} and disk_serial = ${serial} and observed_at >= ${since}
      and jsonb_typeof(c.value) = 'number'
    group by 1, 2, 3
    union all
    select disk_serial, date_bin(${width}, observed_at, ${ORIGIN}), 'temperatureC',
           round(avg(temperature_c)::numeric, 1)::float8
    from smart_samples
    where host_id = ${hostId} and disk_serial = ${serial} and observed_at >= ${since}
    group by 1, 2
    order by 1, 2`);
  const bySerial = new Map<string, Record<string, SeriesPoint[]>>();
  for (const row of rows) {
    const lines = bySerial.get(row.serial) ?? {};
    bySerial.set(row.serial, lines);
    const line = lines[row.key] ?? [];
    lines[row.key] = line;
    line.push({ at: new Date(row.at), value: row.value === null ? null : Number(row.value) });
  }
  return [...bySerial].map(([serial, lines]) => ({ serial, lines }));
}

async function nfsSeries(
  db: Database,
  hostId: string,
  mountPoint: string,
  since: SQL,
  width: Width,
): Promise<NfsSeries[]> {
  // Counters are cumulative: a rate is the difference of consecutive samples. A negative
  // difference is a remount (counters restart) and is dropped rather than plotted.
  const [rtt, retrans] = await Promise.all([
    db.execute<{ mount: string; op: string; at: Date; value: number; ops: number }>(sql`
      with o as (
        select mount_point, observed_at, op.key as op,
               (op.value->>'ops')::float8 as ops, (op.value->>'rttMs')::float8 as rtt
        from nfs_samples, jsonb_each(operations) as op
        where host_id = ${hostId} and mount_point = ${mountPoint} and observed_at >= ${since}
      ), d as (
        select mount_point, observed_at, op,
               ops - lag(ops) over w as d_ops, rtt - lag(rtt) over w as d_rtt
        from o window w as (partition by mount_point, op order by observed_at)
      )
      select mount_point as mount, op, date_bin(${width}, observed_at, ${ORIGIN}) as at,
             sum(d_rtt) / sum(d_ops) as value, sum(d_ops) as ops
      from d where d_ops > 0 and d_rtt >= 0
      group by 1, 2, 3 order by 1, 2, 3`),
    db.execute<{ mount: string; at: Date; value: number }>(sql`
      with d as (
        select mount_point, observed_at,
               retransmissions - lag(retransmissions) over w as d_retrans,
               extract(epoch from observed_at - lag(observed_at) over w) / 60 as d_minutes
        from nfs_samples
        where host_id = ${hostId} and mount_point = ${mountPoint} and observed_at >= ${since}
        window w as (partition by mount_point order by observed_at)
      )
      select mount_point as mount, date_bin(${width}, observed_at, ${ORIGIN}) as at,
             (sum(d_retrans) / sum(d_minutes))::float8 as value
      from d where d_retrans >= 0 and d_minutes > 0
      group by 1, 2 order by 1, 2`),
  ]);
  const mounts = new Map<string, NfsSeries>();
  const mountOf = (mountPoint: string) => {
    const found = mounts.get(mountPoint) ?? { mountPoint, rttMs: {}, retransPerMinute: [] };
    mounts.set(mountPoint, found);
    return found;
  };
  const opTotals = new Map<string, number>();
  for (const row of rtt) {
    const series = mountOf(row.mount);
    const line = series.rttMs[row.op] ?? [];
    series.rttMs[row.op] = line;
    line.push({ at: new Date(row.at), value: Number(row.value) });
    opTotals.set(row.op, (opTotals.get(row.op) ?? 0) + Number(row.ops));
  }
  for (const row of retrans) {
    mountOf(row.mount).retransPerMinute.push({ at: new Date(row.at), value: Number(row.value) });
  }
  for (const series of mounts.values()) {
    const kept = Object.entries(series.rttMs)
      .sort(([a], [b]) => (opTotals.get(b) ?? 0) - (opTotals.get(a) ?? 0) || a.localeCompare(b))
      .slice(0, MAX_NFS_OPS);
    series.rttMs = Object.fromEntries(kept);
  }
  return [...mounts.values()];
}

async function syncSeries(
  db: Database,
  hostId: string,
  since: SQL,
  width: Width,
): Promise<ArraySyncSeries[]> {
  const rows = await db.execute<{ array: string; at: Date; value: number | null }>(sql`
    select array_name as array, date_bin(${width}, observed_at, ${ORIGIN}) as at,
           max(percent)::float8 as value
    from array_sync_samples
    where host_id = ${hostId} and observed_at >= ${since}
    group by 1, 2 order by 1, 2`);
  const arrays = new Map<string, SeriesPoint[]>();
  for (const row of rows) {
    const line = arrays.get(row.array) ?? [];
    arrays.set(row.array, line);
    line.push({ at: new Date(row.at), value: row.value === null ? null : Number(row.value) });
  }
  return [...arrays].map(([arrayName, percent]) => ({ arrayName, percent }));
}

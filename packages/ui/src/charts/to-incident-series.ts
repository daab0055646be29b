/** A month × severity bucket as `incident.metrics` sends it (sums, so means can be weighted). */
export type IncidentMonthBucketInput = {
  month: Date | string;
  severity: number;
  count: number;
  acknowledgedCount: number;
  ackSeconds: number;
  resolvedCount: number;
  resolveSeconds: number;
};

/** One bar per month, one stacked segment per severity: `sev1` … `sev4`. */
export type IncidentsPerMonthRow = {
  month: string;
  label: string;
  total: number;
  sev1: number;
  sev2: number;
  sev3: number;
  sev4: number;
};

/** Mean minutes per month; null when no incident of the month got there (a gap, not a zero). */
export type MttRow = { month: string; label: string; mtta: number | null; mttr: number | null };

const monthKey = (at: Date) =>
  `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}`;

const monthLabel = (at: Date) =>
  at.toLocaleDateString("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" });

/** Every UTC month from `from` up to (not including) `to`, so empty months still get a bar. */
export function monthsBetween(from: Date, to: Date): Array<{ key: string; label: string }> {
  const months: Array<{ key: string; label: string }> = [];
  let at = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (at < to && months.length < 600) {
    months.push({ key: monthKey(at), label: monthLabel(at) });
    at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  }
  return months;
}

function byMonth(buckets: readonly IncidentMonthBucketInput[]) {
  const grouped = new Map<string, IncidentMonthBucketInput[]>();
  for (const bucket of buckets) {
    const key = monthKey(new Date(bucket.month));
    grouped.set(key, [...(grouped.get(key) ?? []), bucket]);
  }
  return grouped;
}

export function toIncidentsPerMonth(
  buckets: readonly IncidentMonthBucketInput[],
  window: { from: Date; to: Date },
): IncidentsPerMonthRow[] {
  const grouped = byMonth(buckets);
  return monthsBetween(window.from, window.to).map(({ key, label }) => {
    const row: IncidentsPerMonthRow = {
      month: key,
      label,
      total: 0,
      sev1: 0,
      sev2: 0,
      sev3: 0,
      sev4: 0,
    };
    for (const bucket of grouped.get(key) ?? []) {
      const severity = `sev${bucket.severity}` as "sev1" | "sev2" | "sev3" | "sev4";
      if (!(severity in row)) continue;
      row[severity] += bucket.count;
      row.total += bucket.count;
    }
    return row;
  });
}

/** MTTA and MTTR in minutes, weighted by how many incidents each severity had that month. */
export function toMttSeries(
  buckets: readonly IncidentMonthBucketInput[],
  window: { from: Date; to: Date },
): MttRow[] {
  const grouped = byMonth(buckets);
  return monthsBetween(window.from, window.to).map(({ key, label }) => {
    const month = grouped.get(key) ?? [];
    const sum = (pick: (b: IncidentMonthBucketInput) => number) =>
      month.reduce((total, b) => total + pick(b), 0);
    const acked = sum((b) => b.acknowledgedCount);
    const resolved = sum((b) => b.resolvedCount);
    return {
      month: key,
      label,
      mtta: acked > 0 ? sum((b) => b.ackSeconds) / acked / 60 : null,
      mttr: resolved > 0 ? sum((b) => b.resolveSeconds) / resolved / 60 : null,
    };
  });
}

/** "45 s", "12 min", "3.5 h", "2.1 d": durations as an on-call engineer says them. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3_600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${trim(s / 3_600)} h`;
  return `${trim(s / 86_400)} d`;
}

const trim = (value: number) =>
  value < 10 ? value.toFixed(1).replace(/\.0$/, "") : `${Math.round(value)}`;

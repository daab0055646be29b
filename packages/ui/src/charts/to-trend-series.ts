/** A point as the API sends it (superjson keeps Dates; plain JSON would give strings). */
export type SeriesPointInput = { at: Date | string | number; value: number | null };

export type TrendLine = { key: string; label: string };

/** One row per timestamp, one column per line: the shape recharts draws. `t` is epoch ms. */
export type TrendRow = { t: number; [key: string]: number | null };

export type TrendSeries = { rows: TrendRow[]; lines: TrendLine[] };

const toMs = (at: SeriesPointInput["at"]) =>
  at instanceof Date ? at.getTime() : new Date(at).getTime();

/**
 * Pivots named lines of points into rows by time. A line without a point at some time gets null
 * there, which recharts draws as a gap: a missing sample must not look like a zero.
 */
export function toTrendSeries(
  lines: Record<string, readonly SeriesPointInput[]>,
  labelOf: (key: string) => string = (key) => key,
  keys: readonly string[] = Object.keys(lines),
): TrendSeries {
  const kept = keys.filter((key) => (lines[key]?.length ?? 0) > 0);
  const rows = new Map<number, TrendRow>();
  for (const key of kept) {
    for (const point of lines[key] ?? []) {
      const t = toMs(point.at);
      const row = rows.get(t) ?? { t };
      row[key] = point.value;
      rows.set(t, row);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.t - b.t);
  for (const row of sorted) for (const key of kept) row[key] ??= null;
  return { rows: sorted, lines: kept.map((key) => ({ key, label: labelOf(key) })) };
}

/**
 * Each line's first and last value in words, for screen readers and for anyone who cannot tell
 * the lines' colours apart: "Pending sectors: 16 → 48".
 */
export function summarizeTrend(series: TrendSeries, unit = ""): string[] {
  return series.lines.map((line) => {
    const values = series.rows.map((row) => row[line.key]).filter((v): v is number => v != null);
    if (values.length === 0) return `${line.label}: no data`;
    const first = formatValue(values[0] ?? 0);
    const last = formatValue(values.at(-1) ?? 0);
    return first === last
      ? `${line.label}: ${last}${unit}`
      : `${line.label}: ${first}${unit} → ${last}${unit}`;
  });
}

export function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1 });
}

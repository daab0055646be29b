import { type SeriesPointInput, type TrendSeries, toTrendSeries } from "./to-trend-series";

/** Per-operation round-trip time lines (ms per call), busiest operation first (the API's order). */
export function toNfsRttSeries(rttMs: Record<string, readonly SeriesPointInput[]>): TrendSeries {
  return toTrendSeries(rttMs, (op) => op);
}

export function toRetransSeries(points: readonly SeriesPointInput[]): TrendSeries {
  return toTrendSeries({ retrans: points }, () => "Retransmissions/min");
}

/** Array sync progress, one line per array. */
export function toSyncSeries(
  arrays: ReadonlyArray<{ arrayName: string; percent: readonly SeriesPointInput[] }>,
): TrendSeries {
  return toTrendSeries(
    Object.fromEntries(arrays.map((a) => [a.arrayName, a.percent])),
    (name) => `${name} %`,
  );
}

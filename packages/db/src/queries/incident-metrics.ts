import { type AnyColumn, and, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { incidents } from "../schema";

/**
 * One month × severity bucket. Sums and counts rather than averages, so a chart can merge
 * severities (or months) into a correctly weighted mean.
 */
export type IncidentMonthBucket = {
  /** First instant of the month, UTC. */
  month: Date;
  severity: number;
  count: number;
  acknowledgedCount: number;
  /** Σ (acknowledgedAt − startedAt) in seconds over the acknowledged ones. */
  ackSeconds: number;
  resolvedCount: number;
  /** Σ (resolvedAt − startedAt) in seconds over the resolved ones. */
  resolveSeconds: number;
};

/** The first instant (UTC) of the month `monthsBack` months before `now`'s month. */
export function monthStartUtc(now: Date, monthsBack = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
}

/**
 * Incidents per month (by start) and severity, with the sums behind MTTA and MTTR. Months are UTC
 * months: the same incident must land in the same bar whoever looks at the chart. A start edited
 * to after the acknowledgement counts as zero, not as a negative time.
 */
export async function incidentMonthlyMetrics(
  db: Database,
  window: { from: Date; to: Date },
): Promise<IncidentMonthBucket[]> {
  const month = sql<Date>`date_trunc('month', ${incidents.startedAt}, 'UTC')`;
  const seconds = (end: AnyColumn) =>
    sql<number>`coalesce(sum(greatest(0, extract(epoch from ${end} - ${incidents.startedAt}))), 0)::float8`;
  const rows = await db
    .select({
      month: month.mapWith((value: string | Date) => new Date(value)),
      severity: incidents.severity,
      count: sql<number>`count(*)::int`,
      acknowledgedCount: sql<number>`count(${incidents.acknowledgedAt})::int`,
      ackSeconds: seconds(incidents.acknowledgedAt),
      resolvedCount: sql<number>`count(${incidents.resolvedAt})::int`,
      resolveSeconds: seconds(incidents.resolvedAt),
    })
    .from(incidents)
    .where(and(gte(incidents.startedAt, window.from), lt(incidents.startedAt, window.to)))
    .groupBy(month, incidents.severity)
    .orderBy(month, incidents.severity);
  return rows.map((row) => ({
    ...row,
    ackSeconds: Number(row.ackSeconds),
    resolveSeconds: Number(row.resolveSeconds),
  }));
}

"use client";

import {
  Card,
  IncidentsPerMonthChart,
  MttChart,
  toIncidentsPerMonth,
  toMttSeries,
} from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "~/trpc/react";

export const METRICS_MONTHS = 12;

/** Incidents per month by severity, and MTTA/MTTR, over the last year (UTC months). */
export function IncidentMetrics() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.incident.metrics.queryOptions({ months: METRICS_MONTHS }));
  const perMonth = useMemo(() => toIncidentsPerMonth(data.buckets, data), [data]);
  const mtt = useMemo(() => toMttSeries(data.buckets, data), [data]);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Incidents per month">
        <IncidentsPerMonthChart rows={perMonth} />
      </Card>
      <Card title="MTTA and MTTR">
        <MttChart rows={mtt} />
      </Card>
    </div>
  );
}

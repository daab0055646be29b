"use client";

import { TrendChart, type TrendSeries } from "@holmes/ui";
import type { ReactNode } from "react";

/**
 * A chart fed by a series query, with its four states kept apart: loading, failed, no samples in
 * the range, and data. The query is client-only (charts are not part of the first paint).
 */
export function SeriesChart(props: {
  title: string;
  query: { isPending: boolean; isError: boolean; error: { message: string } | null };
  series: TrendSeries | null;
  unit?: string;
  empty: ReactNode;
}) {
  if (props.query.isPending) {
    return (
      <div aria-busy="true" className="h-40 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800">
        <span className="sr-only">Loading {props.title}…</span>
      </div>
    );
  }
  if (props.query.isError) {
    return (
      <p role="alert" className="text-sm text-red-800 dark:text-red-300">
        ✖ {props.title} could not be loaded: {props.query.error?.message}
      </p>
    );
  }
  if (!props.series || props.series.rows.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">{props.empty}</p>;
  }
  return <TrendChart title={props.title} series={props.series} unit={props.unit} />;
}

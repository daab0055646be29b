"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatValue, summarizeTrend, type TrendSeries } from "./to-trend-series";

/** Readable on white and on zinc-900; each line also gets its own dash pattern. */
const COLORS = ["#0284c7", "#d97706", "#e11d48", "#059669", "#8b5cf6", "#db2777"];
const DASHES = ["", "6 3", "2 3", "10 4 2 4", "4 4", "1 2"];

export type TrendChartProps = {
  /** What the chart shows, for screen readers ("Pending sectors of sdd over 24 h"). */
  title: string;
  series: TrendSeries;
  unit?: string;
  height?: number;
};

/**
 * A small time-series line chart. Purely presentational: it draws the rows it is given (already
 * bucketed by the API and pivoted by a `to-…-series` mapper) and states each line's change in
 * words below, so the chart never relies on colour alone.
 */
export function TrendChart(props: TrendChartProps) {
  const { rows, lines } = props.series;
  const span = rows.length > 1 ? (rows.at(-1)?.t ?? 0) - (rows[0]?.t ?? 0) : 0;
  const formatTime = (t: number) =>
    span > 2 * 86_400_000
      ? new Date(t).toLocaleDateString("en-GB", { day: "numeric", month: "short" })
      : new Date(t).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return (
    <figure className="text-zinc-500 dark:text-zinc-400">
      <div role="img" aria-label={props.title} style={{ height: props.height ?? 160 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={formatTime}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              minTickGap={24}
            />
            <YAxis
              width={48}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              tickFormatter={(v: number) => formatValue(v)}
            />
            <Tooltip
              content={(tooltip) => (
                <TrendTooltip
                  active={tooltip.active}
                  label={tooltip.label}
                  payload={tooltip.payload}
                  unit={props.unit}
                  formatTime={formatTime}
                />
              )}
            />
            {lines.length > 1 && (
              <Legend
                wrapperStyle={{ fontSize: 11 }}
                // Same order as the lines and the caption, not alphabetical.
                itemSorter={(item) => lines.findIndex((l) => l.key === item.dataKey)}
              />
            )}
            {lines.map((line, i) => (
              <Line
                key={line.key}
                dataKey={line.key}
                name={line.label}
                type="monotone"
                stroke={COLORS[i % COLORS.length]}
                strokeDasharray={DASHES[i % DASHES.length]}
                strokeWidth={2}
                dot={rows.length < 3}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs">
        {summarizeTrend(props.series, props.unit).join(" · ")}
      </figcaption>
    </figure>
  );
}

type TooltipEntry = { dataKey?: unknown; name?: unknown; value?: unknown };

function TrendTooltip(props: {
  active?: boolean;
  label?: unknown;
  payload?: readonly TooltipEntry[];
  unit?: string;
  formatTime: (t: number) => string;
}) {
  if (!props.active || !props.payload?.length) return null;
  return (
    <div className="rounded border border-zinc-200 bg-white px-2 py-1 text-xs text-zinc-900 shadow dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100">
      <p className="font-medium">{props.formatTime(Number(props.label))}</p>
      {props.payload.map((entry) => (
        <p key={String(entry.dataKey)}>
          {String(entry.name)}:{" "}
          {typeof entry.value === "number" ? `${formatValue(entry.value)}${props.unit ?? ""}` : "—"}
        </p>
      ))}
    </div>
  );
}

"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { IncidentsPerMonthRow } from "./to-incident-series";

/** Worst is reddest; readable on white and on zinc-900. The legend and caption carry the names. */
const SEVERITIES = [
  { key: "sev1", label: "SEV1", color: "#dc2626" },
  { key: "sev2", label: "SEV2", color: "#ea580c" },
  { key: "sev3", label: "SEV3", color: "#ca8a04" },
  { key: "sev4", label: "SEV4", color: "#0284c7" },
] as const;

/** Incidents started per month, stacked by severity, with the totals also written out below. */
export function IncidentsPerMonthChart(props: { rows: IncidentsPerMonthRow[]; height?: number }) {
  const totals = SEVERITIES.map((s) => ({
    ...s,
    total: props.rows.reduce((sum, row) => sum + row[s.key], 0),
  }));
  const all = totals.reduce((sum, s) => sum + s.total, 0);
  return (
    <figure className="text-zinc-500 dark:text-zinc-400">
      <div
        role="img"
        aria-label="Incidents per month by severity"
        style={{ height: props.height ?? 200 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={props.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
            />
            <YAxis
              width={32}
              allowDecimals={false}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
            />
            <Tooltip
              cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
              contentStyle={{ fontSize: 12, color: "#18181b" }}
            />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {SEVERITIES.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="severity"
                fill={s.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs">
        {all === 0
          ? "No incidents in this period."
          : `${all} incident${all === 1 ? "" : "s"}: ${totals
              .filter((s) => s.total > 0)
              .map((s) => `${s.label} ${s.total}`)
              .join(" · ")}`}
      </figcaption>
    </figure>
  );
}

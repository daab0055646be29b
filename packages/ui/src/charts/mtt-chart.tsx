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
import { formatDuration, type MttRow } from "./to-incident-series";

const LINES = [
  { key: "mtta", label: "MTTA (to acknowledge)", color: "#0284c7", dash: "" },
  { key: "mttr", label: "MTTR (to resolve)", color: "#d97706", dash: "6 3" },
] as const;

const minutes = (value: unknown) =>
  typeof value === "number" ? formatDuration(value * 60) : "no data";

/**
 * Mean time to acknowledge and to resolve per month, from each incident's start. Months with
 * nothing acknowledged or resolved are gaps; the latest value of each is also written out.
 */
export function MttChart(props: { rows: MttRow[]; height?: number }) {
  const latest = (key: "mtta" | "mttr") =>
    props.rows.findLast((row) => row[key] !== null)?.[key] ?? null;
  return (
    <figure className="text-zinc-500 dark:text-zinc-400">
      <div
        role="img"
        aria-label="Mean time to acknowledge and to resolve per month"
        style={{ height: props.height ?? 200 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={props.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
            />
            <YAxis
              width={52}
              tick={{ fill: "currentColor", fontSize: 11 }}
              stroke="currentColor"
              tickFormatter={minutes}
            />
            <Tooltip formatter={minutes} contentStyle={{ fontSize: 12, color: "#18181b" }} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {LINES.map((line) => (
              <Line
                key={line.key}
                dataKey={line.key}
                name={line.label}
                stroke={line.color}
                strokeDasharray={line.dash}
                strokeWidth={2}
                dot
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs">
        Latest: MTTA {minutes(latest("mtta"))} · MTTR {minutes(latest("mttr"))}
      </figcaption>
    </figure>
  );
}

"use client";

import { Card } from "@holmes/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { useSeverities } from "../../../_components/incidents/use-severities";
import { groupByDay } from "./timeline-days";
import { TimelineEntry } from "./timeline-entry";

type Filter = "all" | "human" | "machine";
const FILTERS: Array<[Filter, string]> = [
  ["all", "All"],
  ["human", "People"],
  ["machine", "Machines"],
];

const LIVE_LABELS = {
  pending: { text: "Live", className: "bg-emerald-500" },
  connecting: { text: "Connecting…", className: "bg-amber-500 animate-pulse" },
  error: { text: "Reconnecting…", className: "bg-red-500 animate-pulse" },
  idle: { text: "Not live", className: "bg-zinc-400" },
} as const;

/** The incident's one ordered stream, newest first, filterable, with day headings when needed. */
export function Timeline(props: {
  incidentId: string;
  hosts: Array<{ id: string; name: string }>;
  liveStatus: keyof typeof LIVE_LABELS;
}) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>("all");
  const { byLevel } = useSeverities();
  const { data, isError, isPlaceholderData } = useQuery({
    ...trpc.incident.timeline.queryOptions({ incidentId: props.incidentId, filter }),
    placeholderData: keepPreviousData,
  });
  const grouped = useMemo(() => groupByDay(data ?? []), [data]);
  const lookup = useMemo(
    () => ({
      hostName: (id: string) => props.hosts.find((h) => h.id === id)?.name,
      severityName: (level: number) => byLevel.get(level)?.name ?? `SEV${level}`,
    }),
    [props.hosts, byLevel],
  );
  const live = LIVE_LABELS[props.liveStatus];
  return (
    <Card
      title="Timeline"
      actions={
        <div className="flex items-center gap-3">
          <span className="flex items-center gap-1.5 text-xs" role="status">
            <span aria-hidden="true" className={`size-2 rounded-full ${live.className}`} />
            {live.text}
          </span>
          <fieldset className="flex gap-1" aria-label="Show">
            {FILTERS.map(([value, label]) => (
              <button
                key={value}
                type="button"
                aria-pressed={filter === value}
                onClick={() => setFilter(value)}
                className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs aria-pressed:bg-zinc-900 aria-pressed:text-white dark:border-zinc-700 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
              >
                {label}
              </button>
            ))}
          </fieldset>
        </div>
      }
    >
      {isError && !data ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          The timeline could not be loaded; it retries by itself.
        </p>
      ) : !data ? (
        <p className="text-sm text-zinc-500">Loading the timeline…</p>
      ) : data.length === 0 ? (
        <p className="text-sm text-zinc-500">Nothing on the timeline for this filter yet.</p>
      ) : (
        <ol aria-label="Timeline entries" aria-busy={isPlaceholderData} className="space-y-4">
          {grouped.days.map((day) => (
            <li key={day.key}>
              {grouped.isMultiDay ? (
                <h3 className="sticky top-0 z-10 mb-2 bg-white/90 py-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase backdrop-blur dark:bg-zinc-900/90">
                  {day.label}
                </h3>
              ) : null}
              <ol className="space-y-2">
                {day.entries.map((entry) => (
                  <li key={entry.key}>
                    <TimelineEntry entry={entry} lookup={lookup} />
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

"use client";

import type { RouterOutputs } from "@holmes/api";
import { Markdown, SeverityBadge } from "@holmes/ui";
import { STATUS_LABELS } from "../../../_components/incidents/incident-status-badge";
import { describeLifecycle } from "./describe-lifecycle";

export type TimelineItem = RouterOutputs["incident"]["timeline"][number];
type Lookup = Parameters<typeof describeLifecycle>[1];

/** The time of day; the timeline's day headings carry the date when it spans several days. */
function Time(props: { at: Date }) {
  const text = props.at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return (
    <time
      dateTime={props.at.toISOString()}
      title={props.at.toLocaleString()}
      suppressHydrationWarning
      className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
    >
      {text}
    </time>
  );
}

/**
 * One timeline entry. People's updates are cards (public ones marked loudly, since the world
 * reads them); lifecycle changes are one line; machine events are monospaced with a gear and a
 * severity stripe, so nobody mistakes what a host reported for what a person said.
 */
export function TimelineEntry(props: { entry: TimelineItem; lookup: Lookup }) {
  const { entry } = props;
  if (entry.source === "human") {
    const isPublic = entry.audience === "public";
    return (
      <article
        data-testid="timeline-update"
        data-audience={entry.audience}
        className={`rounded-lg border p-3 ${
          isPublic
            ? "border-amber-400 bg-amber-50/60 dark:border-amber-600 dark:bg-amber-950/30"
            : "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
        }`}
      >
        <header className="mb-1 flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">{entry.authorName ?? "Someone"}</span>
          <Time at={entry.at} />
          {isPublic ? (
            <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-950 dark:bg-amber-700 dark:text-amber-50">
              Public · on the status page
            </span>
          ) : (
            <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
              Internal
            </span>
          )}
          {entry.statusChange ? (
            <span className="text-xs text-zinc-600 dark:text-zinc-300">
              status →{" "}
              <strong>
                {STATUS_LABELS[entry.statusChange as keyof typeof STATUS_LABELS] ??
                  entry.statusChange}
              </strong>
            </span>
          ) : null}
        </header>
        <Markdown>{entry.body}</Markdown>
      </article>
    );
  }
  if (entry.source === "lifecycle") {
    return (
      <p data-testid="timeline-lifecycle" className="flex items-baseline gap-2 px-3 text-sm">
        <span aria-hidden="true" className="text-zinc-400">
          ◆
        </span>
        <Time at={entry.at} />
        <span className="min-w-0">
          <span className="font-medium">{entry.actorName ?? "Holmes"}</span>{" "}
          {describeLifecycle(entry, props.lookup)}
        </span>
      </p>
    );
  }
  const severity = (["critical", "warning", "info"] as const).find((s) => s === entry.severity);
  return (
    <div
      data-testid="timeline-machine"
      className={`rounded-md border-l-4 bg-zinc-50 px-3 py-2 font-mono text-xs dark:bg-zinc-950 ${
        severity === "critical"
          ? "border-red-500"
          : severity === "warning"
            ? "border-amber-500"
            : "border-sky-500"
      }`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span aria-hidden="true">⚙</span>
        <span className="sr-only">Machine event:</span>
        <Time at={entry.at} />
        <span className="font-semibold">{entry.hostName}</span>
        <span className="text-zinc-500">{entry.kind.replaceAll("_", " ")}</span>
        {severity ? <SeverityBadge health={severity} /> : null}
      </div>
      <p className="mt-1 font-sans text-sm">{entry.title}</p>
      {entry.detail ? (
        <p className="mt-1 break-all whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">
          {entry.detail}
        </p>
      ) : null}
    </div>
  );
}

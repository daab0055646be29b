"use client";

import type { RouterOutputs } from "@holmes/api";
import { Card, TimeAgo } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";

export type RunSummary = RouterOutputs["runbook"]["runs"][number];

/** Runs across the fleet (or of one incident / finding), newest first. */
export function RecentRuns(props: { incidentId?: string; findingId?: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({
    ...trpc.runbook.runs.queryOptions({
      incidentId: props.incidentId,
      findingId: props.findingId,
      limit: 20,
    }),
    refetchInterval: 15_000,
  });
  return (
    <Card title="Recent runs">
      {data.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No runbook runs yet.</p>
      ) : (
        <RunList runs={data} />
      )}
    </Card>
  );
}

export function RunList(props: { runs: readonly RunSummary[] }) {
  return (
    <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
      {props.runs.map((run) => (
        <li key={run.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <Link
            href={`/runbooks/runs/${run.id}`}
            className="font-medium text-sky-700 hover:underline dark:text-sky-400"
          >
            {run.title}
          </Link>
          <span className="text-zinc-600 dark:text-zinc-400">
            {run.hostName ?? "no host"} · {runStatusText(run)} · {run.startedByName ?? "someone"}{" "}
            <TimeAgo at={run.startedAt} now={new Date()} />
          </span>
        </li>
      ))}
    </ul>
  );
}

function runStatusText(run: RunSummary): string {
  if (run.status === "completed") return "completed";
  if (run.status === "abandoned") return "abandoned";
  return `step ${Math.min(run.currentStep + 1, run.stepCount)} of ${run.stepCount}`;
}

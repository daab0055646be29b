"use client";

import { Card } from "@holmes/ui";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";

/**
 * Beside an incident: the runbook runs attached to it, and where to start one (the runbooks of
 * each linked finding, which binds host and object, or the whole catalogue).
 */
export function RunbookIncidentCard(props: {
  incidentId: string;
  findings: ReadonlyArray<{ id: string; title: string; hostName: string }>;
}) {
  const trpc = useTRPC();
  const runs = useQuery({
    ...trpc.runbook.runs.queryOptions({ incidentId: props.incidentId, limit: 20 }),
    refetchInterval: 15_000,
  });
  const incident = `incident=${props.incidentId}`;
  return (
    <Card title="Runbooks">
      <div className="space-y-3 text-sm">
        {runs.data && runs.data.length > 0 ? (
          <ul className="space-y-1">
            {runs.data.map((run) => (
              <li key={run.id}>
                <Link href={`/runbooks/runs/${run.id}`} className="font-medium hover:underline">
                  {run.title}
                </Link>
                <span className="block text-xs text-zinc-500">
                  {run.hostName ?? "no host"} ·{" "}
                  {run.status === "active"
                    ? `step ${Math.min(run.currentStep + 1, run.stepCount)} of ${run.stepCount}`
                    : run.status}
                </span>
              </li>
            ))}
          </ul>
        ) : runs.error ? (
          <p className="text-red-700">Runs could not be read.</p>
        ) : (
          <p className="text-zinc-500">{runs.data ? "No runbook run yet." : "Loading runs…"}</p>
        )}
        <ul className="space-y-1">
          {props.findings.map((finding) => (
            <li key={finding.id}>
              <Link
                href={`/runbooks?finding=${finding.id}&${incident}`}
                className="text-sky-700 hover:underline dark:text-sky-400"
              >
                Runbooks for {finding.title} ({finding.hostName})
              </Link>
            </li>
          ))}
          <li>
            <Link
              href={`/runbooks?${incident}`}
              className="text-sky-700 hover:underline dark:text-sky-400"
            >
              All runbooks, attached to this incident
            </Link>
          </li>
        </ul>
      </div>
    </Card>
  );
}

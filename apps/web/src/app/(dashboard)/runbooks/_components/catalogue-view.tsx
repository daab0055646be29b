"use client";

import type { RouterOutputs } from "@holmes/api";
import { Card, EmptyState } from "@holmes/ui";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { type RunContext, runContextQuery } from "./run-context";
import { RunbookSourceBadge } from "./runbook-source-badge";

type RunbookSummary = RouterOutputs["runbook"]["catalogue"]["runbooks"][number];

/** Every rule some runbook applies to, sorted: the filter's choices. */
function rulesOf(runbooks: readonly RunbookSummary[]): string[] {
  return [...new Set(runbooks.flatMap((runbook) => runbook.appliesTo))].sort();
}

export function CatalogueView(props: { context: RunContext }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.runbook.catalogue.queryOptions());
  const query = runContextQuery(props.context);
  const [rule, setRule] = useState("");
  const shown = rule ? data.runbooks.filter((r) => r.appliesTo.includes(rule)) : data.runbooks;
  return (
    <div className="space-y-4">
      {props.context.findingId ? (
        <ForFinding findingId={props.context.findingId} query={query} />
      ) : null}
      {props.context.incidentId && !props.context.findingId ? (
        <p className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm dark:border-sky-800 dark:bg-sky-950/40">
          A run started from here is attached to the incident: every step outcome goes on its
          timeline.
        </p>
      ) : null}
      {data.runbooks.length === 0 ? (
        <EmptyState title="No runbooks in the catalogue.">
          Shipped runbooks are read from the repository&apos;s <code>runbooks/</code> directory;
          admins can also write runbooks here.
        </EmptyState>
      ) : (
        <Card
          title={`${shown.length} of ${data.runbooks.length} runbooks`}
          actions={
            <label className="flex items-center gap-2 text-sm">
              <span>Finding rule</span>
              <select
                value={rule}
                onChange={(event) => setRule(event.target.value)}
                className="rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
              >
                <option value="">All rules</option>
                {rulesOf(data.runbooks).map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </label>
          }
        >
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {shown.map((runbook) => (
              <RunbookRow key={runbook.id} runbook={runbook} query={query} />
            ))}
          </ul>
        </Card>
      )}
      {data.problems.length > 0 ? (
        <Card
          title={`${data.problems.length} runbook problem${data.problems.length === 1 ? "" : "s"}`}
        >
          <ul className="space-y-1 font-mono text-xs text-red-800 dark:text-red-300">
            {data.problems.map((problem) => (
              <li key={`${problem.runbookId}:${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

function RunbookRow(props: { runbook: RunbookSummary; query: string }) {
  const { runbook } = props;
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-2">
      <div className="min-w-0">
        <Link
          href={`/runbooks/${runbook.id}${props.query}`}
          className="font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          {runbook.title}
        </Link>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{runbook.summary}</p>
        {runbook.appliesTo.length > 0 ? (
          <p className="mt-1 flex flex-wrap gap-1">
            {runbook.appliesTo.map((id) => (
              <code
                key={id}
                className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              >
                {id}
              </code>
            ))}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          {runbook.stepCount} steps · {runbook.checkCount} checks
        </span>
        {runbook.destructiveCount > 0 ? (
          <span className="rounded-full bg-red-100 px-2 py-0.5 font-medium text-red-900 dark:bg-red-950 dark:text-red-200">
            {runbook.destructiveCount} gated
          </span>
        ) : null}
        <RunbookSourceBadge source={runbook.source} />
      </div>
    </li>
  );
}

function ForFinding(props: { findingId: string; query: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery(
    trpc.runbook.forFinding.queryOptions({ findingId: props.findingId }),
  );
  if (error) return <p className="text-sm text-red-700">That finding could not be read.</p>;
  if (!data) return <p className="text-sm text-zinc-500">Loading the finding…</p>;
  return (
    <Card
      title={
        <>
          Runbooks for <span className="font-normal">{data.finding.title}</span> on{" "}
          {data.finding.hostName}
        </>
      }
    >
      {data.runbooks.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No runbook applies to <code>{data.finding.ruleId}</code> yet.
        </p>
      ) : (
        <ul className="space-y-2">
          {data.runbooks.map((runbook) => (
            <li key={runbook.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <span className="font-medium">{runbook.title}</span>{" "}
                <span className="text-sm text-zinc-500">{runbook.summary}</span>
              </span>
              <Link
                href={`/runbooks/${runbook.id}${props.query}`}
                className="rounded-md bg-sky-700 px-3 py-1 text-sm font-medium text-white"
              >
                Start with this finding
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

"use client";

import { Card, PageHeader } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";
import type { RunContext } from "./run-context";
import { RunbookSourceBadge } from "./runbook-source-badge";
import { StartRunForm } from "./start-run-form";

/** One runbook: what it is for, its steps at a glance, and the form that starts a run. */
export function RunbookView(props: {
  runbookId: string;
  context: RunContext;
  canStart: boolean;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.runbook.byId.queryOptions({ runbookId: props.runbookId }));
  const { runbook } = data;
  return (
    <div className="space-y-6">
      <PageHeader
        title={runbook.title}
        description={runbook.summary}
        actions={
          <div className="flex items-center gap-2 text-xs">
            <RunbookSourceBadge source={runbook.source} />
            {props.canEdit && runbook.source.kind === "custom" ? (
              <Link
                href={`/runbooks/${runbook.id}/edit`}
                className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
              >
                Edit
              </Link>
            ) : null}
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <Card title={`${runbook.steps.length} steps`}>
          <ol className="space-y-2">
            {runbook.steps.map((step) => (
              <li key={step.index} className="flex flex-wrap items-baseline gap-2 text-sm">
                <span className="w-6 text-right tabular-nums text-zinc-500">{step.index + 1}.</span>
                <span className="font-medium">{step.title}</span>
                {step.checks.length > 0 ? (
                  <span className="text-xs text-zinc-500">
                    {step.checks.length} check{step.checks.length === 1 ? "" : "s"}
                  </span>
                ) : null}
                {step.destructive ? (
                  <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-200">
                    destructive · gated
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
          {runbook.appliesTo.length > 0 ? (
            <p className="mt-4 text-xs text-zinc-500">
              Applies to findings of {runbook.appliesTo.map((rule) => rule).join(", ")}.
            </p>
          ) : null}
        </Card>
        <Card title="Start a run">
          {props.canStart ? (
            <StartRunForm runbook={runbook} context={props.context} />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Responders start runs; you can follow them from the run list.
            </p>
          )}
        </Card>
      </div>
    </div>
  );
}

"use client";

import { ProgressBar } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { RunStep } from "./run-step";
import type { Me, RunView } from "./run-types";
import { runRefetchMs, useLiveRun } from "./use-live-run";

/** The guided run: one step at a time, the current one for everybody working the run. */
export function RunPage(props: { runId: string; me: Me }) {
  const trpc = useTRPC();
  const { data: view } = useSuspenseQuery({
    ...trpc.runbook.run.queryOptions({ runId: props.runId }),
    refetchInterval: (query) => {
      const data = query.state.data;
      const isWaiting =
        !!data &&
        (data.checks.some((c) => c.status === "queued" || c.status === "running") ||
          data.isCapturingEvidence);
      return runRefetchMs({ hasIncident: !!data?.run.incidentId, isWaiting });
    },
  });
  useLiveRun(props.runId, view.run.incidentId);
  const { run } = view;
  // Null follows the run's current step; a number is a step the reader chose to look at.
  const [viewing, setViewing] = useState<number | null>(null);
  const shown = Math.min(viewing ?? run.currentStep, run.stepCount - 1);
  const step = view.steps[shown];
  const doneCount = view.outcomes.length;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-zinc-500">
          <Link href="/runbooks" className="hover:underline">
            Runbooks
          </Link>{" "}
          ›{" "}
          <Link href={`/runbooks/${run.runbookId}`} className="hover:underline">
            {run.runbookId}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{run.title}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          on <strong>{run.hostName ?? "no host"}</strong> · started by{" "}
          {run.startedByName ?? "someone"} · <RunStatus run={run} />
          {run.incidentId ? (
            <>
              {" "}
              · <span>attached to an incident (steps go on its timeline)</span>
            </>
          ) : null}
        </p>
        <ProgressBar
          label={
            run.status === "active"
              ? `Step ${run.currentStep + 1} of ${run.stepCount}`
              : `${doneCount} of ${run.stepCount} steps`
          }
          percent={(doneCount / Math.max(1, run.stepCount)) * 100}
          detail={`${doneCount} recorded`}
        />
      </header>
      <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <StepNav
          view={view}
          shown={shown}
          onShow={(index) => setViewing(index === run.currentStep ? null : index)}
        />
        {step ? (
          <RunStep
            key={step.index}
            view={view}
            step={step}
            me={props.me}
            isCurrent={step.index === run.currentStep && run.status === "active"}
          />
        ) : (
          <p>This run has no steps.</p>
        )}
      </div>
    </div>
  );
}

function RunStatus(props: { run: RunView["run"] }) {
  if (props.run.status === "completed")
    return <span className="font-medium text-emerald-700 dark:text-emerald-400">completed</span>;
  if (props.run.status === "abandoned")
    return <span className="font-medium text-zinc-500">abandoned</span>;
  return <span className="font-medium text-sky-700 dark:text-sky-400">in progress</span>;
}

function StepNav(props: { view: RunView; shown: number; onShow: (index: number) => void }) {
  const { view } = props;
  return (
    <nav aria-label="Steps">
      <ol className="space-y-1">
        {view.steps.map((step) => {
          const outcome = view.outcomes.find((o) => o.stepIndex === step.index);
          const isCurrent = step.index === view.run.currentStep && view.run.status === "active";
          const mark = outcome ? (outcome.outcome === "done" ? "✓" : "↷") : isCurrent ? "▶" : "·";
          return (
            <li key={step.index}>
              <button
                type="button"
                onClick={() => props.onShow(step.index)}
                aria-current={step.index === props.shown ? "step" : undefined}
                className={`flex w-full items-baseline gap-2 rounded-md px-2 py-1 text-left text-sm ${
                  step.index === props.shown
                    ? "bg-sky-100 font-medium dark:bg-sky-950"
                    : "hover:bg-zinc-100 dark:hover:bg-zinc-800"
                }`}
              >
                <span aria-hidden="true" className="w-4 text-center">
                  {mark}
                </span>
                <span className="tabular-nums text-zinc-500">{step.index + 1}.</span>
                <span className="min-w-0">
                  {step.title}
                  {outcome ? <span className="sr-only"> ({outcome.outcome})</span> : null}
                  {step.destructive ? (
                    <span className="ml-1 text-xs text-red-700 dark:text-red-400">gated</span>
                  ) : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

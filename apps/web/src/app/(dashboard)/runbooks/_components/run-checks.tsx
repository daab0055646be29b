"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import type { RunView } from "./run-types";

type Step = RunView["steps"][number];
type CheckRun = RunView["checks"][number];

const STATUS_STYLE: Record<string, string> = {
  passed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  error: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  queued: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200",
  running: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
};

/** The step's automated checks: run on the host by the collector, verdict and raw output here. */
export function RunChecks(props: { view: RunView; step: Step; canRun: boolean }) {
  return (
    <section aria-label="Checks" className="space-y-2">
      <h3 className="text-sm font-semibold">Checks</h3>
      <ul className="space-y-2">
        {props.step.checks.map((check) => {
          const latest = props.view.checks.find(
            (run) => run.stepIndex === props.step.index && run.checkId === check.id,
          );
          return (
            <CheckRow
              key={check.id}
              runId={props.view.run.id}
              stepIndex={props.step.index}
              check={check}
              latest={latest}
              canRun={props.canRun && !!props.view.run.hostName}
            />
          );
        })}
      </ul>
    </section>
  );
}

function CheckRow(props: {
  runId: string;
  stepIndex: number;
  check: Step["checks"][number];
  latest: CheckRun | undefined;
  canRun: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const request = useMutation(
    trpc.runbook.requestCheck.mutationOptions({
      onSuccess: () =>
        void queryClient.invalidateQueries(trpc.runbook.run.queryFilter({ runId: props.runId })),
    }),
  );
  const { latest } = props;
  const isBusy = latest?.status === "queued" || latest?.status === "running";
  return (
    <li
      data-testid={`check-${props.check.id}`}
      className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-sm">
          {props.check.description}{" "}
          <span className="text-xs text-zinc-500">({props.check.probe})</span>
        </span>
        <span className="flex items-center gap-2">
          {latest ? (
            <span
              data-testid="check-status"
              className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[latest.status] ?? ""}`}
            >
              {latest.status === "running"
                ? "running…"
                : latest.status === "queued"
                  ? "queued…"
                  : latest.status}
            </span>
          ) : (
            <span className="text-xs text-zinc-500">not run yet</span>
          )}
          {props.canRun ? (
            <button
              type="button"
              disabled={isBusy || request.isPending}
              onClick={() =>
                request.mutate({
                  runId: props.runId,
                  stepIndex: props.stepIndex,
                  checkId: props.check.id,
                })
              }
              className="rounded-md border border-sky-600 px-2 py-0.5 text-xs font-medium text-sky-800 disabled:opacity-50 dark:text-sky-300"
            >
              {latest ? "Run again" : "Run check"}
            </button>
          ) : null}
        </span>
      </div>
      {request.error ? (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {errorMessage(request.error)}
        </p>
      ) : null}
      {latest?.summary ? (
        <p data-testid="check-summary" className="mt-1 text-sm">
          {latest.summary}
          {latest.finishedAt ? (
            <span className="text-xs text-zinc-500">
              {" "}
              · {latest.finishedAt.toLocaleTimeString("en-GB")}
            </span>
          ) : null}
        </p>
      ) : null}
      {latest?.details && latest.details.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-xs text-zinc-600 dark:text-zinc-400">
          {latest.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      ) : null}
      {latest?.rawOutput ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
            Output from the host
          </summary>
          <pre className="mt-1 max-h-64 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-950">
            {latest.rawOutput}
          </pre>
        </details>
      ) : null}
    </li>
  );
}

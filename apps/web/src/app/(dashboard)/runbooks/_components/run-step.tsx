"use client";

import { Card, Markdown } from "@holmes/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { CommandBlock } from "./command-block";
import { RunChecks } from "./run-checks";
import { RunGate } from "./run-gate";
import type { Me, RunView } from "./run-types";

type Step = RunView["steps"][number];

/** One step: instructions, the command to copy, its checks, its gate, and done/skip with a note. */
export function RunStep(props: { view: RunView; step: Step; me: Me; isCurrent: boolean }) {
  const { view, step } = props;
  const outcome = view.outcomes.find((o) => o.stepIndex === step.index);
  const canAct = props.isCurrent && !!props.me?.canRespond;
  return (
    <Card
      title={
        <span data-testid="run-step-title">
          Step {step.index + 1} of {view.run.stepCount}: {step.title}
        </span>
      }
    >
      <div className="space-y-4">
        {step.bodyMarkdown.trim() ? <Markdown>{step.bodyMarkdown}</Markdown> : null}
        {step.command ? (
          <CommandBlock command={step.command} />
        ) : step.missingVariables.length > 0 ? (
          <p
            data-testid="step-command-missing"
            className="rounded-md border border-dashed border-zinc-300 px-3 py-2 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
          >
            Fill in: {step.missingVariables.join(", ")}
            <span className="block text-xs text-zinc-500">
              The command needs these values, which this run was started without.
            </span>
          </p>
        ) : null}
        {step.checks.length > 0 ? <RunChecks view={view} step={step} canRun={canAct} /> : null}
        {step.gate ? <RunGate view={view} step={step} me={props.me} canAct={canAct} /> : null}
        {outcome ? (
          <p
            data-testid="step-outcome"
            className="rounded-md bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-950"
          >
            <strong>{outcome.outcome === "done" ? "Done" : "Skipped"}</strong> by{" "}
            {outcome.actorName ?? "someone"} at {outcome.at.toLocaleTimeString("en-GB")}
            {outcome.note ? <>: {outcome.note}</> : null}
          </p>
        ) : canAct ? (
          <OutcomeForm view={view} step={step} />
        ) : view.run.status === "active" && !props.isCurrent ? (
          <p className="text-sm text-zinc-500">
            Not reached yet: the run is at step {view.run.currentStep + 1}.
          </p>
        ) : null}
      </div>
    </Card>
  );
}

function OutcomeForm(props: { view: RunView; step: Step }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const runId = props.view.run.id;
  const mark = useMutation(
    trpc.runbook.markStep.mutationOptions({
      onSuccess: () => {
        setNote("");
        void queryClient.invalidateQueries(trpc.runbook.run.queryFilter({ runId }));
      },
    }),
  );
  const isGateClosed = props.step.gate !== null && !props.step.gate.isReady;
  const submit = (outcome: "done" | "skipped") =>
    mark.mutate({
      runId,
      stepIndex: props.step.index,
      outcome,
      note,
      expectedVersion: props.view.run.version,
    });
  return (
    <div className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <label htmlFor="step-note" className="block text-sm font-medium">
        Note <span className="font-normal text-zinc-500">(what you saw, what you did)</span>
      </label>
      <textarea
        id="step-note"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={2}
        maxLength={4000}
        className="w-full rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
      />
      {mark.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorMessage(mark.error)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => submit("done")}
          disabled={mark.isPending || isGateClosed}
          title={isGateClosed ? "The gate must open first" : undefined}
          className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          Mark done
        </button>
        <button
          type="button"
          onClick={() => submit("skipped")}
          disabled={mark.isPending}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
        >
          Skip
        </button>
      </div>
    </div>
  );
}

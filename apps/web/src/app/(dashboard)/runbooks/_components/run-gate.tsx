"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import type { Me, RunView } from "./run-types";

type Step = RunView["steps"][number];
type Condition = { isMet: boolean; detail: string };

/**
 * A destructive step's gate: the three conditions with what each is waiting for, who asked and
 * who confirmed. The step can be marked done only once all three hold.
 */
export function RunGate(props: { view: RunView; step: Step; me: Me; canAct: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runId = props.view.run.id;
  const refresh = () => void queryClient.invalidateQueries(trpc.runbook.run.queryFilter({ runId }));
  const ask = useMutation(trpc.runbook.requestGate.mutationOptions({ onSuccess: refresh }));
  const confirm = useMutation(trpc.runbook.confirmGate.mutationOptions({ onSuccess: refresh }));
  const gate = props.step.gate;
  const destructive = props.step.destructive;
  if (!gate || !destructive) return null;
  const row = props.view.gates.find((g) => g.stepIndex === props.step.index);
  const isCapturing = props.view.isCapturingEvidence && !gate.evidence.isMet;
  const canConfirm = props.canAct && !!row && !row.confirmedBy && row.requestedBy !== props.me?.id;
  const input = { runId, stepIndex: props.step.index };
  const error = ask.error ?? confirm.error;
  return (
    <section
      aria-label="Destructive step gate"
      data-testid="gate-panel"
      data-ready={gate.isReady}
      className={`rounded-md border-2 p-3 ${gate.isReady ? "border-emerald-500" : "border-red-500"}`}
    >
      <h3 className="text-sm font-semibold">
        {gate.isReady ? "Gate open" : "Gate closed"}: destructive step
      </h3>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{destructive.reason}</p>
      <ul className="mt-2 space-y-1 text-sm">
        <ConditionLine
          label={`Evidence (${destructive.evidence.join(", ")}) within ${destructive.maxEvidenceAgeMinutes} min`}
          condition={gate.evidence}
          extra={isCapturing ? "capturing… (the host's next poll takes it)" : null}
        />
        <ConditionLine label="Pre-checks passed" condition={gate.preChecks} extra={null} />
        <ConditionLine
          label="Second responder confirmed"
          condition={gate.confirmation}
          extra={null}
        />
      </ul>
      {row ? (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          Asked by {row.requestedByName ?? "someone"} at{" "}
          {row.requestedAt.toLocaleTimeString("en-GB")}
          {row.confirmedBy
            ? `; confirmed by ${row.confirmedByName ?? "someone"} at ${row.confirmedAt?.toLocaleTimeString("en-GB")}`
            : ""}
          {row.readyAt ? `; open since ${row.readyAt.toLocaleTimeString("en-GB")}` : ""}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        {props.canAct && !row ? (
          <button
            type="button"
            onClick={() => ask.mutate(input)}
            disabled={ask.isPending}
            className="rounded-md bg-red-700 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
          >
            Ask to pass this gate
          </button>
        ) : null}
        {canConfirm ? (
          <button
            type="button"
            onClick={() => confirm.mutate(input)}
            disabled={confirm.isPending}
            className="rounded-md bg-red-700 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
          >
            Confirm as second responder
          </button>
        ) : null}
        {props.canAct && row && !row.confirmedBy && row.requestedBy === props.me?.id ? (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">
            Waiting for a second responder to confirm.
          </span>
        ) : null}
      </div>
    </section>
  );
}

function ConditionLine(props: { label: string; condition: Condition; extra: string | null }) {
  return (
    <li className="flex items-baseline gap-2" data-met={props.condition.isMet}>
      <span
        aria-hidden="true"
        className={props.condition.isMet ? "text-emerald-600" : "text-red-600"}
      >
        {props.condition.isMet ? "✓" : "✗"}
      </span>
      <span>
        <span className="font-medium">{props.label}</span>
        <span className="sr-only">{props.condition.isMet ? " (met)" : " (not met)"}</span>:{" "}
        {props.condition.detail}
        {props.extra ? (
          <span className="ml-1 italic text-sky-700 dark:text-sky-400">{props.extra}</span>
        ) : null}
      </span>
    </li>
  );
}

"use client";

import type { RouterOutputs } from "@holmes/api";
import { checkVariableValue } from "@holmes/runbooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import type { RunContext } from "./run-context";

type Runbook = RouterOutputs["runbook"]["byId"]["runbook"];

/**
 * The variables a run needs, validated as they are typed by the same rules the server applies.
 * Started from a finding, the values the finding supplies (host, object) are filled in.
 */
export function StartRunForm(props: { runbook: Runbook; context: RunContext }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { findingId, incidentId } = props.context;
  const forFinding = useQuery({
    ...trpc.runbook.forFinding.queryOptions({ findingId: findingId ?? "" }),
    enabled: findingId !== null,
  });
  const bound = forFinding.data?.runbooks.find((r) => r.id === props.runbook.id)?.bindings ?? {};
  const [values, setValues] = useState<Record<string, string>>({});
  // A list (block-devices) is edited as text, one device after another.
  const boundText = (name: string) => {
    const value = bound[name];
    return value === undefined || typeof value === "string" ? value : value.join(" ");
  };
  const textOf = (name: string) => values[name] ?? boundText(name) ?? "";
  const start = useMutation(
    trpc.runbook.start.mutationOptions({
      onSuccess: ({ id }) => router.push(`/runbooks/runs/${id}`),
    }),
  );
  const problems = Object.fromEntries(
    props.runbook.variables.map((variable) => {
      const value = textOf(variable.name).trim();
      if (!value) {
        const isMissing = variable.required && !variable.defaultValue;
        return [variable.name, isMissing ? "required" : null];
      }
      return [variable.name, checkVariableValue(variable.kind, value)];
    }),
  );
  const isValid = Object.values(problems).every((problem) => problem === null);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!isValid) return;
    const variables = Object.fromEntries(
      props.runbook.variables
        .map((variable) => [variable.name, textOf(variable.name).trim()] as const)
        .filter(([, value]) => value !== ""),
    );
    start.mutate({
      runbookId: props.runbook.id,
      findingId: findingId ?? undefined,
      incidentId: incidentId ?? undefined,
      variables,
    });
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-3" noValidate>
      {findingId && forFinding.data ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          From the finding “{forFinding.data.finding.title}” on {forFinding.data.finding.hostName}.
        </p>
      ) : null}
      {incidentId ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Attached to the incident: each step goes on its timeline.
        </p>
      ) : null}
      {props.runbook.variables.map((variable) => {
        const id = `var-${variable.name}`;
        const problem = values[variable.name] !== undefined ? problems[variable.name] : null;
        return (
          <div key={variable.name}>
            <label htmlFor={id} className="block text-sm font-medium">
              {variable.name}
              {variable.required && !variable.defaultValue ? (
                <span className="text-red-700"> *</span>
              ) : null}{" "}
              <span className="font-normal text-zinc-500">({variable.kind})</span>
            </label>
            <input
              id={id}
              name={variable.name}
              value={textOf(variable.name)}
              placeholder={variable.defaultValue ?? ""}
              onChange={(event) =>
                setValues((current) => ({ ...current, [variable.name]: event.target.value }))
              }
              aria-invalid={problem ? true : undefined}
              aria-describedby={`${id}-help`}
              className="mt-1 w-full rounded-md border border-zinc-300 px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
            />
            <p id={`${id}-help`} className="mt-0.5 text-xs text-zinc-500">
              {problem ? (
                <span className="text-red-700 dark:text-red-400">{problem}</span>
              ) : (
                variable.description
              )}
            </p>
          </div>
        );
      })}
      {start.error ? (
        <p role="alert" className="whitespace-pre-line text-sm text-red-700 dark:text-red-400">
          {errorMessage(start.error)}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={!isValid || start.isPending}
        className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
      >
        {start.isPending ? "Starting…" : "Start run"}
      </button>
    </form>
  );
}

"use client";

import { Card } from "@holmes/ui";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { ALERT, FIELD, LABEL, SECONDARY_BUTTON } from "../../inventory/_components/styles";

type Severity = { level: number; name: string; description: string };

/** The wording of SEV1–4, shown wherever a severity is chosen. */
export function SeveritiesPanel() {
  const trpc = useTRPC();
  const { data: severities } = useSuspenseQuery(trpc.incident.severities.queryOptions());
  return (
    <Card title="Severity definitions">
      <div className="grid gap-4 md:grid-cols-2">
        {severities.map((severity) => (
          <SeverityForm key={severity.level} severity={severity} />
        ))}
      </div>
    </Card>
  );
}

function SeverityForm(props: { severity: Severity }) {
  const { severity } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.statusPage.severities.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.incident.severities.pathFilter()),
    }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      level: severity.level,
      name: String(form.get("name") ?? ""),
      description: String(form.get("description") ?? ""),
    });
  }

  return (
    <form
      onSubmit={handleSubmit}
      aria-label={`Severity ${severity.level}`}
      className="grid gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <p className="text-xs font-semibold text-zinc-500">Level {severity.level}</p>
      <label className={LABEL}>
        Name
        <input name="name" required maxLength={40} defaultValue={severity.name} className={FIELD} />
      </label>
      <label className={LABEL}>
        Meaning
        <textarea
          name="description"
          required
          maxLength={500}
          rows={3}
          defaultValue={severity.description}
          className={FIELD}
        />
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={save.isPending} className={SECONDARY_BUTTON}>
          {save.isPending ? "Saving…" : `Save SEV${severity.level}`}
        </button>
        {save.isSuccess && (
          <span className="text-xs text-emerald-700 dark:text-emerald-400">Saved</span>
        )}
        {save.error && (
          <p role="alert" className={ALERT}>
            {errorMessage(save.error)}
          </p>
        )}
      </div>
    </form>
  );
}

"use client";

import { UpdateIncidentInputSchema } from "@holmes/core";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { type FormEvent, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { type EditForm, toEditForm, toIncidentUpdate } from "./edit-diff";
import { EditFields } from "./edit-fields";
import type { IncidentData } from "./incident-data";

/** The server names times in UTC ISO form; people read them in their own time zone. */
function withLocalTimes(message: string): string {
  return message.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, (iso) =>
    new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" }),
  );
}

/**
 * Edits incident fields against the version seen when the form opened. If someone saved in
 * between, the server refuses ("Changed by X at T") and nothing is overwritten; Reload shows
 * their change and starts the form again from it.
 */
export function IncidentEditForm(props: {
  incident: IncidentData;
  onDone: () => void;
  onReload: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [seen] = useState(() => ({
    version: props.incident.version,
    form: toEditForm(props.incident),
  }));
  const [form, setForm] = useState<EditForm>(seen.form);
  const [invalid, setInvalid] = useState<string | null>(null);
  const { data: people } = useSuspenseQuery(trpc.incident.assignableUsers.queryOptions());
  const save = useMutation(
    trpc.incident.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.incident.pathFilter());
        props.onDone();
      },
    }),
  );
  const isConflict = save.error instanceof TRPCClientError && save.error.data?.code === "CONFLICT";
  const set = (patch: Partial<EditForm>) => setForm({ ...form, ...patch });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const input = {
      incidentId: props.incident.id,
      expectedVersion: seen.version,
      ...toIncidentUpdate(seen.form, form),
    };
    const parsed = UpdateIncidentInputSchema.safeParse(input);
    if (!parsed.success) return setInvalid(parsed.error.issues[0]?.message ?? "Check the fields");
    setInvalid(null);
    save.mutate(parsed.data);
  }

  return (
    <form onSubmit={handleSubmit} aria-label="Edit incident" className="grid gap-4 md:grid-cols-2">
      <EditFields form={form} onChange={set} people={people} />
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-lg bg-sky-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
        >
          {save.isPending ? "Saving…" : "Save changes"}
        </button>
        <button
          type="button"
          onClick={props.onDone}
          className="rounded-lg border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700"
        >
          Cancel
        </button>
        {props.incident.version !== seen.version && !save.error ? (
          <span className="text-sm text-amber-800 dark:text-amber-200">
            Someone changed this incident since you opened the form; saving will be refused.
          </span>
        ) : null}
      </div>
      {invalid ? (
        <p role="alert" className="text-sm text-red-700 md:col-span-2 dark:text-red-300">
          {invalid}
        </p>
      ) : null}
      {save.error ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 rounded-lg bg-red-50 p-3 text-sm text-red-800 md:col-span-2 dark:bg-red-950 dark:text-red-200"
        >
          <span>
            {isConflict ? "" : "Couldn't save: "}
            {withLocalTimes(errorMessage(save.error))}
          </span>
          {isConflict ? (
            <button
              type="button"
              onClick={props.onReload}
              className="rounded-md border border-current px-2 py-0.5 font-medium"
            >
              Reload
            </button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

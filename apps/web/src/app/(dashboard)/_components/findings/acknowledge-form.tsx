"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";

const INPUT =
  "rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950";

/** Acknowledge with a note and an optional expiry; the typed note survives a failed request. */
export function AcknowledgeForm(props: { findingId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [until, setUntil] = useState("");
  const acknowledge = useMutation(
    trpc.finding.acknowledge.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.finding.list.pathFilter()),
          queryClient.invalidateQueries(trpc.fleet.overview.pathFilter()),
        ]);
        props.onDone();
      },
    }),
  );
  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    acknowledge.mutate({
      findingId: props.findingId,
      note,
      until: until ? new Date(until) : null,
    });
  }
  return (
    <form
      onSubmit={handleSubmit}
      onKeyDown={(event) => event.key === "Escape" && props.onDone()}
      className="flex flex-wrap items-end gap-2 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-950"
    >
      <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs font-medium">
        Note (why, and what happens next)
        <input
          // biome-ignore lint/a11y/noAutofocus: the form opens on request, to be typed into at once
          autoFocus
          required
          value={note}
          onChange={(event) => setNote(event.target.value)}
          className={INPUT}
          maxLength={2000}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Until (optional)
        <input
          type="datetime-local"
          value={until}
          onChange={(event) => setUntil(event.target.value)}
          className={INPUT}
        />
      </label>
      <button
        type="submit"
        disabled={acknowledge.isPending || note.trim() === ""}
        className="rounded-lg bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900"
      >
        {acknowledge.isPending ? "Saving…" : "Acknowledge"}
      </button>
      <button type="button" onClick={props.onDone} className="px-2 py-1.5 text-sm">
        Cancel
      </button>
      {acknowledge.error ? (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {errorMessage(acknowledge.error)}
        </p>
      ) : null}
    </form>
  );
}

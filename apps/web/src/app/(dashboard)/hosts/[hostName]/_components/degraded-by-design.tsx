"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import type { HostView } from "./use-host-view";

type ArrayView = HostView["arrays"][number];

/**
 * "Degraded by design" (e.g. a RAID1 built with one disk missing): a responder marks it with a
 * reason, and the array's degraded finding turns into a note at the host's next poll.
 */
export function DegradedByDesign(props: { array: ArrayView; hostId: string; canRespond: boolean }) {
  const { array } = props;
  const expectation = array.expectation;
  const isMarked = expectation?.isDegradedByDesign === true;
  const [isEditing, setIsEditing] = useState(false);
  const [note, setNote] = useState("");
  const noteId = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.host.setArrayExpectation.mutationOptions({
      onSuccess: async () => {
        setIsEditing(false);
        setNote("");
        await queryClient.invalidateQueries(trpc.host.byId.pathFilter());
      },
    }),
  );
  if (!array.degraded && !isMarked) return null;
  const save = (isDegradedByDesign: boolean) =>
    mutation.mutate({
      hostId: props.hostId,
      arrayName: array.name,
      isDegradedByDesign,
      note: isDegradedByDesign ? note : null,
    });
  return (
    <div className="rounded-md bg-zinc-50 p-3 text-sm dark:bg-zinc-950">
      {isMarked ? (
        <p>
          ℹ Marked degraded by design{expectation?.setByName && ` by ${expectation.setByName}`}
          {expectation?.note && `: “${expectation.note}”`}
        </p>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">Not marked as degraded by design.</p>
      )}
      {props.canRespond && !isEditing && (
        <button
          type="button"
          disabled={mutation.isPending}
          onClick={() => (isMarked ? save(false) : setIsEditing(true))}
          className="mt-2 rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {isMarked ? "Unmark: this array should be whole" : "Mark degraded by design…"}
        </button>
      )}
      {isEditing && (
        <form
          className="mt-2 space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            save(true);
          }}
        >
          <label htmlFor={noteId} className="block text-xs font-medium">
            Why is {array.name} degraded on purpose?
          </label>
          <textarea
            id={noteId}
            required
            value={note}
            onChange={(event) => setNote(event.target.value)}
            className="w-full rounded border border-zinc-300 bg-white p-2 dark:border-zinc-700 dark:bg-zinc-900"
            rows={2}
          />
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={mutation.isPending}
              className="rounded bg-sky-700 px-3 py-1 text-xs font-medium text-white disabled:opacity-50"
            >
              Save
            </button>
            <button
              type="button"
              onClick={() => setIsEditing(false)}
              className="rounded border border-zinc-300 px-3 py-1 text-xs dark:border-zinc-700"
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {mutation.isError && (
        <p role="alert" className="mt-2 text-xs text-red-800 dark:text-red-300">
          {errorMessage(mutation.error)}
        </p>
      )}
      {mutation.isSuccess && (
        <p role="status" className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          Saved. Findings are re-evaluated at the host's next poll (within a minute or so).
        </p>
      )}
    </div>
  );
}

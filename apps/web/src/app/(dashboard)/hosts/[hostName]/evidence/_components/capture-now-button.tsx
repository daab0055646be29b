"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";

/** Asks the collector for a capture; it happens at the host's next poll. */
export function CaptureNowButton(props: { host: string; pending: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.evidence.captureNow.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.evidence.list.pathFilter()),
    }),
  );
  const isQueued = props.pending !== null || mutation.isSuccess;
  return (
    <div className="flex items-center gap-2 text-sm">
      {isQueued && (
        <span role="status" className="text-zinc-600 dark:text-zinc-400">
          Capture requested: it runs at the host's next poll.
        </span>
      )}
      <button
        type="button"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ host: props.host })}
        className="rounded bg-sky-700 px-3 py-1 font-medium text-white disabled:opacity-50"
      >
        Capture now
      </button>
      {mutation.isError && (
        <span role="alert" className="text-red-800 dark:text-red-300">
          {errorMessage(mutation.error)}
        </span>
      )}
    </div>
  );
}

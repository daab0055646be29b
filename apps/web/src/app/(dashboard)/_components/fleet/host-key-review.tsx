"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";

/**
 * A changed host key, with both fingerprints: polling stays stopped until an admin accepts the new
 * key, after checking it out of band (the host's console, its config management).
 */
export function HostKeyReview(props: {
  hostId: string;
  hostName: string;
  pinned: string | null;
  presented: string;
  canAccept: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accept = useMutation(
    trpc.host.acceptHostKey.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.host.list.pathFilter()),
    }),
  );
  function handleAccept() {
    const question = `Trust the new host key of ${props.hostName}?\n\n${props.presented}\n\nOnly accept it after checking it on the host itself.`;
    if (window.confirm(question)) accept.mutate({ id: props.hostId, fingerprint: props.presented });
  }
  return (
    <div className="mt-1 space-y-1 font-mono text-xs">
      <div>pinned&nbsp;&nbsp;&nbsp;{props.pinned ?? "none"}</div>
      <div>presented {props.presented}</div>
      {props.canAccept && (
        <button
          type="button"
          onClick={handleAccept}
          disabled={accept.isPending}
          className="rounded border border-red-300 px-2 py-0.5 font-sans text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950"
        >
          Accept new key…
        </button>
      )}
      {accept.error && (
        <p role="alert" className="font-sans text-red-700 dark:text-red-400">
          {errorMessage(accept.error)}
        </p>
      )}
    </div>
  );
}

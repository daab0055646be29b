"use client";

import { EmptyState } from "@holmes/ui";

/** The incident itself could not be loaded: say so, and offer a retry. */
export default function IncidentError(props: { error: Error; reset: () => void }) {
  return (
    <div role="alert">
      <EmptyState
        title="The incident could not be loaded"
        action={
          <button
            type="button"
            onClick={props.reset}
            className="rounded-md border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700"
          >
            Retry
          </button>
        }
      >
        {props.error.message || "The server did not answer."}
      </EmptyState>
    </div>
  );
}

"use client";

import { EmptyState } from "@holmes/ui";

/** The whole host page failed (its main query): say so, and offer a retry. */
export default function HostPageError(props: { error: Error; reset: () => void }) {
  return (
    <div role="alert">
      <EmptyState
        title="The host page could not be loaded"
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

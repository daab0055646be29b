"use client";

import { Card } from "@holmes/ui";

/** A failed integrations load: says so and offers a retry instead of a blank page. */
export default function IntegrationsError(props: { error: Error; reset: () => void }) {
  return (
    <Card title="Integrations could not be loaded">
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {props.error.message || "Something went wrong."}
      </p>
      <button
        type="button"
        onClick={props.reset}
        className="mt-4 rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Try again
      </button>
    </Card>
  );
}

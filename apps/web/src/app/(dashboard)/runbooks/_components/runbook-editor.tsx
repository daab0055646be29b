"use client";

import { parseRunbook } from "@holmes/runbooks";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";

/**
 * The admin's Markdown editor: parsed as it is typed (the same parser the server runs), problems
 * listed with their line numbers, and a save that names the version it edited, so a concurrent
 * edit is refused with who and when rather than overwritten.
 */
export function RunbookEditor(props: {
  runbookId: string | null;
  initialMarkdown: string;
  version: number | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [markdown, setMarkdown] = useState(props.initialMarkdown);
  const deferred = useDeferredValue(markdown);
  const parsed = parseRunbook(deferred, { kind: "custom", version: props.version ?? 0 });
  const save = useMutation(
    trpc.runbook.saveCustom.mutationOptions({
      onSuccess: ({ id }) => router.push(`/runbooks/${id}`),
    }),
  );
  const isConflict = save.error instanceof TRPCClientError && save.error.data?.code === "CONFLICT";
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div>
        <label htmlFor="runbook-markdown" className="mb-1 block text-sm font-medium">
          Markdown
        </label>
        <textarea
          id="runbook-markdown"
          value={markdown}
          onChange={(event) => setMarkdown(event.target.value)}
          spellCheck={false}
          rows={28}
          className="w-full rounded-md border border-zinc-300 p-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
      </div>
      <aside className="space-y-3">
        {parsed.ok ? (
          <div className="rounded-md border border-emerald-400 p-3 text-sm">
            <p className="font-medium text-emerald-800 dark:text-emerald-300">Parses cleanly</p>
            <p className="mt-1">
              <code>{parsed.runbook.id}</code>: {parsed.runbook.steps.length} steps,{" "}
              {parsed.runbook.steps.filter((s) => s.destructive).length} gated
            </p>
          </div>
        ) : (
          <div role="status" className="rounded-md border border-red-400 p-3 text-sm">
            <p className="font-medium text-red-800 dark:text-red-300">
              {parsed.errors.length} problem{parsed.errors.length === 1 ? "" : "s"}
            </p>
            <ul data-testid="parse-errors" className="mt-1 space-y-1 font-mono text-xs">
              {parsed.errors.map((error) => (
                <li key={`${error.line}:${error.message}`}>
                  line {error.line}: {error.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {save.error ? (
          <div role="alert" className="rounded-md border border-amber-400 p-3 text-sm">
            <p className="whitespace-pre-line">{errorMessage(save.error)}</p>
            {isConflict ? (
              <button
                type="button"
                onClick={() => router.refresh()}
                className="mt-2 rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700"
              >
                Reload the newest version (your text here is lost: copy it first)
              </button>
            ) : null}
          </div>
        ) : null}
        <button
          type="button"
          disabled={!parsed.ok || save.isPending}
          onClick={() =>
            save.mutate({
              runbookId: props.runbookId,
              markdown,
              expectedVersion: props.version,
            })
          }
          className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900"
        >
          {save.isPending
            ? "Saving…"
            : props.version === null
              ? "Create runbook"
              : "Save new version"}
        </button>
      </aside>
    </div>
  );
}

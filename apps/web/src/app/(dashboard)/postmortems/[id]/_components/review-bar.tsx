"use client";

import type { PostmortemStatus } from "@holmes/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PostmortemStatusBadge } from "~/components/postmortem-status-badge";
import { errorMessage } from "~/lib/error-message";
import { saveText } from "~/lib/save-text";
import { useTRPC } from "~/trpc/react";
import type { SaveState } from "./use-autosave";

type Transition = "submit" | "approve" | "publish";

const NEXT_STEP: Partial<Record<PostmortemStatus, { transition: Transition; label: string }>> = {
  draft: { transition: "submit", label: "Submit for review" },
  in_review: { transition: "approve", label: "Approve" },
  approved: { transition: "publish", label: "Publish" },
};

/** Status, save state, the next review step, reopen (with a reason) and the Markdown export. */
export function ReviewBar(props: {
  id: string;
  status: PostmortemStatus;
  isAuthor: boolean;
  canRespond: boolean;
  saveState: SaveState;
  flush: () => Promise<number | null>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const options = { onSuccess: () => queryClient.invalidateQueries(trpc.postmortem.pathFilter()) };
  const mutations = {
    submit: useMutation(trpc.postmortem.submit.mutationOptions(options)),
    approve: useMutation(trpc.postmortem.approve.mutationOptions(options)),
    publish: useMutation(trpc.postmortem.publish.mutationOptions(options)),
  };
  const reopen = useMutation(trpc.postmortem.reopen.mutationOptions(options));
  const next = NEXT_STEP[props.status];
  const isAuthorBlocked = next?.transition === "approve" && props.isAuthor;

  async function run(action: (version: number) => Promise<unknown>) {
    setError(null);
    const version = await props.flush();
    if (version === null) {
      setError("Save (or merge) your changes first.");
      return;
    }
    try {
      await action(version);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function handleExport() {
    const file = await queryClient.fetchQuery({
      ...trpc.postmortem.exportMarkdown.queryOptions({ id: props.id }),
      staleTime: 0,
    });
    saveText(file.fileName, file.markdown, "text/markdown");
  }

  return (
    <div className="flex flex-wrap items-center gap-3 rounded-xl border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <PostmortemStatusBadge status={props.status} />
      <SaveIndicator state={props.saveState} />
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {props.canRespond && next ? (
          <button
            type="button"
            disabled={isAuthorBlocked}
            title={isAuthorBlocked ? "The author cannot approve their own post-mortem" : undefined}
            onClick={() =>
              void run((v) =>
                mutations[next.transition].mutateAsync({ id: props.id, expectedVersion: v }),
              )
            }
            className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800 disabled:opacity-40"
          >
            {next.label}
          </button>
        ) : null}
        {props.canRespond && props.status !== "draft" ? (
          reason === null ? (
            <button type="button" onClick={() => setReason("")} className={BUTTON}>
              Reopen
            </button>
          ) : (
            <form
              className="flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void run((v) =>
                  reopen
                    .mutateAsync({ id: props.id, expectedVersion: v, reason })
                    .then(() => setReason(null)),
                );
              }}
            >
              <input
                aria-label="Reason to reopen"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="Why reopen?"
                className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
              />
              <button type="submit" className={BUTTON}>
                Reopen
              </button>
            </form>
          )
        ) : null}
        <button type="button" onClick={() => void handleExport()} className={BUTTON}>
          Export Markdown
        </button>
      </div>
      {error ? (
        <p role="alert" className="w-full text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function SaveIndicator(props: { state: SaveState }) {
  const { state } = props;
  const text =
    state.kind === "saved"
      ? state.at
        ? `Saved ${state.at.toLocaleTimeString()}`
        : "Saved"
      : state.kind === "dirty"
        ? "Unsaved changes…"
        : state.kind === "saving"
          ? "Saving…"
          : state.kind === "conflict"
            ? "Conflict: merge needed"
            : `Not saved: ${state.message}`;
  const colour =
    state.kind === "conflict" || state.kind === "error"
      ? "text-red-700 dark:text-red-400"
      : "text-zinc-500";
  return (
    <span data-testid="save-state" data-state={state.kind} aria-live="polite" className={colour}>
      {text}
    </span>
  );
}

const BUTTON =
  "rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

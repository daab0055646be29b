"use client";

import { INCIDENT_STATUSES, type IncidentStatus, MAX_UPDATE_BODY } from "@holmes/core";
import { Markdown } from "@holmes/ui";
import { useId, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { INPUT_CLASS } from "../../../_components/incidents/field";
import { STATUS_LABELS } from "../../../_components/incidents/incident-status-badge";
import { AudienceToggle } from "./audience-toggle";
import { useComposer } from "./use-composer";

const TAB =
  "rounded-md px-2 py-1 text-xs aria-selected:bg-zinc-200 aria-selected:font-medium dark:aria-selected:bg-zinc-800";
const ALERT = "text-sm text-red-700 dark:text-red-300";

/** Write (Markdown, with preview), choose internal or public, optionally change the status, post. */
export function Composer(props: { incidentId: string; number: number; status: string }) {
  const id = useId();
  const { draft, update, isLoaded, submit, post, invalid, notice } = useComposer(
    props.incidentId,
    props.number,
  );
  const [tab, setTab] = useState<"write" | "preview">("write");
  const isPublic = draft.audience === "public";
  const statusLabel = STATUS_LABELS[props.status as IncidentStatus] ?? props.status;
  return (
    <form
      aria-label="Post an update"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      className={`space-y-3 rounded-xl border-2 bg-white p-4 shadow-sm dark:bg-zinc-900 ${
        isPublic ? "border-amber-500" : "border-zinc-200 dark:border-zinc-800"
      }`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="tablist" aria-label="Editor" className="flex gap-1">
          {(["write", "preview"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              onClick={() => setTab(name)}
              className={TAB}
            >
              {name === "write" ? "Write" : "Preview"}
            </button>
          ))}
        </div>
        <AudienceToggle
          name={`${id}-audience`}
          value={draft.audience}
          onChange={(audience) => update({ audience })}
        />
      </div>
      {tab === "write" ? (
        <textarea
          aria-label="Update (Markdown)"
          aria-invalid={invalid ? true : undefined}
          rows={4}
          value={draft.body}
          readOnly={post.isPending}
          placeholder="What changed, what happens next (Markdown). Ctrl+Enter posts."
          onChange={(event) => update({ body: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
          className={`${INPUT_CLASS} font-mono`}
        />
      ) : (
        <div className="min-h-24 rounded-lg border border-dashed border-zinc-300 p-3 dark:border-zinc-700">
          {draft.body.trim() ? (
            <Markdown>{draft.body}</Markdown>
          ) : (
            <p className="text-sm text-zinc-500">Nothing to preview.</p>
          )}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-sm">
          Status
          <select
            aria-label="Status change"
            value={draft.statusChange}
            onChange={(event) => update({ statusChange: event.target.value as IncidentStatus })}
            className="rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">No change ({statusLabel})</option>
            {INCIDENT_STATUSES.filter((s) => s !== props.status).map((s) => (
              <option key={s} value={s}>
                → {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {draft.body.length > MAX_UPDATE_BODY * 0.9 ? (
          <span className="text-xs text-zinc-500 tabular-nums">
            {draft.body.length.toLocaleString("en")} / {MAX_UPDATE_BODY.toLocaleString("en")}
          </span>
        ) : null}
        <button
          type="submit"
          disabled={!isLoaded || post.isPending}
          className={`ml-auto rounded-lg px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${
            isPublic ? "bg-amber-700 hover:bg-amber-800" : "bg-sky-700 hover:bg-sky-800"
          }`}
        >
          {post.isPending ? "Posting…" : isPublic ? "Post public update" : "Post internal update"}
        </button>
      </div>
      {invalid ? (
        <p role="alert" className={ALERT}>
          {invalid}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="text-sm text-sky-800 dark:text-sky-200">
          {notice}
        </p>
      ) : null}
      {post.isError ? (
        <div role="alert" className={`flex flex-wrap items-center gap-3 ${ALERT}`}>
          <span>Couldn't post update: {errorMessage(post.error)} Your draft is kept.</span>
          <button
            type="button"
            onClick={submit}
            className="rounded-md border border-current px-2 py-0.5"
          >
            Retry
          </button>
        </div>
      ) : null}
    </form>
  );
}

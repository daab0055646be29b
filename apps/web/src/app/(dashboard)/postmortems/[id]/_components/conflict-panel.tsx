"use client";

import { type FieldConflict, POSTMORTEM_SECTION_TITLES } from "@holmes/core";
import { useState } from "react";

/**
 * Shown when someone else saved the same sections: both texts side by side, and a merge box
 * that starts from mine. Nothing is saved until every conflicting field is settled.
 */
export function ConflictPanel(props: {
  message: string;
  conflicts: FieldConflict[];
  onResolve: (field: FieldConflict["field"], text: string) => void;
}) {
  return (
    <section
      role="alert"
      data-testid="conflict-panel"
      className="space-y-3 rounded-xl border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950/40"
    >
      <p className="font-medium">
        Conflict: {props.message}. Autosave is paused until you merge these sections.
      </p>
      {props.conflicts.map((conflict) => (
        <ConflictField key={conflict.field} conflict={conflict} onResolve={props.onResolve} />
      ))}
    </section>
  );
}

function ConflictField(props: {
  conflict: FieldConflict;
  onResolve: (field: FieldConflict["field"], text: string) => void;
}) {
  const { conflict } = props;
  const [merged, setMerged] = useState(conflict.mine);
  const label = conflict.field === "title" ? "Title" : POSTMORTEM_SECTION_TITLES[conflict.field];
  return (
    <div className="rounded-lg border border-red-200 bg-white p-3 dark:border-red-900 dark:bg-zinc-900">
      <h3 className="mb-2 font-semibold">{label}</h3>
      <div className="grid gap-3 md:grid-cols-3">
        <div>
          <p className="text-xs text-zinc-500">Their version</p>
          <pre
            data-testid="conflict-theirs"
            className="mt-1 whitespace-pre-wrap rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950"
          >
            {conflict.theirs}
          </pre>
        </div>
        <div>
          <p className="text-xs text-zinc-500">Your version</p>
          <pre
            data-testid="conflict-mine"
            className="mt-1 whitespace-pre-wrap rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950"
          >
            {conflict.mine}
          </pre>
        </div>
        <label className="block">
          <span className="text-xs text-zinc-500">Merged (this is saved)</span>
          <textarea
            aria-label={`Merged ${label}`}
            value={merged}
            onChange={(e) => setMerged(e.target.value)}
            rows={5}
            className="mt-1 w-full rounded border border-zinc-300 p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
      </div>
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={() => setMerged(conflict.theirs)} className={BUTTON}>
          Start from theirs
        </button>
        <button
          type="button"
          onClick={() => setMerged(`${conflict.theirs}\n\n${conflict.mine}`)}
          className={BUTTON}
        >
          Both, theirs first
        </button>
        <button
          type="button"
          onClick={() => props.onResolve(conflict.field, merged)}
          className="rounded-md bg-sky-700 px-3 py-1 text-white hover:bg-sky-800"
        >
          Use merged text
        </button>
      </div>
    </div>
  );
}

const BUTTON =
  "rounded-md border border-zinc-300 px-3 py-1 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

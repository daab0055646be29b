"use client";

import { useEffect, useRef, useState } from "react";
import { SECONDARY_BUTTON } from "../../inventory/_components/styles";

/**
 * A token or secret the server returns once. It is focused and selected on arrival so a keyboard
 * user can copy it with Ctrl+C too; dismissing it forgets it for good.
 */
export function OneTimeSecret(props: {
  label: string;
  value: string;
  hint?: string;
  onDismiss: () => void;
}) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, []);

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopyState("copied");
    } catch {
      // No clipboard permission (plain http, old browser): the field stays selected for Ctrl+C.
      fieldRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <section
      aria-label={props.label}
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950"
    >
      <p className="text-sm font-medium">{props.label}: copy it now, it is not shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <input
          ref={fieldRef}
          readOnly
          value={props.value}
          aria-label={props.label}
          spellCheck={false}
          className="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="button" onClick={handleCopy} className={SECONDARY_BUTTON}>
          Copy
        </button>
        <button type="button" onClick={props.onDismiss} className={SECONDARY_BUTTON}>
          Done
        </button>
      </div>
      <p role="status" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {copyState === "copied" && "Copied to the clipboard."}
        {copyState === "failed" && "Copying was refused by the browser: press Ctrl+C instead."}
      </p>
      {props.hint && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{props.hint}</p>}
    </section>
  );
}

"use client";

import { useState } from "react";

/** The step's command with the run's values already quoted in, and a copy button. */
export function CommandBlock(props: { command: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(props.command);
      setCopied("yes");
    } catch {
      // No clipboard (plain http, denied permission): the text stays selectable.
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 2_000);
  }
  return (
    <div className="relative">
      <pre
        data-testid="step-command"
        className="overflow-x-auto rounded-md bg-zinc-900 p-3 pr-20 font-mono text-sm text-zinc-100"
      >
        <code>{props.command}</code>
      </pre>
      <button
        type="button"
        onClick={() => void handleCopy()}
        className="absolute top-2 right-2 rounded border border-zinc-600 bg-zinc-800 px-2 py-0.5 text-xs text-zinc-100"
      >
        {copied === "yes" ? "Copied" : copied === "failed" ? "Select & copy" : "Copy"}
      </button>
    </div>
  );
}

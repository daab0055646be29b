"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { formatBytes } from "./format";

/** A poll's raw outputs, loaded only when someone expands them (they can be large). */
export function RawOutput(props: { hostId: string; runId: number; bytes: number }) {
  const [isOpen, setIsOpen] = useState(false);
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.host.probeRunOutput.queryOptions({ hostId: props.hostId, runId: props.runId }),
    enabled: isOpen,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <div className="mt-2">
      <button
        type="button"
        aria-expanded={isOpen}
        onClick={() => setIsOpen(!isOpen)}
        className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {isOpen ? "Hide raw output" : `Show raw output (${formatBytes(props.bytes)} compressed)`}
      </button>
      {isOpen && query.isPending && <p className="mt-1 text-xs">Loading raw output…</p>}
      {isOpen && query.isError && (
        <p role="alert" className="mt-1 text-xs text-red-800 dark:text-red-300">
          ✖ Could not load the raw output: {query.error.message}
        </p>
      )}
      {isOpen && query.data && (
        <div className="mt-2 space-y-2">
          {query.data.sections.map((section) => (
            <details key={section.id} className="rounded bg-zinc-50 p-2 dark:bg-zinc-950">
              <summary className="cursor-pointer font-mono text-xs">
                {section.id}{" "}
                <span className="text-zinc-500">
                  {section.isMissing
                    ? `missing tool: ${section.missingTool ?? "?"}`
                    : `exit ${section.exitCode ?? "—"}`}
                  {section.isTruncated && " · cut off by the host"}
                  {section.isCapped &&
                    ` · first ${section.output.length} of ${section.outputChars} chars`}
                </span>
              </summary>
              <pre className="mt-1 max-h-80 overflow-auto text-xs whitespace-pre-wrap">
                {section.output || "(no output)"}
              </pre>
            </details>
          ))}
        </div>
      )}
    </div>
  );
}

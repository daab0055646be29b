"use client";

import { Card, TimeAgo } from "@holmes/ui";
import { formatDuration } from "./format";
import { RawOutput } from "./raw-output";
import { useHostView } from "./use-host-view";

/** Polls that failed or were only partly read, with the error, the parse problems and raw output. */
export function CollectionErrorsPanel(props: { host: string }) {
  const { data: view } = useHostView(props.host);
  const runs = view.problemRuns;
  return (
    <Card title={`Collection errors (${runs.length} recent)`}>
      {runs.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No failed or partial polls recorded recently.
        </p>
      ) : (
        <ul className="space-y-3 text-sm">
          {runs.map((run) => (
            <li key={run.id} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
              <p className="flex flex-wrap gap-2">
                <span className="font-medium">
                  {run.status === "failed" ? "✖ Poll failed" : "▲ Partly read"}
                </span>
                <TimeAgo at={run.startedAt} now={view.now} />
                <span className="text-zinc-500">took {formatDuration(run.durationMs)}</span>
              </p>
              {run.errorMessage && (
                <p className="mt-1">
                  {run.errorCode && <code className="mr-1">{run.errorCode}</code>}
                  {run.errorMessage}
                </p>
              )}
              {run.parseErrors.length > 0 && (
                <ul className="mt-1 list-inside list-disc text-xs">
                  {run.parseErrors.map((problem) => (
                    <li key={`${problem.commandId}:${problem.message}`}>
                      <code>{problem.commandId}</code>: {problem.message}
                    </li>
                  ))}
                </ul>
              )}
              {run.rawOutputBytes > 0 ? (
                <RawOutput hostId={view.summary.id} runId={run.id} bytes={run.rawOutputBytes} />
              ) : (
                <p className="mt-1 text-xs text-zinc-500">No output came back from the host.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

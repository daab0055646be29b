"use client";

import { Card, type Health, SeverityBadge, TimeAgo } from "@holmes/ui";
import { useHostView } from "./use-host-view";

const HEALTH: Record<string, Health> = {
  critical: "critical",
  error: "critical",
  warning: "warning",
};

/** Classified kernel log lines, newest first, each with its raw line (the evidence). */
export function KernelEventsPanel(props: { host: string }) {
  const { data: view } = useHostView(props.host);
  const events = view.kernelEvents;
  return (
    <Card title={`Kernel events (${events.length}, newest first)`}>
      {events.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No storage-related kernel messages recorded for this host.
        </p>
      ) : (
        <div className="max-h-96 overflow-auto">
          <table className="w-full text-left text-xs">
            <thead className="sticky top-0 bg-white text-zinc-500 uppercase dark:bg-zinc-900">
              <tr>
                <th className="py-1 pr-2">When</th>
                <th className="py-1 pr-2">Severity</th>
                <th className="py-1 pr-2">Kind</th>
                <th className="py-1 pr-2">Device</th>
                <th className="py-1 pr-2">Line</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr
                  key={event.id}
                  className="border-t border-zinc-100 align-top dark:border-zinc-800"
                >
                  <td className="py-1 pr-2 whitespace-nowrap">
                    <TimeAgo at={event.at} now={view.now} />
                    {!event.isLoggedAtKnown && <span title="time received, not logged"> *</span>}
                  </td>
                  <td className="py-1 pr-2">
                    <SeverityBadge
                      health={HEALTH[event.severity] ?? "info"}
                      label={event.severity}
                    />
                  </td>
                  <td className="py-1 pr-2 font-mono">{event.kind}</td>
                  <td className="py-1 pr-2 font-mono">{event.device ?? "—"}</td>
                  <td className="py-1 pr-2 font-mono break-all">{event.rawLine}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

"use client";

import { SeverityBadge, TimeAgo } from "@holmes/ui";
import Link from "next/link";
import { useHostView } from "./use-host-view";

type Severity = "critical" | "warning" | "info";

/** The host's unresolved findings, worst first; the findings page has filters and actions. */
export function HostFindings(props: { host: string }) {
  const { data: view } = useHostView(props.host);
  const link = `/findings?host=${encodeURIComponent(view.summary.name)}`;
  return (
    <section aria-labelledby="findings-title" className="space-y-2">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="findings-title" className="text-lg font-semibold">
          Open findings ({view.findings.length})
        </h2>
        <Link href={link} className="text-sm text-sky-700 underline dark:text-sky-300">
          Acknowledge on the findings page
        </Link>
      </div>
      {view.findings.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {view.isStale
            ? "None open as of the last report — but that report is stale."
            : "None open: the rules found nothing wrong in the latest report."}
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {view.findings.map((finding) => (
            <li key={finding.id} className="px-4 py-3">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                  <SeverityBadge health={finding.severity as Severity} />
                  <span className="font-medium">{finding.title}</span>
                  <span className="text-xs text-zinc-500">
                    {finding.ruleId} · since <TimeAgo at={finding.firstSeenAt} now={view.now} />
                    {finding.state === "acknowledged" && " · acknowledged"}
                  </span>
                </summary>
                <p className="mt-2 max-w-prose text-sm">{finding.explanation}</p>
                {finding.evidence.lines.length > 0 && (
                  <pre className="mt-2 overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-950">
                    {finding.evidence.lines.join("\n")}
                  </pre>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

"use client";

import { formatAge, SeverityBadge, TimeAgo } from "@holmes/ui";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatDuration } from "./format";
import { useHostView } from "./use-host-view";

const STATE_WORDS: Record<string, string> = {
  ok: "polled normally",
  partial: "polled, some outputs unreadable",
  unreachable: "unreachable",
  auth_failed: "SSH authentication failed",
  host_key_changed: "host key changed: polling paused until an admin decides",
  timeout: "timed out",
  failed: "poll failed",
  never: "not polled yet",
};

/** Who the host is and how fresh its data is. Stale data says so; it never reads "healthy". */
export function HostSummary(props: { host: string }) {
  const { data: view, isRefetchError, dataUpdatedAt } = useHostView(props.host);
  const { summary } = view;
  const { collection } = summary;
  const now = view.now;
  return (
    <section aria-labelledby="host-title" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="host-title" className="text-2xl font-semibold tracking-tight">
          {summary.name}
        </h1>
        <SeverityBadge health={view.health} />
        {summary.isSimulated && (
          <span className="rounded bg-violet-100 px-1.5 py-0.5 text-xs text-violet-900 dark:bg-violet-950 dark:text-violet-200">
            simulated
          </span>
        )}
        {!summary.isEnabled && (
          <span className="rounded bg-zinc-200 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
            polling disabled
          </span>
        )}
        <Link
          href={`/findings?host=${encodeURIComponent(summary.name)}`}
          className="ml-auto text-sm text-sky-700 underline dark:text-sky-300"
        >
          All findings of this host
        </Link>
        <Link
          href={`/hosts/${encodeURIComponent(summary.name)}/evidence`}
          className="text-sm text-sky-700 underline dark:text-sky-300"
        >
          Evidence vault
        </Link>
        <Link
          href={`/hosts/${encodeURIComponent(summary.name)}/recovery`}
          className="text-sm text-sky-700 underline dark:text-sky-300"
        >
          Recovery sheet
        </Link>
      </div>
      <Freshness view={view} />
      {isRefetchError && (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          ▲ Could not refresh; showing what was loaded{" "}
          {formatAge(new Date(dataUpdatedAt), new Date())}.
        </p>
      )}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <Fact label="OS">{summary.osName ?? "—"}</Fact>
        <Fact label="Kernel">{summary.kernelRelease ?? "—"}</Fact>
        <Fact label="Address">
          {summary.address}:{summary.port}
        </Fact>
        <Fact label="Groups">{summary.groups.join(", ") || "—"}</Fact>
        <Fact label="Collection">
          {STATE_WORDS[collection.state] ?? collection.state}
          {collection.consecutiveFailures > 1 && ` (${collection.consecutiveFailures} in a row)`}
        </Fact>
        <Fact label="Last attempt">
          <TimeAgo at={collection.lastAttemptAt} now={now} /> · took{" "}
          {formatDuration(collection.lastDurationMs)}
        </Fact>
        <Fact label="Last error">
          {collection.lastErrorMessage ? (
            <>
              {collection.lastErrorCode && <code>{collection.lastErrorCode}</code>}{" "}
              {collection.lastErrorMessage} (<TimeAgo at={collection.lastErrorAt} now={now} />)
            </>
          ) : (
            "none"
          )}
        </Fact>
        <Fact label="Missing tools">{collection.missingTools.join(", ") || "none"}</Fact>
      </dl>
    </section>
  );
}

function Freshness(props: { view: ReturnType<typeof useHostView>["data"] }) {
  const { summary, now, isStale, staleAfterMs } = props.view;
  const last = summary.collection.lastSuccessAt;
  if (!last) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No successful poll yet.</p>;
  }
  const age = formatAge(last, now);
  if (!isStale) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Last report {age}.</p>;
  }
  return (
    <p
      role="status"
      className="rounded-md bg-zinc-200 px-3 py-2 text-sm font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
    >
      ⏱ Stale: last report {age} (expected every {Math.round(staleAfterMs / 3 / 1000)} s). What
      follows is the state as of then, not now.
    </p>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500 uppercase">{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

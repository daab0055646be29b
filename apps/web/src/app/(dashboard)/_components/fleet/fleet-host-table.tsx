"use client";

import { EmptyState } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";
import { describeAge, type HostHealth, hostHealth } from "./host-health";
import { HostKeyReview } from "./host-key-review";

const BADGE: Record<HostHealth["level"], string> = {
  critical: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  warning: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  ok: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  unknown: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
};

/** The interim fleet list: refreshed every 10 s; stale data says so instead of looking healthy. */
export function FleetHostTable(props: { canAcceptHostKeys: boolean }) {
  const trpc = useTRPC();
  const { data: hosts, dataUpdatedAt } = useSuspenseQuery({
    ...trpc.host.list.queryOptions(),
    refetchInterval: 10_000,
  });
  if (hosts.length === 0) {
    return (
      <EmptyState title="No hosts are being polled yet.">
        Add hosts under Admin, or start Holmes without DATABASE_URL to get the simulated fleet.
      </EmptyState>
    );
  }
  const now = dataUpdatedAt || Date.now();
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
          <tr>
            <th className="px-4 py-2">Host</th>
            <th className="px-4 py-2">Status</th>
            <th className="px-4 py-2">Arrays</th>
            <th className="px-4 py-2">Last report</th>
            <th className="px-4 py-2">Kernel / OS</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => {
            const health = hostHealth(host, now);
            return (
              <tr
                key={host.id}
                className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
              >
                <td className="px-4 py-2 font-medium whitespace-nowrap">
                  <Link
                    href={`/hosts/${encodeURIComponent(host.name)}`}
                    className="underline-offset-2 hover:underline"
                  >
                    {host.name}
                  </Link>
                  {host.isSimulated && (
                    <span className="ml-2 rounded bg-violet-100 px-1.5 py-0.5 text-xs text-violet-900 dark:bg-violet-950 dark:text-violet-200">
                      simulated
                    </span>
                  )}
                </td>
                <td className="px-4 py-2">
                  <span
                    className={`rounded px-2 py-0.5 text-xs font-semibold ${BADGE[health.level]}`}
                  >
                    {health.label}
                  </span>
                  {host.presentedHostKey ? (
                    <HostKeyReview
                      hostId={host.id}
                      hostName={host.name}
                      pinned={host.pinnedHostKey}
                      presented={host.presentedHostKey}
                      canAccept={props.canAcceptHostKeys}
                    />
                  ) : (
                    health.detail && (
                      <div className="mt-1 text-xs text-zinc-500">{health.detail}</div>
                    )
                  )}
                </td>
                <td className="px-4 py-2">{host.arrayCount}</td>
                <td className="px-4 py-2 text-zinc-600 dark:text-zinc-400">
                  {host.lastSuccessAt ? describeAge(host.lastSuccessAt, now) : "never"}
                </td>
                <td className="px-4 py-2 text-zinc-600 dark:text-zinc-400">
                  {host.kernelRelease ?? "—"}
                  {host.osName && <div className="text-xs">{host.osName}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

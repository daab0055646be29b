"use client";

import type { RouterOutputs } from "@holmes/api";
import { ACTION_TARGET_LABELS } from "@holmes/core";
import { Card } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";

/** The overview's reminder: post-mortem action items still open after their due day. */
export function PostmortemOverduePanel() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.postmortem.actionItem.overdue.queryOptions({ limit: 10 }));
  return (
    <Card title={`Overdue action items (${data.length})`}>
      {data.length === 0 ? (
        <p className="text-sm text-zinc-500">No post-mortem action item is past its due day.</p>
      ) : (
        <OverdueList items={data} />
      )}
    </Card>
  );
}

function OverdueList(props: { items: RouterOutputs["postmortem"]["actionItem"]["overdue"] }) {
  return (
    <ul
      className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800"
      data-testid="overdue-action-items"
    >
      {props.items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-baseline gap-x-3 py-1.5">
          <Link href={`/postmortems/${item.postmortemId}`} className="font-medium hover:underline">
            {item.title}
          </Link>
          <span className="font-mono text-xs text-red-700 dark:text-red-400">
            due {item.dueDate}
          </span>
          <span className="text-xs text-zinc-500">
            {item.ownerName ?? "no owner"} · INC-{item.incidentNumber}
            {item.targetKind
              ? ` · ${ACTION_TARGET_LABELS[item.targetKind]} ${item.targetValue}: ${item.progress.done}/${item.progress.total}`
              : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

"use client";

import { Card } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

export function AuditLogPanel() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.admin.audit.list.queryOptions({ limit: 50 }));
  return (
    <Card title="Audit log">
      {data.items.length === 0 ? (
        <p className="text-sm text-zinc-500">No changes recorded yet.</p>
      ) : (
        <ol className="space-y-2 text-sm">
          {data.items.map((entry) => (
            <li key={entry.id} className="border-b border-zinc-200 pb-2 dark:border-zinc-800">
              <time dateTime={entry.at.toISOString()} className="font-mono text-xs text-zinc-500">
                {entry.at.toISOString().replace("T", " ").slice(0, 19)} UTC
              </time>
              <div>
                <span className="font-medium">{entry.actorEmail ?? "system"}</span> ·{" "}
                <code>{entry.action}</code>
                {entry.targetId && (
                  <span className="text-zinc-500">
                    {" "}
                    → {entry.targetType} {entry.targetId}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

"use client";

import { Card } from "@holmes/ui";
import { ArrayCard } from "./array-card";
import { ArraySyncChart } from "./array-sync-chart";
import { useHostView } from "./use-host-view";

export function ArraysPanel(props: { host: string; canRespond: boolean }) {
  const { data: view } = useHostView(props.host);
  if (view.arrays.length === 0) {
    return (
      <Card title="md arrays">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {view.summary.collection.lastSuccessAt
            ? "No md arrays in the latest report (/proc/mdstat lists none)."
            : "Not polled yet: arrays appear after the first successful poll."}
        </p>
      </Card>
    );
  }
  const hasSync = view.arrays.some((a) => a.syncAction);
  return (
    <section aria-labelledby="arrays-title" className="space-y-4">
      <h2 id="arrays-title" className="text-lg font-semibold">
        md arrays ({view.arrays.length})
      </h2>
      <div className="grid items-start gap-4 2xl:grid-cols-2">
        {view.arrays.map((array) => (
          <ArrayCard
            key={array.name}
            array={array}
            hostId={view.summary.id}
            now={view.now}
            findings={view.findings.filter(
              (f) => f.objectKind === "array" && f.objectName === array.name,
            )}
            canRespond={props.canRespond}
          />
        ))}
      </div>
      {hasSync ? (
        <Card title="Sync progress history">
          <ArraySyncChart hostId={view.summary.id} />
        </Card>
      ) : null}
    </section>
  );
}

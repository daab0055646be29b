"use client";

import { EmptyState, TimeAgo } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Panel } from "~/components/panel";
import { useTRPC } from "~/trpc/react";
import { CaptureNowButton } from "./capture-now-button";
import { EvidenceAlerts } from "./evidence-alerts";
import { ItemNav } from "./item-nav";
import { ItemVersions } from "./item-versions";

/** The host's evidence vault: what changed, the items, and any two versions of one side by side. */
export function EvidencePage(props: { host: string; canRespond: boolean }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({
    ...trpc.evidence.list.queryOptions({ host: props.host }),
    refetchInterval: 30_000,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const item = data.items.find((i) => i.itemKey === selected) ?? data.items[0] ?? null;
  const hostHref = `/hosts/${encodeURIComponent(props.host)}`;
  const lastCapture = data.captures[0] ?? null;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Evidence vault · {props.host}</h1>
        <Link href={hostHref} className="text-sm text-sky-700 underline dark:text-sky-300">
          Host page
        </Link>
        <Link
          href={`${hostHref}/recovery`}
          className="text-sm text-sky-700 underline dark:text-sky-300"
        >
          Recovery sheet
        </Link>
        <div className="ml-auto">
          {props.canRespond && <CaptureNowButton host={props.host} pending={data.pendingRequest} />}
        </div>
      </header>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A version is stored when an item changes (and at least daily); every text is checked against
        its sha256 when read. Last capture recorded{" "}
        <TimeAgo at={lastCapture?.capturedAt ?? null} never="never" />
        {lastCapture && ` (${lastCapture.reason.replace("_", " ")})`}.
      </p>
      <EvidenceAlerts alerts={data.alerts} />
      {item ? (
        <div className="grid items-start gap-6 lg:grid-cols-[18rem_1fr]">
          <ItemNav items={data.items} selected={item.itemKey} onSelect={setSelected} />
          <Panel title={item.label}>
            <ItemVersions key={item.itemKey} item={item} alerts={data.alerts} />
          </Panel>
        </div>
      ) : (
        <EmptyState title="Nothing captured yet">
          Evidence is captured from the host's polls; the first successful poll fills the vault.
        </EmptyState>
      )}
    </div>
  );
}

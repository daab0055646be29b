"use client";

import type { RouterOutputs } from "@holmes/api";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";

/** Incidents sharing finding rules, hosts, disk models or firmware, with the reasons. */
export function SimilarIncidents(props: { incidentId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(
    trpc.postmortem.similar.queryOptions({ incidentId: props.incidentId }),
  );
  return (
    <section className="space-y-2 rounded-xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="font-semibold">Similar incidents</h2>
      {data.length === 0 ? (
        <p className="text-zinc-500">Nothing shared with other incidents.</p>
      ) : (
        <SimilarList items={data} />
      )}
    </section>
  );
}

function SimilarList(props: { items: RouterOutputs["postmortem"]["similar"] }) {
  return (
    <ul className="space-y-2" data-testid="similar-incidents">
      {props.items.map((incident) => (
        <li key={incident.id}>
          <Link href={`/incidents/${incident.number}`} className="hover:underline">
            <span className="font-mono text-xs text-zinc-500">INC-{incident.number}</span>{" "}
            {incident.title}
          </Link>
          <ul className="text-xs text-zinc-500">
            {incident.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

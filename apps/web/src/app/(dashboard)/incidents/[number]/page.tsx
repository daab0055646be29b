import { hasRole } from "@holmes/core";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { caller, getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { IncidentPage } from "./_components/incident-page";

type Params = { params: Promise<{ number: string }> };

/** `/incidents/INC-42` and `/incidents/42` both work; anything else is a 404. */
function incidentNumberOf(raw: string): number | null {
  const match = /^(?:inc-)?(\d{1,9})$/i.exec(decodeURIComponent(raw));
  return match ? Number(match[1]) : null;
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const number = incidentNumberOf((await props.params).number);
  return { title: number ? `INC-${number}` : "Incident" };
}

export default async function IncidentDetailPage(props: Params) {
  const number = incidentNumberOf((await props.params).number);
  if (!number) notFound();
  const me = await caller.auth.me();
  let incidentId: string;
  try {
    // Awaited rather than prefetched: an unknown number is a 404 page, not a broken panel.
    const incident = await getQueryClient().fetchQuery(
      trpc.incident.byNumber.queryOptions({ number }),
    );
    incidentId = incident.id;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  prefetch(trpc.incident.severities.queryOptions());
  prefetch(trpc.incident.timeline.queryOptions({ incidentId, filter: "all" }));
  return (
    <HydrateClient>
      <Suspense
        fallback={
          <div
            aria-busy="true"
            className="h-64 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900"
          />
        }
      >
        <IncidentPage number={number} canRespond={me ? hasRole(me.role, "responder") : false} />
      </Suspense>
    </HydrateClient>
  );
}

import { hasRole } from "@holmes/core";
import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { Panel } from "~/components/panel";
import { toUrlSearchParams } from "~/lib/search-params";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { IncidentMetrics, METRICS_MONTHS } from "./_components/incident-metrics";
import { incidentsInput, parseIncidentsFilter } from "./_components/incidents-filter";
import { IncidentsView } from "./_components/incidents-view";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await caller.auth.me();
  const canDeclare = me ? hasRole(me.role, "responder") : false;
  const filter = parseIncidentsFilter(toUrlSearchParams(await props.searchParams));
  prefetch(trpc.incident.severities.queryOptions());
  prefetch(trpc.incident.list.queryOptions(incidentsInput(filter, 0)));
  prefetch(trpc.incident.metrics.queryOptions({ months: METRICS_MONTHS }));
  return (
    <HydrateClient>
      <PageHeader
        title="Incidents"
        description="What is broken now and what broke before: declared by people, from findings, or by alerts."
        actions={
          canDeclare ? (
            <Link
              href="/incidents/new"
              className="rounded-lg bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 dark:bg-red-600 dark:hover:bg-red-500"
            >
              Declare incident
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <Panel title="Incidents">
          <IncidentsView canDeclare={canDeclare} />
        </Panel>
        <Panel title="Incident metrics">
          <IncidentMetrics />
        </Panel>
      </div>
    </HydrateClient>
  );
}

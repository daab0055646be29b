"use client";

import { Card, EmptyState } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useUrlFilter } from "~/lib/use-url-filter";
import { useTRPC } from "~/trpc/react";
import { useSeverities } from "../../_components/incidents/use-severities";
import {
  INCIDENTS_PAGE_SIZE,
  incidentsFilterToQuery,
  incidentsInput,
  parseIncidentsFilter,
} from "./incidents-filter";
import { IncidentsFilters } from "./incidents-filters";
import { IncidentsTable } from "./incidents-table";

export function IncidentsView(props: { canDeclare: boolean }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useUrlFilter(parseIncidentsFilter, incidentsFilterToQuery);
  const [page, setPage] = useState(0);
  const { byLevel } = useSeverities();
  const { data, dataUpdatedAt } = useSuspenseQuery({
    ...trpc.incident.list.queryOptions(incidentsInput(filter, page)),
    refetchInterval: 15_000,
  });
  const isFiltered = incidentsFilterToQuery(filter) !== "";
  const pages = Math.max(1, Math.ceil(data.total / INCIDENTS_PAGE_SIZE));
  return (
    <div className="space-y-4">
      {data.total > 0 || isFiltered ? (
        <IncidentsFilters
          filter={filter}
          onChange={(next) => {
            setPage(0);
            setFilter(next);
          }}
        />
      ) : null}
      {data.total === 0 && !isFiltered ? (
        <EmptyState
          title="No incidents yet."
          action={
            props.canDeclare ? (
              <Link
                href="/incidents/new"
                className="text-sm text-sky-700 underline dark:text-sky-300"
              >
                Declare one
              </Link>
            ) : null
          }
        >
          Incidents are declared by responders, from scratch or from a finding, and opened by
          Alertmanager when alerts arrive.
        </EmptyState>
      ) : (
        <Card title={`${data.total} incident${data.total === 1 ? "" : "s"}`}>
          {data.items.length === 0 ? (
            <p className="text-sm text-zinc-500">No incident matches these filters.</p>
          ) : (
            <IncidentsTable
              incidents={data.items}
              severities={byLevel}
              now={new Date(dataUpdatedAt || Date.now())}
            />
          )}
          {pages > 1 ? (
            <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
              <button
                type="button"
                disabled={page === 0}
                onClick={() => setPage(page - 1)}
                className="rounded border px-2 py-1 disabled:opacity-40"
              >
                ← Previous
              </button>
              <span>
                Page {page + 1} of {pages}
              </span>
              <button
                type="button"
                disabled={data.nextCursor === null}
                onClick={() => setPage(page + 1)}
                className="rounded border px-2 py-1 disabled:opacity-40"
              >
                Next →
              </button>
            </nav>
          ) : null}
        </Card>
      )}
    </div>
  );
}

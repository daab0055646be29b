"use client";

import { findingsFilterToQuery, parseFindingsFilter } from "@holmes/core";
import { Card } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useUrlFilter } from "~/lib/use-url-filter";
import { useTRPC } from "~/trpc/react";
import { FindingsTable } from "../../_components/findings/findings-table";
import { FindingsFilters } from "./findings-filters";
import { FINDINGS_PAGE_SIZE, findingsInput } from "./findings-input";

export function FindingsView(props: { canAcknowledge: boolean }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useUrlFilter(parseFindingsFilter, findingsFilterToQuery);
  const [page, setPage] = useState(0);
  const { data: rules } = useSuspenseQuery(trpc.finding.rules.queryOptions());
  const { data, dataUpdatedAt } = useSuspenseQuery({
    ...trpc.finding.list.queryOptions(findingsInput(filter, page)),
    refetchInterval: 10_000,
  });
  const pages = Math.max(1, Math.ceil(data.total / FINDINGS_PAGE_SIZE));
  return (
    <div className="space-y-4">
      <FindingsFilters
        filter={filter}
        rules={rules}
        onChange={(next) => {
          setPage(0);
          setFilter(next);
        }}
      />
      <Card
        title={`${data.total} finding${data.total === 1 ? "" : "s"}${filter.hostName ? ` on ${filter.hostName}` : ""}`}
      >
        {data.items.length === 0 ? (
          <p className="text-sm text-zinc-500">No finding matches these filters.</p>
        ) : (
          <FindingsTable
            findings={data.items}
            now={new Date(dataUpdatedAt || Date.now())}
            canAcknowledge={props.canAcknowledge}
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
    </div>
  );
}

"use client";

import { POSTMORTEM_STATUSES } from "@holmes/core";
import { Card, EmptyState, TimeAgo } from "@holmes/ui";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PostmortemStatusBadge } from "~/components/postmortem-status-badge";
import { useDraftText } from "~/lib/use-draft-text";
import { useUrlFilter } from "~/lib/use-url-filter";
import { useTRPC } from "~/trpc/react";
import {
  parsePostmortemsFilter,
  postmortemsFilterToQuery,
  postmortemsInput,
} from "./postmortems-filter";

/** The list (status filter, full-text search) and, when searching, matching incidents too. */
export function PostmortemsView() {
  const trpc = useTRPC();
  const [filter, setFilter] = useUrlFilter(parsePostmortemsFilter, postmortemsFilterToQuery);
  const [text, setText] = useDraftText(filter.text, (next) => setFilter({ ...filter, text: next }));
  const { data } = useSuspenseQuery(trpc.postmortem.list.queryOptions(postmortemsInput(filter)));
  const search = filter.text.trim();
  const incidents = useQuery({
    ...trpc.postmortem.search.queryOptions({ text: search }),
    enabled: search.length >= 2,
  });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block text-xs text-zinc-500">Search post-mortems and incidents</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. superblock, stale handle"
            className="mt-1 w-72 rounded-md border border-zinc-300 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <label className="text-sm">
          <span className="block text-xs text-zinc-500">Status</span>
          <select
            value={filter.status ?? ""}
            onChange={(e) =>
              setFilter({ ...filter, status: (e.target.value || null) as typeof filter.status })
            }
            className="mt-1 rounded-md border border-zinc-300 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">Any</option>
            {POSTMORTEM_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status.replace("_", " ")}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.total === 0 && !filter.status && !search ? (
        <EmptyState title="No post-mortems yet.">
          Open a resolved incident and choose “Draft post-mortem”: the draft is filled from its
          timeline, findings and evidence.
        </EmptyState>
      ) : (
        <Card title={`${data.total} post-mortem${data.total === 1 ? "" : "s"}`}>
          {data.items.length === 0 ? (
            <p className="text-sm text-zinc-500">No post-mortem matches.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
                <tr>
                  <th className="px-3 py-2">Post-mortem</th>
                  <th className="px-3 py-2">Status</th>
                  <th className="px-3 py-2">Author</th>
                  <th className="px-3 py-2">Open actions</th>
                  <th className="px-3 py-2">Updated</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id} className="border-b border-zinc-100 dark:border-zinc-800">
                    <td className="px-3 py-2">
                      <Link
                        href={`/postmortems/${item.id}`}
                        className="font-medium hover:underline"
                      >
                        {item.title}
                      </Link>
                      <span className="block font-mono text-xs text-zinc-500">
                        INC-{item.incidentNumber}
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      <PostmortemStatusBadge status={item.status} />
                    </td>
                    <td className="px-3 py-2">{item.authorName ?? "—"}</td>
                    <td className="px-3 py-2">{item.openActionItems}</td>
                    <td className="px-3 py-2">
                      <TimeAgo at={item.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
      {search.length >= 2 && incidents.data ? (
        <Card title={`Incidents matching “${search}”`}>
          {incidents.data.incidents.length === 0 ? (
            <p className="text-sm text-zinc-500">No incident matches.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {incidents.data.incidents.map((incident) => (
                <li key={incident.id}>
                  <Link href={`/incidents/${incident.number}`} className="hover:underline">
                    <span className="font-mono text-xs text-zinc-500">INC-{incident.number}</span>{" "}
                    {incident.title}
                  </Link>{" "}
                  <span className="text-xs text-zinc-500">{incident.status}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}

"use client";

import { Card, EmptyState } from "@holmes/ui";
import { useQuery, useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import {
  FIELD,
  LABEL,
  SMALL_BUTTON,
  TABLE_HEAD,
  TABLE_ROW,
} from "../../inventory/_components/styles";
import { deliveryLogOptions } from "./delivery-log-query";

const STATUS_STYLE: Record<string, string> = {
  delivered: "text-emerald-700 dark:text-emerald-400",
  pending: "text-amber-700 dark:text-amber-400",
  failed: "text-red-700 dark:text-red-400",
};

function formatTime(at: Date | null): string {
  return at ? `${at.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—";
}

/** Every delivery, newest first: what was sent, how often it was tried, and what came back. */
export function DeliveryLogPanel() {
  const trpc = useTRPC();
  const [webhookId, setWebhookId] = useState<string | undefined>(undefined);
  const { data: webhooks } = useQuery(trpc.integrations.webhooks.list.queryOptions());
  const log = useSuspenseInfiniteQuery(deliveryLogOptions(trpc, webhookId));
  const items = log.data.pages.flatMap((page) => page.items);

  return (
    <Card
      title="Delivery log"
      actions={
        <label className={`${LABEL} grid-flow-col items-center`}>
          Webhook
          <select
            value={webhookId ?? ""}
            onChange={(event) => setWebhookId(event.target.value || undefined)}
            className={FIELD}
          >
            <option value="">All</option>
            {webhooks?.map((webhook) => (
              <option key={webhook.id} value={webhook.id}>
                {webhook.name}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {items.length === 0 ? (
        <EmptyState title="Nothing sent yet.">
          Deliveries appear here when an incident is declared, changes status or severity, gets an
          update, or is resolved.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className={TABLE_HEAD}>
              <tr>
                <th className="py-2 pr-3">Queued</th>
                <th className="pr-3">Webhook</th>
                <th className="pr-3">Event</th>
                <th className="pr-3">Status</th>
                <th className="pr-3">Attempts</th>
                <th className="pr-3">Last answer</th>
                <th>Next try / delivered</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className={TABLE_ROW}>
                  <td className="pr-3 font-mono text-xs whitespace-nowrap">
                    {formatTime(item.createdAt)}
                  </td>
                  <td className="pr-3 whitespace-nowrap">{item.webhookName}</td>
                  <td className="pr-3 text-xs">
                    <code>{item.event}</code>
                    {item.incidentNumber !== null && (
                      <span className="text-zinc-500"> · INC-{item.incidentNumber}</span>
                    )}
                  </td>
                  <td className={`pr-3 text-xs font-medium ${STATUS_STYLE[item.status] ?? ""}`}>
                    {item.status}
                  </td>
                  <td className="pr-3 text-xs">{item.attempts}</td>
                  <td className="max-w-72 pr-3 text-xs break-words">
                    {item.lastStatusCode !== null && <span>HTTP {item.lastStatusCode} </span>}
                    {item.lastError && item.lastError !== `HTTP ${item.lastStatusCode}` && (
                      <span className="text-zinc-500">{item.lastError}</span>
                    )}
                    {item.lastStatusCode === null && !item.lastError && "—"}
                  </td>
                  <td className="font-mono text-xs whitespace-nowrap">
                    {item.status === "delivered"
                      ? formatTime(item.deliveredAt)
                      : item.status === "pending"
                        ? formatTime(item.nextAttemptAt)
                        : "gave up"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && (
        <button
          type="button"
          onClick={() => log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
          className={`${SMALL_BUTTON} mt-3`}
        >
          {log.isFetchingNextPage ? "Loading…" : "Show older deliveries"}
        </button>
      )}
    </Card>
  );
}

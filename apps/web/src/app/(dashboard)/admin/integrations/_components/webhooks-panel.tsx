"use client";

import { Card, EmptyState } from "@holmes/ui";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { ALERT, SMALL_BUTTON, TABLE_HEAD, TABLE_ROW } from "../../inventory/_components/styles";
import { AddWebhookForm } from "./add-webhook-form";

/** Where incident changes are POSTed (signed JSON with a Slack-compatible `text`). */
export function WebhooksPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: webhooks } = useSuspenseQuery(
    trpc.integrations.webhooks.list.queryOptions(undefined, { refetchInterval: 10_000 }),
  );
  // The delivery log changes with every webhook change (disable fails the queue; delete drops it).
  const refresh = () => queryClient.invalidateQueries(trpc.integrations.webhooks.pathFilter());
  const setEnabled = useMutation(
    trpc.integrations.webhooks.setEnabled.mutationOptions({ onSuccess: refresh }),
  );
  const remove = useMutation(
    trpc.integrations.webhooks.delete.mutationOptions({ onSuccess: refresh }),
  );
  const failure = setEnabled.error ?? remove.error;

  function handleDelete(webhook: { id: string; name: string }) {
    if (window.confirm(`Delete "${webhook.name}" and its delivery log?`)) {
      remove.mutate({ id: webhook.id });
    }
  }

  return (
    <Card title="Outbound webhooks">
      <AddWebhookForm onAdded={refresh} />
      {failure && (
        <p role="alert" className={`${ALERT} mt-2`}>
          {errorMessage(failure)}
        </p>
      )}
      <div className="mt-4">
        {webhooks.length === 0 ? (
          <EmptyState title="No webhooks yet.">
            Add one to hear about declared incidents, status and severity changes, updates and
            resolutions.
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className={TABLE_HEAD}>
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="pr-3">URL</th>
                <th className="pr-3">Deliveries</th>
                <th className="pr-3">State</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((webhook) => (
                <tr key={webhook.id} className={TABLE_ROW}>
                  <td className="pr-3 font-medium whitespace-nowrap">{webhook.name}</td>
                  <td className="pr-3 font-mono text-xs break-all">{webhook.url}</td>
                  <td className="pr-3 text-xs whitespace-nowrap">
                    {webhook.delivered} delivered · {webhook.pending} pending ·{" "}
                    <span className={webhook.failed > 0 ? "text-red-700 dark:text-red-400" : ""}>
                      {webhook.failed} failed
                    </span>
                  </td>
                  <td className="pr-3 text-xs">{webhook.isEnabled ? "enabled" : "disabled"}</td>
                  <td className="space-x-2 text-right whitespace-nowrap">
                    <button
                      type="button"
                      disabled={setEnabled.isPending}
                      onClick={() =>
                        setEnabled.mutate({ id: webhook.id, isEnabled: !webhook.isEnabled })
                      }
                      aria-label={`${webhook.isEnabled ? "Disable" : "Enable"} ${webhook.name}`}
                      className={SMALL_BUTTON}
                    >
                      {webhook.isEnabled ? "Disable" : "Enable"}
                    </button>
                    <button
                      type="button"
                      disabled={remove.isPending}
                      onClick={() => handleDelete(webhook)}
                      aria-label={`Delete ${webhook.name}`}
                      className={SMALL_BUTTON}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}

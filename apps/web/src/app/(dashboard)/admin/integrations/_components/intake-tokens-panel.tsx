"use client";

import { Card, EmptyState, TimeAgo } from "@holmes/ui";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { type FormEvent, useRef } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import {
  ALERT,
  FIELD,
  LABEL,
  PRIMARY_BUTTON,
  SMALL_BUTTON,
  TABLE_HEAD,
  TABLE_ROW,
} from "../../inventory/_components/styles";
import { OneTimeSecret } from "./one-time-secret";

/** Bearer tokens Alertmanager sends to POST /api/alertmanager; one per Alertmanager is tidy. */
export function IntakeTokensPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const { data: tokens } = useSuspenseQuery(trpc.integrations.tokens.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.integrations.tokens.pathFilter());
  const create = useMutation(
    trpc.integrations.tokens.create.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        return refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.integrations.tokens.revoke.mutationOptions({ onSuccess: refresh }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? "").trim() });
  }

  function handleRevoke(token: { id: string; name: string }) {
    if (window.confirm(`Revoke "${token.name}"? Alertmanager posts with it will get 401.`)) {
      revoke.mutate({ id: token.id });
    }
  }

  return (
    <Card title="Alertmanager intake tokens">
      <form
        ref={formRef}
        onSubmit={handleSubmit}
        aria-label="Create an intake token"
        className="flex flex-wrap items-end gap-3"
      >
        <label className={LABEL}>
          Name
          <input
            name="name"
            required
            maxLength={100}
            placeholder="alertmanager-prod"
            className={FIELD}
          />
        </label>
        <button type="submit" disabled={create.isPending} className={PRIMARY_BUTTON}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      {create.error && (
        <p role="alert" className={`${ALERT} mt-2`}>
          {errorMessage(create.error)}
        </p>
      )}
      {create.data && (
        <div className="mt-4">
          <OneTimeSecret
            label={`Token "${create.data.name}"`}
            value={create.data.token}
            hint="Put it in the Alertmanager receiver's http_config.authorization.credentials (see the README)."
            onDismiss={() => create.reset()}
          />
        </div>
      )}
      {revoke.error && (
        <p role="alert" className={`${ALERT} mt-2`}>
          {errorMessage(revoke.error)}
        </p>
      )}
      <div className="mt-4">
        {tokens.length === 0 ? (
          <EmptyState title="No intake tokens yet.">
            Create one, then point an Alertmanager webhook receiver at /api/alertmanager with it.
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className={TABLE_HEAD}>
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="pr-3">Created</th>
                <th className="pr-3">Last used</th>
                <th className="pr-3">State</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className={TABLE_ROW}>
                  <td className="pr-3 font-medium">{token.name}</td>
                  <td className="pr-3 text-xs text-zinc-500">
                    {token.createdAt.toISOString().slice(0, 10)}
                    {token.createdByName && ` by ${token.createdByName}`}
                  </td>
                  <td className="pr-3 text-xs">
                    <TimeAgo at={token.lastUsedAt} />
                  </td>
                  <td className="pr-3 text-xs">
                    {token.revokedAt ? (
                      <span className="text-red-700 dark:text-red-400">
                        revoked {token.revokedAt.toISOString().slice(0, 10)}
                      </span>
                    ) : (
                      <span className="text-emerald-700 dark:text-emerald-400">active</span>
                    )}
                  </td>
                  <td className="text-right">
                    {!token.revokedAt && (
                      <button
                        type="button"
                        disabled={revoke.isPending}
                        onClick={() => handleRevoke(token)}
                        aria-label={`Revoke ${token.name}`}
                        className={SMALL_BUTTON}
                      >
                        Revoke
                      </button>
                    )}
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

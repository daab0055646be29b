"use client";

import { Card } from "@holmes/ui";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { type FormEvent, useRef } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { ALERT, FIELD, LABEL, PRIMARY_BUTTON, TABLE_HEAD, TABLE_ROW } from "./styles";

/**
 * Private keys stored sealed in the database. The browser sends a key once and never gets it
 * back: the list and the upload's answer hold names and fingerprints only.
 */
export function CredentialsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const { data: credentials } = useSuspenseQuery(trpc.inventory.credentials.list.queryOptions());
  const create = useMutation(
    trpc.inventory.credentials.create.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        return queryClient.invalidateQueries(trpc.inventory.credentials.list.pathFilter());
      },
    }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get("name") ?? "").trim(),
      privateKey: String(form.get("privateKey") ?? ""),
    });
  }

  return (
    <Card title="Credentials">
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <form
          ref={formRef}
          onSubmit={handleSubmit}
          aria-label="Store a private key"
          className="grid gap-3"
        >
          <label className={LABEL}>
            Name
            <input name="name" required placeholder="fleet-readonly" className={FIELD} />
          </label>
          <label className={LABEL}>
            Private key (OpenSSH or PEM, without passphrase)
            <textarea
              name="privateKey"
              required
              rows={6}
              spellCheck={false}
              autoComplete="off"
              placeholder={
                "-----BEGIN OPENSSH PRIVATE KEY-----\n…\n-----END OPENSSH PRIVATE KEY-----"
              }
              className={`${FIELD} font-mono text-xs`}
            />
          </label>
          <p className="text-xs text-zinc-500">
            The key is encrypted with HOLMES_CREDENTIALS_KEY before it is stored, and only the
            collector opens it. It is never shown again; the list shows its fingerprint.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={create.isPending} className={PRIMARY_BUTTON}>
              {create.isPending ? "Storing…" : "Store key"}
            </button>
            {create.data && (
              <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
                Stored {create.data.name}.
              </p>
            )}
            {create.error && (
              <p role="alert" className={ALERT}>
                {errorMessage(create.error)}
              </p>
            )}
          </div>
        </form>
        {credentials.length === 0 ? (
          <p className="text-sm text-zinc-500">
            No stored keys. Hosts use a key file on the collector, or its default key.
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className={TABLE_HEAD}>
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="pr-3">Fingerprint</th>
                <th className="pr-3">Hosts</th>
                <th>Added</th>
              </tr>
            </thead>
            <tbody>
              {credentials.map((credential) => (
                <tr key={credential.id} className={TABLE_ROW}>
                  <td className="pr-3 font-medium whitespace-nowrap">{credential.name}</td>
                  <td className="pr-3 font-mono text-xs break-all">
                    {credential.fingerprint ?? "— (DSA key)"}
                  </td>
                  <td className="pr-3">{credential.hostCount}</td>
                  <td className="text-xs whitespace-nowrap text-zinc-500">
                    {credential.createdAt.toISOString().slice(0, 10)}
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

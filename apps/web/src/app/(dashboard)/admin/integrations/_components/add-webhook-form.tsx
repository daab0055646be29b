"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { ALERT, FIELD, LABEL, PRIMARY_BUTTON } from "../../inventory/_components/styles";
import { OneTimeSecret } from "./one-time-secret";

/** Adds a webhook; the answer carries its signing secret, shown here once. */
export function AddWebhookForm(props: { onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation(
    trpc.integrations.webhooks.create.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        return props.onAdded();
      },
    }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get("name") ?? "").trim(),
      url: String(form.get("url") ?? "").trim(),
    });
  }

  return (
    <div className="grid gap-3">
      <form
        ref={formRef}
        onSubmit={handleSubmit}
        aria-label="Add a webhook"
        className="flex flex-wrap items-end gap-3"
      >
        <label className={LABEL}>
          Name
          <input name="name" required maxLength={100} placeholder="ops-chat" className={FIELD} />
        </label>
        <label className={`${LABEL} min-w-72 flex-1`}>
          URL (http or https)
          <input
            name="url"
            type="url"
            required
            placeholder="https://hooks.slack.com/services/…"
            className={FIELD}
          />
        </label>
        <button type="submit" disabled={create.isPending} className={PRIMARY_BUTTON}>
          {create.isPending ? "Adding…" : "Add webhook"}
        </button>
      </form>
      {create.error && (
        <p role="alert" className={ALERT}>
          {errorMessage(create.error)}
        </p>
      )}
      {create.data && (
        <OneTimeSecret
          label={`Signing secret of "${create.data.name}"`}
          value={create.data.secret}
          hint="Receivers check X-Holmes-Signature (sha256=HMAC of the raw body) with it; see the README."
          onDismiss={() => create.reset()}
        />
      )}
    </div>
  );
}

"use client";

import type { RouterOutputs } from "@holmes/api";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import {
  ALERT,
  FIELD,
  LABEL,
  PRIMARY_BUTTON,
  SECONDARY_BUTTON,
} from "../../inventory/_components/styles";

export type AdminComponent = RouterOutputs["statusPage"]["components"]["list"][number];

/** Adds a component, or edits one when `component` is given. The server checks every field. */
export function ComponentForm(props: {
  component?: AdminComponent;
  onDone: () => unknown;
  onCancel: () => void;
}) {
  const { component } = props;
  const trpc = useTRPC();
  const create = useMutation(
    trpc.statusPage.components.create.mutationOptions({ onSuccess: props.onDone }),
  );
  const update = useMutation(
    trpc.statusPage.components.update.mutationOptions({ onSuccess: props.onDone }),
  );
  const isPending = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const fields = {
      name: text("name"),
      description: text("description"),
      hostGroups: text("hostGroups")
        .split(/[\s,]+/)
        .filter(Boolean),
    };
    if (component) update.mutate({ id: component.id, ...fields });
    else create.mutate(fields);
  }

  return (
    <form
      onSubmit={handleSubmit}
      onKeyDown={(event) => event.key === "Escape" && props.onCancel()}
      aria-label={component ? `Edit ${component.name}` : "Add component"}
      className="grid gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4 sm:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-950"
    >
      <label className={LABEL}>
        Name
        <input
          name="name"
          required
          maxLength={80}
          defaultValue={component?.name}
          className={FIELD}
        />
      </label>
      <label className={LABEL}>
        Description
        <input
          name="description"
          maxLength={300}
          defaultValue={component?.description}
          placeholder="Shown under the name"
          className={FIELD}
        />
      </label>
      <label className={LABEL}>
        Host groups
        <input
          name="hostGroups"
          defaultValue={component?.hostGroups.join(", ")}
          placeholder="nfs, rack-b"
          className={FIELD}
        />
        <span className="font-normal text-zinc-500">
          Open public incidents on hosts in these groups set the status.
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <button type="submit" disabled={isPending} className={PRIMARY_BUTTON}>
          {isPending ? "Saving…" : component ? "Save changes" : "Add component"}
        </button>
        <button type="button" onClick={props.onCancel} className={SECONDARY_BUTTON}>
          Cancel
        </button>
        {failure && (
          <p role="alert" className={ALERT}>
            {errorMessage(failure)}
          </p>
        )}
      </div>
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { KeyFields, type KeyKind, keyKindOf } from "./key-fields";
import { ALERT, FIELD, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON } from "./styles";
import type { Credential, InventoryHost } from "./types";

/** Adds a host, or edits one when `host` is given. The server checks every field again. */
export function HostForm(props: {
  host?: InventoryHost;
  credentials: Credential[];
  onDone: () => unknown;
  onCancel: () => void;
}) {
  const { host } = props;
  const trpc = useTRPC();
  const formId = useId();
  const [keyKind, setKeyKind] = useState<KeyKind>(keyKindOf(host));
  // Opening the form puts the cursor in its first field; Escape closes it.
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  const create = useMutation(trpc.inventory.create.mutationOptions({ onSuccess: props.onDone }));
  const update = useMutation(trpc.inventory.update.mutationOptions({ onSuccess: props.onDone }));
  const pending = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const identity =
      keyKind === "file"
        ? { kind: "file" as const, path: text("identityFile") }
        : keyKind === "credential"
          ? { kind: "credential" as const, credentialId: text("credentialId") }
          : { kind: "default" as const };
    const fields = {
      address: text("address"),
      port: Number(text("port") || "22"),
      user: text("user") || null,
      identity,
      groups: text("groups")
        .split(/[\s,]+/)
        .filter(Boolean),
    };
    if (host) update.mutate({ id: host.id, ...fields });
    else create.mutate({ name: text("name"), ...fields });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") props.onCancel();
  }

  return (
    <form
      onSubmit={handleSubmit}
      onKeyDown={handleKeyDown}
      aria-label={host ? `Edit ${host.name}` : "Add host"}
      className="grid gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4 sm:grid-cols-2 lg:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-950"
    >
      {!host && (
        <label className={LABEL}>
          Name
          <input name="name" ref={firstField} required placeholder="stor-01" className={FIELD} />
        </label>
      )}
      <label className={LABEL}>
        Address
        <input
          name="address"
          required
          ref={host ? firstField : undefined}
          defaultValue={host?.address}
          placeholder="stor-01.example.com or 192.0.2.10"
          className={FIELD}
        />
      </label>
      <label className={LABEL}>
        Port
        <input
          name="port"
          type="number"
          min={1}
          max={65535}
          defaultValue={host?.port ?? 22}
          className={FIELD}
        />
      </label>
      <label className={LABEL}>
        User
        <input
          name="user"
          defaultValue={host?.user ?? ""}
          placeholder="collector default"
          className={FIELD}
        />
      </label>
      <KeyFields
        keyKind={keyKind}
        onKeyKindChange={setKeyKind}
        host={host}
        credentials={props.credentials}
      />
      <label className={`${LABEL} sm:col-span-2 lg:col-span-1`}>
        Groups
        <input
          name="groups"
          defaultValue={host?.groups.join(", ")}
          placeholder="rack-b, nfs-clients"
          aria-describedby={`${formId}-groups`}
          className={FIELD}
        />
        <span id={`${formId}-groups`} className="font-normal text-zinc-500">
          Separated by commas or spaces.
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" disabled={pending} className={PRIMARY_BUTTON}>
          {pending ? "Saving…" : host ? "Save changes" : "Add host"}
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

"use client";

import { Card } from "@holmes/ui";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { ImportPreview } from "./import-preview";
import { ALERT, FIELD, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON } from "./styles";
import type { ImportFormat, ImportPlan } from "./types";

const FORMATS: Array<{ value: ImportFormat; label: string; placeholder: string }> = [
  {
    value: "ssh-config",
    label: "OpenSSH client config (~/.ssh/config)",
    placeholder:
      "Host stor-01\n    HostName 192.0.2.11\n    User holmes\n    IdentityFile ~/.ssh/holmes_ed25519",
  },
  {
    value: "ansible-ini",
    label: "Ansible inventory (INI)",
    placeholder: "[storage]\nstor-01 ansible_host=192.0.2.11 ansible_user=holmes",
  },
  {
    value: "ansible-yaml",
    label: "Ansible inventory (YAML)",
    placeholder:
      "all:\n  children:\n    storage:\n      hosts:\n        stor-01:\n          ansible_host: 192.0.2.11",
  },
  {
    value: "known-hosts",
    label: "known_hosts (pin host keys of listed hosts)",
    placeholder: "192.0.2.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA…",
  },
];

type Submitted = { format: ImportFormat; text: string };

/** Paste, preview what would change (with the lines that cannot be used), then apply. */
export function ImportPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<ImportFormat>("ssh-config");
  const [text, setText] = useState("");
  // The exact text previewed: Apply sends this, so what is applied is what was shown.
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const preview = useQuery({
    ...trpc.inventory.previewImport.queryOptions(submitted ?? skipToken),
    staleTime: 0,
  });
  const apply = useMutation(
    trpc.inventory.applyImport.mutationOptions({
      onSuccess: async () => {
        setSubmitted(null);
        setText("");
        await Promise.all([
          queryClient.invalidateQueries(trpc.inventory.list.pathFilter()),
          queryClient.invalidateQueries(trpc.host.list.pathFilter()),
        ]);
      },
    }),
  );

  function handlePreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply.reset();
    setSubmitted({ format, text });
  }

  function handleApply(plan: ImportPlan) {
    if (!submitted) return;
    const confirmed = [...plan.add, ...plan.update, ...plan.pin].map((host) => host.name);
    apply.mutate({ ...submitted, confirmed });
  }

  const chosen = FORMATS.find((f) => f.value === format) ?? FORMATS[0];
  return (
    <Card title="Import">
      <form onSubmit={handlePreview} aria-label="Import hosts" className="grid gap-3">
        <label className={LABEL}>
          Format
          <select
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as ImportFormat);
              setSubmitted(null);
            }}
            className={FIELD}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className={LABEL}>
          Text to import
          <textarea
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSubmitted(null);
            }}
            required
            rows={10}
            spellCheck={false}
            placeholder={chosen?.placeholder}
            className={`${FIELD} font-mono text-xs`}
          />
        </label>
        <div className="flex items-center gap-3">
          <button type="submit" disabled={preview.isFetching} className={SECONDARY_BUTTON}>
            {preview.isFetching ? "Reading…" : "Preview"}
          </button>
          <span className="text-xs text-zinc-500">Nothing changes until you apply.</span>
        </div>
      </form>
      {preview.error && (
        <p role="alert" className={`${ALERT} mt-4`}>
          {errorMessage(preview.error)}
        </p>
      )}
      {apply.data && (
        <p role="status" className="mt-4 text-sm text-emerald-700 dark:text-emerald-400">
          Imported: {apply.data.added.length} added, {apply.data.updated.length} updated
          {apply.data.pinned.length > 0 && `, ${apply.data.pinned.length} host keys pinned`}.
        </p>
      )}
      {submitted && preview.data && (
        <div className="mt-6 space-y-4">
          <ImportPreview plan={preview.data} />
          <ApplyBar plan={preview.data} isPending={apply.isPending} onApply={handleApply} />
          {apply.error && (
            <p role="alert" className={ALERT}>
              {errorMessage(apply.error)}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}

function ApplyBar(props: {
  plan: ImportPlan;
  isPending: boolean;
  onApply: (plan: ImportPlan) => void;
}) {
  const { add, update, pin } = props.plan;
  const parts = [
    add.length > 0 && `add ${add.length}`,
    update.length > 0 && `update ${update.length}`,
    pin.length > 0 && `pin ${pin.length} host ${pin.length === 1 ? "key" : "keys"}`,
  ].filter(Boolean);
  return (
    <button
      type="button"
      disabled={parts.length === 0 || props.isPending}
      onClick={() => props.onApply(props.plan)}
      className={PRIMARY_BUTTON}
    >
      {props.isPending
        ? "Applying…"
        : parts.length === 0
          ? "Nothing to apply"
          : `Apply: ${parts.join(", ")}`}
    </button>
  );
}

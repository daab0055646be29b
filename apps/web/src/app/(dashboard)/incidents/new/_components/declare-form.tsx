"use client";

import { DeclareIncidentInputSchema } from "@holmes/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useState } from "react";
import { z } from "zod";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { describedBy, Field, INPUT_CLASS } from "../../../_components/incidents/field";
import { HostPicker } from "../../../_components/incidents/host-picker";
import { fromLocalInput, incidentHref } from "../../../_components/incidents/incident-format";
import { SeverityPicker } from "../../../_components/incidents/severity-picker";

export type DeclareFormInitial = {
  title: string;
  severity: number | null;
  suggestedSeverity?: number;
  hostIds: string[];
  findingIds: string[];
  summary: string;
  fromFinding?: string;
};

type Errors = Partial<Record<"title" | "severity" | "startedAt" | "hostIds" | "summary", string>>;

export function DeclareForm(props: { initial: DeclareFormInitial }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [form, setForm] = useState({ ...props.initial, startedAt: "" });
  const [errors, setErrors] = useState<Errors>({});
  // Until React runs, a click would submit the raw HTML form and lose what was typed.
  const [isHydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const declare = useMutation(
    trpc.incident.declare.mutationOptions({
      onSuccess: async (incident) => {
        await queryClient.invalidateQueries(trpc.incident.list.pathFilter());
        router.push(incidentHref(incident.number));
      },
    }),
  );

  /** Editing a field clears its error: the message described the old value. */
  function change(patch: Partial<typeof form>) {
    setForm({ ...form, ...patch });
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch))),
    );
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = DeclareIncidentInputSchema.safeParse({
      title: form.title,
      severity: form.severity ?? undefined,
      startedAt: fromLocalInput(form.startedAt),
      hostIds: form.hostIds,
      findingIds: form.findingIds,
      summary: form.summary.trim() || undefined,
    });
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      setErrors({
        title: fields.title?.[0],
        severity: fields.severity ? "Choose a severity" : undefined,
        startedAt: fields.startedAt?.[0],
        summary: fields.summary?.[0],
      });
      return;
    }
    if (parsed.data.startedAt && parsed.data.startedAt.getTime() > Date.now() + 60_000) {
      setErrors({ startedAt: "The start cannot be in the future" });
      return;
    }
    setErrors({});
    declare.mutate(parsed.data);
  }

  const field = (name: keyof Errors, hint?: string) => ({
    id: `${id}-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": describedBy(`${id}-${name}`, { hint, error: errors[name] }),
  });
  const startHint = "Leave empty for now. Set it when the impact began before anyone noticed.";
  return (
    <form onSubmit={handleSubmit} noValidate className="max-w-3xl space-y-5">
      {props.initial.fromFinding ? (
        <p className="rounded-lg bg-sky-50 p-3 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100">
          Declaring from the finding <strong>{props.initial.fromFinding}</strong>: its host and the
          finding are linked, and its severity is suggested below.
        </p>
      ) : null}
      <Field id={`${id}-title`} label="Title" error={errors.title}>
        <input
          {...field("title")}
          value={form.title}
          onChange={(e) => change({ title: e.target.value })}
          // biome-ignore lint/a11y/noAutofocus: the page exists to fill this in, under pressure
          autoFocus
          placeholder="What is broken, where (e.g. md2 degraded on stor-a07)"
          className={INPUT_CLASS}
        />
      </Field>
      <SeverityPicker
        name={`${id}-severity`}
        value={form.severity}
        suggested={props.initial.suggestedSeverity}
        onChange={(severity) => change({ severity })}
        error={errors.severity}
      />
      <Field id={`${id}-startedAt`} label="Started at" hint={startHint} error={errors.startedAt}>
        <input
          {...field("startedAt", startHint)}
          type="datetime-local"
          value={form.startedAt}
          onChange={(e) => change({ startedAt: e.target.value })}
          className={`${INPUT_CLASS} max-w-64`}
        />
      </Field>
      <Field id={`${id}-hostIds`} label="Affected hosts" error={errors.hostIds}>
        <HostPicker
          id={`${id}-hostIds`}
          value={form.hostIds}
          onChange={(hostIds) => change({ hostIds })}
        />
      </Field>
      <Field id={`${id}-summary`} label="Summary (Markdown, internal)" error={errors.summary}>
        <textarea
          {...field("summary")}
          rows={5}
          value={form.summary}
          onChange={(e) => change({ summary: e.target.value })}
          className={`${INPUT_CLASS} font-mono`}
        />
      </Field>
      {declare.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Couldn't declare: {errorMessage(declare.error)}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={!isHydrated || declare.isPending}
        className="rounded-lg bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60 dark:bg-red-600"
      >
        {declare.isPending ? "Declaring…" : "Declare incident"}
      </button>
    </form>
  );
}

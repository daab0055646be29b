"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";

/** On a resolved incident: open its post-mortem, or (responders) draft one from its record. */
export function PostmortemDraftButton(props: { incidentId: string; canRespond: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const existing = useQuery(
    trpc.postmortem.forIncident.queryOptions({ incidentId: props.incidentId }),
  );
  const create = useMutation(
    trpc.postmortem.create.mutationOptions({
      onSuccess: (created) => router.push(`/postmortems/${created.id}`),
    }),
  );
  if (!existing.data) return null;
  if (existing.data.id) {
    return (
      <Link href={`/postmortems/${existing.data.id}`} className={BUTTON}>
        Open post-mortem
      </Link>
    );
  }
  if (!props.canRespond) return null;
  return (
    <span className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={create.isPending}
        onClick={() => create.mutate({ incidentId: props.incidentId })}
        className={BUTTON}
      >
        {create.isPending ? "Drafting…" : "Draft post-mortem"}
      </button>
      {create.error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {errorMessage(create.error)}
        </span>
      ) : null}
    </span>
  );
}

const BUTTON =
  "rounded-lg border border-sky-300 bg-sky-50 px-3 py-1.5 text-sm text-sky-900 hover:bg-sky-100 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100";

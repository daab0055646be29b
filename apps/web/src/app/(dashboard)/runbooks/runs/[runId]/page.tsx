import { hasRole } from "@holmes/core";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { caller, getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { RunPage } from "../../_components/run-page";

type Props = { params: Promise<{ runId: string }> };

export const metadata: Metadata = { title: "Runbook run" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function RunbookRunPage(props: Props) {
  const { runId } = await props.params;
  if (!UUID.test(runId)) notFound();
  const me = await caller.auth.me();
  try {
    await getQueryClient().fetchQuery(trpc.runbook.run.queryOptions({ runId }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <Suspense
        fallback={
          <div
            aria-busy="true"
            className="h-64 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900"
          />
        }
      >
        <RunPage
          runId={runId}
          me={me ? { id: me.id, canRespond: hasRole(me.role, "responder") } : null}
        />
      </Suspense>
    </HydrateClient>
  );
}

import { hasRole } from "@holmes/core";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Panel } from "~/components/panel";
import { caller, getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { runContextOf } from "../_components/run-context";
import { RunbookView } from "../_components/runbook-view";

type Props = {
  params: Promise<{ runbookId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Runbook" };

export default async function RunbookPage(props: Props) {
  const { runbookId } = await props.params;
  if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(runbookId)) notFound();
  const me = await caller.auth.me();
  const context = runContextOf(await props.searchParams);
  try {
    await getQueryClient().fetchQuery(trpc.runbook.byId.queryOptions({ runbookId }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  if (context.findingId) {
    prefetch(trpc.runbook.forFinding.queryOptions({ findingId: context.findingId }));
  }
  return (
    <HydrateClient>
      <Panel title="Runbook">
        <RunbookView
          runbookId={runbookId}
          context={context}
          canStart={me ? hasRole(me.role, "responder") : false}
          canEdit={me ? hasRole(me.role, "admin") : false}
        />
      </Panel>
    </HydrateClient>
  );
}

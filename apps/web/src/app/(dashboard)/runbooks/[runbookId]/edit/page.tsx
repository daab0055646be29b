import { PageHeader } from "@holmes/ui";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Panel } from "~/components/panel";
import { caller } from "~/trpc/server";
import { RunbookEditor } from "../../_components/runbook-editor";

type Props = { params: Promise<{ runbookId: string }> };

export const metadata: Metadata = { title: "Edit runbook" };

export default async function EditRunbookPage(props: Props) {
  const { runbookId } = await props.params;
  const me = await caller.auth.me();
  if (me?.role !== "admin") redirect(`/runbooks/${runbookId}`);
  if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(runbookId)) notFound();
  let detail: Awaited<ReturnType<typeof caller.runbook.byId>>;
  try {
    detail = await caller.runbook.byId({ runbookId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  // Shipped runbooks change through the repository, not here.
  if (detail.runbook.source.kind !== "custom" || detail.markdown === null) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${detail.runbook.title}`}
        description={`Version ${detail.runbook.source.version}; saving makes version ${detail.runbook.source.version + 1}.`}
      />
      <Panel title="Runbook editor">
        <RunbookEditor
          runbookId={runbookId}
          initialMarkdown={detail.markdown}
          version={detail.runbook.source.version}
        />
      </Panel>
    </>
  );
}

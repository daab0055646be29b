import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Panel } from "~/components/panel";
import { caller } from "~/trpc/server";
import { RunbookEditor } from "../_components/runbook-editor";
import { RUNBOOK_TEMPLATE } from "../_components/runbook-template";

export const metadata: Metadata = { title: "New runbook" };

export default async function NewRunbookPage() {
  const me = await caller.auth.me();
  if (me?.role !== "admin") redirect("/runbooks");
  return (
    <>
      <PageHeader
        title="New runbook"
        description="Markdown with YAML front matter; the format is the shipped runbooks' (see packages/runbooks/README.md). Every save is a new version."
      />
      <Panel title="Runbook editor">
        <RunbookEditor runbookId={null} initialMarkdown={RUNBOOK_TEMPLATE} version={null} />
      </Panel>
    </>
  );
}

import { hasRole } from "@holmes/core";
import { EmptyState, PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import { Panel } from "~/components/panel";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { DeclareIncident } from "./_components/declare-incident";

export const metadata: Metadata = { title: "Declare incident" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function DeclareIncidentPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await caller.auth.me();
  if (!me || !hasRole(me.role, "responder")) {
    return (
      <>
        <PageHeader title="Declare incident" />
        <EmptyState title="Only responders can declare incidents">
          Your account can read incidents. Ask an admin for the responder role if you are on call.
        </EmptyState>
      </>
    );
  }
  const finding = (await props.searchParams).finding;
  const findingId = typeof finding === "string" && UUID.test(finding) ? finding : null;
  prefetch(trpc.incident.severities.queryOptions());
  prefetch(trpc.host.list.queryOptions());
  if (findingId) prefetch(trpc.incident.draftFromFinding.queryOptions({ findingId }));
  return (
    <HydrateClient>
      <PageHeader
        title="Declare incident"
        description="Say what is wrong and how bad it is; you become the incident commander. Details can change later."
      />
      <Panel title="Declare incident">
        <DeclareIncident findingId={findingId} />
      </Panel>
    </HydrateClient>
  );
}

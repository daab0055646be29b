import { hasRole, parseFindingsFilter } from "@holmes/core";
import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import { Panel } from "~/components/panel";
import { toUrlSearchParams } from "~/lib/search-params";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { findingsInput } from "./_components/findings-input";
import { FindingsView } from "./_components/findings-view";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await caller.auth.me();
  const filter = parseFindingsFilter(toUrlSearchParams(await props.searchParams));
  prefetch(trpc.finding.rules.queryOptions());
  prefetch(trpc.finding.list.queryOptions(findingsInput(filter, 0)));
  return (
    <HydrateClient>
      <PageHeader
        title="Findings"
        description="Everything the rules found, with why it matters and the evidence. Acknowledge what you are handling."
      />
      <Panel title="Findings">
        <FindingsView canAcknowledge={me ? hasRole(me.role, "responder") : false} />
      </Panel>
    </HydrateClient>
  );
}

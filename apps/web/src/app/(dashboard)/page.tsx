import { hasRole, parseFleetFilter } from "@holmes/core";
import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import { Panel } from "~/components/panel";
import { PostmortemOverduePanel } from "~/components/postmortem-overdue-panel";
import { toUrlSearchParams } from "~/lib/search-params";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { FleetOverview } from "./_components/overview/fleet-overview";
import { OPEN_FINDINGS_INPUT, overviewInput } from "./_components/overview/overview-input";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await caller.auth.me();
  const filter = parseFleetFilter(toUrlSearchParams(await props.searchParams));
  prefetch(trpc.fleet.overview.queryOptions(overviewInput(filter)));
  prefetch(trpc.finding.rules.queryOptions());
  prefetch(trpc.finding.list.queryOptions(OPEN_FINDINGS_INPUT));
  prefetch(trpc.postmortem.actionItem.overdue.queryOptions({ limit: 10 }));
  return (
    <HydrateClient>
      <PageHeader
        title="Fleet"
        description="What is wrong, where, how bad and since when: every host by its worst open finding."
      />
      <Panel title="Fleet overview">
        <FleetOverview canAcknowledge={me ? hasRole(me.role, "responder") : false} />
      </Panel>
      <div className="mt-6">
        <Panel title="Overdue action items">
          <PostmortemOverduePanel />
        </Panel>
      </div>
    </HydrateClient>
  );
}

import { hasRole } from "@holmes/core";
import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { Panel } from "~/components/panel";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { CatalogueView } from "./_components/catalogue-view";
import { RecentRuns } from "./_components/recent-runs";
import { runContextOf } from "./_components/run-context";

export const metadata: Metadata = { title: "Runbooks" };

/** `/runbooks`, `/runbooks?finding=<id>` (runbooks for that finding), `?incident=<id>`. */
export default async function RunbooksPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await caller.auth.me();
  const context = runContextOf(await props.searchParams);
  prefetch(trpc.runbook.catalogue.queryOptions());
  if (context.findingId) {
    prefetch(trpc.runbook.forFinding.queryOptions({ findingId: context.findingId }));
  }
  const isAdmin = me ? hasRole(me.role, "admin") : false;
  return (
    <HydrateClient>
      <PageHeader
        title="Runbooks"
        description="Guided procedures whose steps are confirmed by live, read-only checks on the host. Destructive steps open only with fresh evidence, passing pre-checks and a second responder."
        actions={
          isAdmin ? (
            <Link
              href="/runbooks/new"
              className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
            >
              New runbook
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <Panel title="Runbook catalogue">
          <CatalogueView context={context} />
        </Panel>
        <Panel title="Recent runs">
          <RecentRuns />
        </Panel>
      </div>
    </HydrateClient>
  );
}

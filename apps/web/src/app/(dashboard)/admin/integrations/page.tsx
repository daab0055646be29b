import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Panel } from "~/components/panel";
import { caller, getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { DeliveryLogPanel } from "./_components/delivery-log-panel";
import { deliveryLogOptions } from "./_components/delivery-log-query";
import { IntakeTokensPanel } from "./_components/intake-tokens-panel";
import { WebhooksPanel } from "./_components/webhooks-panel";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const me = await caller.auth.me();
  if (me?.role !== "admin") redirect("/");
  prefetch(trpc.integrations.tokens.list.queryOptions());
  prefetch(trpc.integrations.webhooks.list.queryOptions());
  void getQueryClient().prefetchInfiniteQuery(deliveryLogOptions(trpc, undefined));
  return (
    <HydrateClient>
      <PageHeader
        title="Integrations"
        description="Alertmanager intake tokens, and the webhooks Holmes calls when an incident changes."
        actions={
          <Link href="/admin" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            Users and audit log →
          </Link>
        }
      />
      <div className="space-y-6">
        <Panel title="Intake tokens">
          <IntakeTokensPanel />
        </Panel>
        <Panel title="Webhooks">
          <WebhooksPanel />
        </Panel>
        <Panel title="Delivery log">
          <DeliveryLogPanel />
        </Panel>
      </div>
    </HydrateClient>
  );
}

import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import { Suspense } from "react";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { FleetHostTable } from "./_components/fleet/fleet-host-table";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage() {
  const me = await caller.auth.me();
  prefetch(trpc.host.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Fleet"
        description="Every host Holmes polls over SSH: collection status and md arrays that need attention."
      />
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading hosts…</p>}>
        <FleetHostTable canAcceptHostKeys={me?.role === "admin"} />
      </Suspense>
    </HydrateClient>
  );
}

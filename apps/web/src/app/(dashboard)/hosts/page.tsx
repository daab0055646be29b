import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import { Suspense } from "react";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { FleetHostTable } from "../_components/fleet/fleet-host-table";

export const metadata: Metadata = { title: "Host list" };

export default async function HostListPage() {
  const me = await caller.auth.me();
  prefetch(trpc.host.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Host list"
        description="Every host Holmes polls over SSH, with its collection status, SSH host key and md arrays."
      />
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading hosts…</p>}>
        <FleetHostTable canAcceptHostKeys={me?.role === "admin"} />
      </Suspense>
    </HydrateClient>
  );
}

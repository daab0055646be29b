import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { CredentialsPanel } from "./_components/credentials-panel";
import { GroupIntervalsPanel } from "./_components/group-intervals-panel";
import { HostsPanel } from "./_components/hosts-panel";
import { ImportPanel } from "./_components/import-panel";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage() {
  const me = await caller.auth.me();
  if (me?.role !== "admin") redirect("/");
  prefetch(trpc.inventory.list.queryOptions());
  prefetch(trpc.inventory.credentials.list.queryOptions());
  prefetch(trpc.inventory.groupIntervals.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Inventory"
        description="The hosts the collector polls, how it reaches them, and the keys it uses."
        actions={
          <Link href="/admin" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            Users and audit log →
          </Link>
        }
      />
      <div className="space-y-6">
        <Suspense fallback={<p className="text-sm text-zinc-500">Loading hosts…</p>}>
          <HostsPanel />
        </Suspense>
        <Suspense fallback={<p className="text-sm text-zinc-500">Loading group intervals…</p>}>
          <GroupIntervalsPanel />
        </Suspense>
        <ImportPanel />
        <Suspense fallback={<p className="text-sm text-zinc-500">Loading credentials…</p>}>
          <CredentialsPanel />
        </Suspense>
      </div>
    </HydrateClient>
  );
}

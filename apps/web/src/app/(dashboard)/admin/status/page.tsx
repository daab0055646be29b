import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Panel } from "~/components/panel";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { ComponentsPanel } from "./_components/components-panel";
import { SeveritiesPanel } from "./_components/severities-panel";

export const metadata: Metadata = { title: "Status page" };

export default async function AdminStatusPage() {
  const me = await caller.auth.me();
  if (me?.role !== "admin") redirect("/");
  prefetch(trpc.statusPage.components.list.queryOptions());
  prefetch(trpc.incident.severities.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Status page"
        description="What the public status page lists, and what each severity means."
        actions={
          <div className="flex gap-4 text-sm">
            <Link href="/status" className="text-sky-700 hover:underline dark:text-sky-400">
              Open the public page →
            </Link>
            <Link href="/admin" className="text-sky-700 hover:underline dark:text-sky-400">
              Users and audit log →
            </Link>
          </div>
        }
      />
      <div className="space-y-6">
        <Panel title="Components">
          <ComponentsPanel />
        </Panel>
        <Panel title="Severities">
          <SeveritiesPanel />
        </Panel>
      </div>
    </HydrateClient>
  );
}

import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { caller, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { AuditLogPanel } from "./_components/audit-log-panel";
import { UsersPanel } from "./_components/users-panel";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const me = await caller.auth.me();
  if (me?.role !== "admin") redirect("/");
  prefetch(trpc.admin.users.list.queryOptions());
  prefetch(trpc.admin.audit.list.queryOptions({ limit: 50 }));
  return (
    <HydrateClient>
      <PageHeader
        title="Admin"
        description="Users, roles and the audit log."
        actions={
          <div className="flex flex-wrap gap-4 text-sm">
            <Link
              href="/admin/inventory"
              className="text-sky-700 hover:underline dark:text-sky-400"
            >
              Host inventory and credentials →
            </Link>
            <Link href="/admin/status" className="text-sky-700 hover:underline dark:text-sky-400">
              Status page and severities →
            </Link>
            <Link
              href="/admin/integrations"
              className="text-sky-700 hover:underline dark:text-sky-400"
            >
              Alert intake and webhooks →
            </Link>
          </div>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Suspense fallback={<p className="text-sm text-zinc-500">Loading users…</p>}>
          <UsersPanel currentUserId={me.id} />
        </Suspense>
        <Suspense fallback={<p className="text-sm text-zinc-500">Loading the audit log…</p>}>
          <AuditLogPanel />
        </Suspense>
      </div>
    </HydrateClient>
  );
}

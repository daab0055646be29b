import { hasRole } from "@holmes/core";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { caller, getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { HostPage } from "./_components/host-page";
import { HostPageSkeleton } from "./_components/host-page-skeleton";

type Params = { params: Promise<{ hostName: string }> };

/** Links encode the name; a name with a stray `%` is taken as it is. */
function hostNameOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  return { title: hostNameOf((await props.params).hostName) };
}

export default async function HostDetailPage(props: Params) {
  const host = hostNameOf((await props.params).hostName);
  const me = await caller.auth.me();
  try {
    // Awaited rather than prefetched: an unknown host is a 404 page, not a broken panel.
    await getQueryClient().fetchQuery(trpc.host.byId.queryOptions({ host }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <Suspense fallback={<HostPageSkeleton />}>
        <HostPage host={host} canRespond={me ? hasRole(me.role, "responder") : false} />
      </Suspense>
    </HydrateClient>
  );
}

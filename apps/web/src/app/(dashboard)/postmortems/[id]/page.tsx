import { hasRole } from "@holmes/core";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { caller, getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { PostmortemEditor } from "./_components/postmortem-editor";

export const metadata: Metadata = { title: "Post-mortem" };

type Params = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PostmortemPage(props: Params) {
  const { id } = await props.params;
  if (!UUID.test(id)) notFound();
  const me = await caller.auth.me();
  if (!me) redirect("/sign-in");
  try {
    // Awaited rather than prefetched: an unknown id is a 404 page, not a broken panel.
    await getQueryClient().fetchQuery(trpc.postmortem.byId.queryOptions({ id }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <Suspense
        fallback={
          <div
            aria-busy="true"
            className="h-64 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900"
          />
        }
      >
        <PostmortemEditor id={id} userId={me.id} canRespond={hasRole(me.role, "responder")} />
      </Suspense>
    </HydrateClient>
  );
}

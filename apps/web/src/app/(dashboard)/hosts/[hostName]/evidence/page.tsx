import { hasRole } from "@holmes/core";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { caller, getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { hostNameOf } from "../_components/host-name";
import { EvidencePage } from "./_components/evidence-page";

type Params = { params: Promise<{ hostName: string }> };

export async function generateMetadata(props: Params): Promise<Metadata> {
  return { title: `Evidence · ${hostNameOf((await props.params).hostName)}` };
}

export default async function HostEvidencePage(props: Params) {
  const host = hostNameOf((await props.params).hostName);
  const me = await caller.auth.me();
  try {
    await getQueryClient().fetchQuery(trpc.evidence.list.queryOptions({ host }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <Suspense fallback={<p aria-busy="true">Loading the evidence vault…</p>}>
        <EvidencePage host={host} canRespond={me ? hasRole(me.role, "responder") : false} />
      </Suspense>
    </HydrateClient>
  );
}

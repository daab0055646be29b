import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { hostNameOf } from "../_components/host-name";
import { RecoverySheetView } from "./_components/recovery-sheet-view";
import "./print.css";

type Params = { params: Promise<{ hostName: string }> };

export async function generateMetadata(props: Params): Promise<Metadata> {
  return { title: `Recovery sheet · ${hostNameOf((await props.params).hostName)}` };
}

export default async function HostRecoveryPage(props: Params) {
  const host = hostNameOf((await props.params).hostName);
  try {
    await getQueryClient().fetchQuery(trpc.evidence.recoverySheet.queryOptions({ host }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <Suspense fallback={<p aria-busy="true">Loading the recovery sheet…</p>}>
        <RecoverySheetView host={host} />
      </Suspense>
    </HydrateClient>
  );
}

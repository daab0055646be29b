"use client";

import type { RouterOutputs } from "@holmes/api";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

export type HostView = RouterOutputs["host"]["byId"];

/** The collector polls every minute by default; the page looks again every 10 s. */
export const REFRESH_MS = 10_000;

/**
 * The host page's data. Every panel calls this (one shared query, refetched on an interval), so a
 * panel that fails to render fails inside its own boundary while the others keep their data.
 */
export function useHostView(host: string) {
  const trpc = useTRPC();
  return useSuspenseQuery({
    ...trpc.host.byId.queryOptions({ host }),
    refetchInterval: REFRESH_MS,
  });
}

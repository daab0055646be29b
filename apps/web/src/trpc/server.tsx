import "server-only";
import { appRouter, createCallerFactory, createTRPCContext } from "@holmes/api";
import {
  dehydrate,
  type FetchQueryOptions,
  HydrationBoundary,
  type QueryKey,
} from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { services } from "~/server/holmes";
import { createQueryClient } from "./query-client";

const createContext = cache(async () => {
  // Reading the request headers first also marks every page that calls tRPC as dynamic.
  const requestHeaders = new Headers(await headers());
  const { handle, auth, allowedOrigins, credentialsKey, timelineBroker, runbooksDirectory } =
    services();
  return createTRPCContext({
    headers: requestHeaders,
    db: handle.db,
    auth,
    allowedOrigins,
    credentialsKey,
    timelineBroker,
    runbooksDirectory,
  });
});

export const getQueryClient = cache(createQueryClient);

export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: createContext,
  queryClient: getQueryClient,
});

/** For server components that need data the client never refetches (e.g. the signed-in user). */
export const caller = createCallerFactory(appRouter)(createContext);

export function HydrateClient(props: { children: ReactNode }) {
  return (
    <HydrationBoundary state={dehydrate(getQueryClient())}>{props.children}</HydrationBoundary>
  );
}

/** Starts a query on the server; the client picks the result up through HydrateClient. */
export function prefetch<TQueryFnData, TError, TData, TQueryKey extends QueryKey>(
  options: FetchQueryOptions<TQueryFnData, TError, TData, TQueryKey>,
) {
  void getQueryClient().prefetchQuery(options);
}

import type { AppRouter } from "@holmes/api";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";

export const DELIVERY_PAGE_SIZE = 25;

/**
 * The delivery log's query, shared by the server prefetch and the client panel so both use the
 * same key. It refreshes every 10 s: retries happen in the background and the log should show them.
 */
export function deliveryLogOptions(
  trpc: TRPCOptionsProxy<AppRouter>,
  webhookId: string | undefined,
) {
  return trpc.integrations.webhooks.deliveries.infiniteQueryOptions(
    { webhookId, limit: DELIVERY_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor, refetchInterval: 10_000 },
  );
}

import { listFleetHosts } from "@holmes/db/queries/fleet";
import type { TRPCRouterRecord } from "@trpc/server";
import { viewerProcedure } from "../trpc";

export const hostRouter = {
  /** Every host with its collection status and md summary; the fleet list refreshes it. */
  list: viewerProcedure.query(({ ctx }) => listFleetHosts(ctx.db)),
} satisfies TRPCRouterRecord;

import { HOST_HEALTHS } from "@holmes/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { fleetOverview } from "../services/fleet-overview";
import { viewerProcedure } from "../trpc";

export const FleetOverviewInputSchema = z.object({
  groups: z.array(z.string().max(200)).max(50).optional(),
  healths: z.array(z.enum(HOST_HEALTHS)).optional(),
  ruleId: z.string().max(100).optional(),
  text: z.string().max(200).optional(),
});

export const fleetRouter = {
  /** Counts by health, the (filtered) host grid and the collectors' status. */
  overview: viewerProcedure
    .input(FleetOverviewInputSchema)
    .query(({ ctx, input }) => fleetOverview(ctx.db, input, new Date())),
} satisfies TRPCRouterRecord;

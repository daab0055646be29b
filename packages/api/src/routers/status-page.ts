import { AppError } from "@holmes/core";
import {
  publicIncidentByNumber,
  publicUpdateFeed,
  statusPageSummary,
} from "@holmes/db/queries/status-page";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "../trpc";
import {
  PublicFeedEntrySchema,
  PublicIncidentSchema,
  StatusSummarySchema,
} from "./status-page.schema";
import { statusComponentsRouter, statusSeveritiesRouter } from "./status-page-admin";

/** The public status page: no login, and every answer passes a strict public-only schema. */
const publicStatusRouter = {
  summary: publicProcedure
    .output(StatusSummarySchema)
    .query(({ ctx }) => statusPageSummary(ctx.db, new Date())),
  incident: publicProcedure
    .input(z.object({ number: z.number().int().min(1).max(2_147_483_647) }))
    .output(PublicIncidentSchema)
    .query(async ({ ctx, input }) => {
      const incident = await publicIncidentByNumber(ctx.db, input.number);
      // An incident without public updates does not exist as far as the public can tell.
      if (!incident) throw new AppError("NOT_FOUND", { userMessage: "No such incident." });
      return incident;
    }),
  feed: publicProcedure
    .output(z.array(PublicFeedEntrySchema))
    .query(({ ctx }) => publicUpdateFeed(ctx.db, new Date())),
} satisfies TRPCRouterRecord;

export const statusPageRouter = createTRPCRouter({
  ...publicStatusRouter,
  components: statusComponentsRouter,
  severities: statusSeveritiesRouter,
});

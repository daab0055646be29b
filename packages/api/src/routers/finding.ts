import { AcknowledgeFindingInputSchema, FINDING_SEVERITIES } from "@holmes/core";
import { acknowledgeFinding } from "@holmes/db/queries/findings";
import { listFindings } from "@holmes/db/queries/findings-list";
import { RULE_CATALOGUE } from "@holmes/findings";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { responderProcedure, viewerProcedure } from "../trpc";

export const FindingListInputSchema = z.object({
  state: z.enum(["unresolved", "open", "acknowledged", "resolved"]).default("unresolved"),
  severities: z.array(z.enum(FINDING_SEVERITIES)).optional(),
  hostName: z.string().max(253).optional(),
  ruleId: z.string().max(100).optional(),
  text: z.string().max(200).optional(),
  sort: z.enum(["severity", "lastSeen", "firstSeen", "host"]).default("severity"),
  limit: z.number().int().min(1).max(500).default(100),
  cursor: z.number().int().min(0).default(0),
});

export const findingRouter = {
  list: viewerProcedure.input(FindingListInputSchema).query(async ({ ctx, input }) => {
    const { cursor, ...filter } = input;
    const { items, total } = await listFindings(ctx.db, { ...filter, offset: cursor });
    const next = cursor + items.length;
    return { items, total, nextCursor: next < total ? next : null };
  }),
  /** The rule catalogue, for filters and for "why does Holmes say this". */
  rules: viewerProcedure.query(() => RULE_CATALOGUE),
  acknowledge: responderProcedure
    .meta({ auditTarget: "finding" })
    .input(AcknowledgeFindingInputSchema)
    .mutation(({ ctx, input }) =>
      acknowledgeFinding(ctx.db, {
        findingId: input.findingId,
        userId: ctx.user.id,
        note: input.note,
        until: input.until,
        now: new Date(),
      }),
    ),
} satisfies TRPCRouterRecord;

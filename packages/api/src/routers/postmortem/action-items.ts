import {
  ActionTargetKindSchema,
  CreateActionItemInputSchema,
  UpdateActionItemInputSchema,
} from "@holmes/core";
import {
  createActionItem,
  deleteActionItem,
  hostsMatchingTarget,
  listActionItems,
  refreshActionItemHosts,
  setActionItemHostDone,
  updateActionItem,
} from "@holmes/db/queries/postmortem-action-items";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { responderProcedure, viewerProcedure } from "../../trpc";

const IdSchema = z.object({ id: z.uuid() });

/** Today as a calendar day in UTC: due dates are days, and the fleet runs on UTC. */
const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * Action items of post-mortems. They stay editable after the document is approved: tracking
 * them to done is what the document asked for.
 */
export const actionItemRouter = {
  /** Open or in-progress items past their due day, oldest first: the dashboard's panel. */
  overdue: viewerProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(10) }).default({ limit: 10 }))
    .query(({ ctx, input }) =>
      listActionItems(ctx.db, { overdueBefore: todayUtc(), limit: input.limit }),
    ),
  /** How many hosts a condition matches now, before it is saved on an item. */
  previewTarget: viewerProcedure
    .input(z.object({ kind: ActionTargetKindSchema, value: z.string().trim().min(1).max(100) }))
    .query(async ({ ctx, input }) => {
      const matched = await hostsMatchingTarget(ctx.db, input);
      return { count: matched.length, sample: matched.slice(0, 10).map((h) => h.name) };
    }),
  create: responderProcedure
    .meta({ auditTarget: "action_item" })
    .input(CreateActionItemInputSchema)
    .mutation(({ ctx, input }) => createActionItem(ctx.db, input, ctx.user.id, new Date())),
  update: responderProcedure
    .meta({ auditTarget: "action_item" })
    .input(UpdateActionItemInputSchema)
    .mutation(({ ctx, input }) => updateActionItem(ctx.db, input, new Date())),
  delete: responderProcedure
    .meta({ auditTarget: "action_item" })
    .input(IdSchema)
    .mutation(({ ctx, input }) => deleteActionItem(ctx.db, input.id)),
  /** Re-evaluates the condition over the fleet as it is now. */
  refreshHosts: responderProcedure
    .meta({ auditTarget: "action_item" })
    .input(IdSchema)
    .mutation(({ ctx, input }) => refreshActionItemHosts(ctx.db, input.id, new Date())),
  setHostDone: responderProcedure
    .meta({ auditTarget: "action_item" })
    .input(IdSchema.extend({ hostId: z.uuid(), isDone: z.boolean() }))
    .mutation(({ ctx, input }) => setActionItemHostDone(ctx.db, input, ctx.user.id, new Date())),
} satisfies TRPCRouterRecord;

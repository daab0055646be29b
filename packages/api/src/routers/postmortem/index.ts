import {
  AppError,
  CreatePostmortemInputSchema,
  POSTMORTEM_STATUSES,
  PostmortemCommentInputSchema,
  UpdatePostmortemInputSchema,
} from "@holmes/core";
import {
  createPostmortemDraft,
  transitionPostmortem,
  updatePostmortem,
} from "@holmes/db/queries/postmortem-edit";
import {
  addPostmortemComment,
  listPostmortems,
  postmortemById,
  postmortemIdForIncident,
  searchLearning,
} from "@holmes/db/queries/postmortem-read";
import { similarIncidents } from "@holmes/db/queries/postmortem-similar";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { postmortemFileName, postmortemMarkdown } from "../../services/postmortem-markdown";
import { responderProcedure, viewerProcedure } from "../../trpc";
import { actionItemRouter } from "./action-items";

const IdSchema = z.object({ id: z.uuid() });
const TransitionSchema = IdSchema.extend({ expectedVersion: z.number().int().min(1) });

async function loadOrThrow(db: Parameters<typeof postmortemById>[0], id: string) {
  const postmortem = await postmortemById(db, id);
  if (!postmortem) throw new AppError("NOT_FOUND", { userMessage: "No such post-mortem." });
  return postmortem;
}

/**
 * Post-mortems. Reviewers are responders and admins; the author never approves their own
 * (queries/postmortem-edit.ts). Approved and published documents are read-only until reopened.
 */
export const postmortemRouter = {
  list: viewerProcedure
    .input(
      z.object({
        statuses: z.array(z.enum(POSTMORTEM_STATUSES)).optional(),
        text: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.number().int().min(0).default(0),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { cursor, ...filter } = input;
      const result = await listPostmortems(ctx.db, { ...filter, offset: cursor });
      const next = cursor + result.items.length;
      return { ...result, nextCursor: next < result.total ? next : null };
    }),
  byId: viewerProcedure.input(IdSchema).query(({ ctx, input }) => loadOrThrow(ctx.db, input.id)),
  /** The incident page's button: open the post-mortem if there is one, else offer a draft. */
  forIncident: viewerProcedure
    .input(z.object({ incidentId: z.uuid() }))
    .query(async ({ ctx, input }) => ({
      id: await postmortemIdForIncident(ctx.db, input.incidentId),
    })),
  create: responderProcedure
    .meta({ auditTarget: "postmortem" })
    .input(CreatePostmortemInputSchema)
    .mutation(({ ctx, input }) =>
      createPostmortemDraft(ctx.db, input.incidentId, ctx.user.id, new Date()),
    ),
  update: responderProcedure
    .meta({ auditTarget: "postmortem" })
    .input(UpdatePostmortemInputSchema)
    .mutation(({ ctx, input }) => updatePostmortem(ctx.db, input, ctx.user.id, new Date())),
  submit: responderProcedure
    .meta({ auditTarget: "postmortem" })
    .input(TransitionSchema)
    .mutation(({ ctx, input }) =>
      transitionPostmortem(ctx.db, { ...input, transition: "submit" }, ctx.user.id, new Date()),
    ),
  approve: responderProcedure
    .meta({ auditTarget: "postmortem" })
    .input(TransitionSchema)
    .mutation(({ ctx, input }) =>
      transitionPostmortem(ctx.db, { ...input, transition: "approve" }, ctx.user.id, new Date()),
    ),
  publish: responderProcedure
    .meta({ auditTarget: "postmortem" })
    .input(TransitionSchema)
    .mutation(({ ctx, input }) =>
      transitionPostmortem(ctx.db, { ...input, transition: "publish" }, ctx.user.id, new Date()),
    ),
  /** Back to draft, with the reason kept in the revisions and the audit log. */
  reopen: responderProcedure
    .meta({ auditTarget: "postmortem" })
    .input(TransitionSchema.extend({ reason: z.string().trim().min(3, "Say why").max(1_000) }))
    .mutation(({ ctx, input }) =>
      transitionPostmortem(
        ctx.db,
        { ...input, transition: "reopen", note: input.reason },
        ctx.user.id,
        new Date(),
      ),
    ),
  comment: responderProcedure
    .meta({ auditTarget: "postmortem" })
    .input(PostmortemCommentInputSchema)
    .mutation(({ ctx, input }) => addPostmortemComment(ctx.db, input, ctx.user.id, new Date())),
  exportMarkdown: viewerProcedure.input(IdSchema).query(async ({ ctx, input }) => {
    const postmortem = await loadOrThrow(ctx.db, input.id);
    return {
      fileName: postmortemFileName(postmortem.incident.number, postmortem.incident.title),
      markdown: postmortemMarkdown(postmortem),
    };
  }),
  search: viewerProcedure
    .input(
      z.object({
        text: z.string().trim().min(2).max(200),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    )
    .query(({ ctx, input }) => searchLearning(ctx.db, input.text, input.limit)),
  similar: viewerProcedure
    .input(z.object({ incidentId: z.uuid(), limit: z.number().int().min(1).max(50).default(10) }))
    .query(({ ctx, input }) => similarIncidents(ctx.db, input.incidentId, input.limit)),
  actionItem: actionItemRouter,
} satisfies TRPCRouterRecord;

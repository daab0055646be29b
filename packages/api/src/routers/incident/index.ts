import {
  AppError,
  DeclareIncidentInputSchema,
  INCIDENT_STATUSES,
  PostUpdateInputSchema,
  UpdateIncidentInputSchema,
} from "@holmes/core";
import { updateIncident } from "@holmes/db/queries/incident-edit";
import {
  incidentById,
  listIncidents,
  listSeverityDefinitions,
} from "@holmes/db/queries/incident-read";
import { incidentTimeline } from "@holmes/db/queries/incident-timeline";
import { declareIncident, postIncidentUpdate } from "@holmes/db/queries/incidents";
import { type TRPCRouterRecord, tracked } from "@trpc/server";
import { z } from "zod";
import { responderProcedure, viewerProcedure } from "../../trpc";
import { signalsFor } from "./live";
import { incidentViewProcedures } from "./views";

const IdSchema = z.object({ incidentId: z.uuid() });

export const incidentRouter = {
  ...incidentViewProcedures,
  list: viewerProcedure
    .input(
      z.object({
        statuses: z.array(z.enum(INCIDENT_STATUSES)).optional(),
        severities: z.array(z.number().int().min(1).max(4)).optional(),
        hostName: z.string().max(253).optional(),
        text: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.number().int().min(0).default(0),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { cursor, ...filter } = input;
      const result = await listIncidents(ctx.db, { ...filter, offset: cursor });
      const next = cursor + result.items.length;
      return { ...result, nextCursor: next < result.total ? next : null };
    }),
  byId: viewerProcedure.input(IdSchema).query(async ({ ctx, input }) => {
    const incident = await incidentById(ctx.db, input.incidentId);
    if (!incident) throw new AppError("NOT_FOUND", { userMessage: "No such incident." });
    return incident;
  }),
  severities: viewerProcedure.query(({ ctx }) => listSeverityDefinitions(ctx.db)),
  timeline: viewerProcedure
    .input(
      IdSchema.extend({
        filter: z.enum(["all", "human", "machine"]).default("all"),
        /** The newest `limit` entries (oldest first); page back with `before` = oldest shown. */
        limit: z.number().int().min(1).max(5_000).default(500),
        before: z.date().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const entries = await incidentTimeline(ctx.db, input.incidentId, input.filter, new Date(), {
        limit: input.limit,
        before: input.before,
      });
      if (!entries) throw new AppError("NOT_FOUND", { userMessage: "No such incident." });
      return entries;
    }),
  declare: responderProcedure
    .meta({ auditTarget: "incident" })
    .input(DeclareIncidentInputSchema)
    .mutation(({ ctx, input }) => declareIncident(ctx.db, input, ctx.user.id, new Date())),
  postUpdate: responderProcedure
    .meta({ auditTarget: "incident" })
    .input(PostUpdateInputSchema)
    .mutation(({ ctx, input }) => postIncidentUpdate(ctx.db, input, ctx.user.id, new Date())),
  update: responderProcedure
    .meta({ auditTarget: "incident" })
    .input(UpdateIncidentInputSchema)
    .mutation(({ ctx, input }) => updateIncident(ctx.db, input, ctx.user.id, new Date())),
  /**
   * Doorbells for one incident's timeline over SSE: each says "re-read". It opens with one, so a
   * browser that reconnects after a drop re-reads and catches up; nothing is lost or doubled
   * because the timeline query, not the stream, is the record.
   */
  onTimeline: viewerProcedure.input(IdSchema).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const incident = await incidentById(ctx.db, input.incidentId);
    if (!incident) throw new AppError("NOT_FOUND", { userMessage: "No such incident." });
    if (!ctx.timelineBroker) {
      throw new AppError("INTERNAL", { message: "no timeline broker in this context" });
    }
    const broker = await ctx.timelineBroker();
    const hostIds = new Set(incident.hosts.map((h) => h.id));
    yield tracked("sync", { reason: "subscribed" as const });
    for await (const next of signalsFor(
      broker,
      (s) => (s.kind === "timeline" ? s.incidentId === input.incidentId : hostIds.has(s.hostId)),
      signal,
    )) {
      const id = next.kind === "timeline" ? `seq:${next.seq}` : `host:${Date.now()}`;
      yield tracked(id, { reason: next.kind });
    }
  }),
} satisfies TRPCRouterRecord;

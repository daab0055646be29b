import { AppError, suggestedSeverity } from "@holmes/core";
import {
  findingForDeclare,
  incidentIdByNumber,
  listAssignableUsers,
} from "@holmes/db/queries/incident-lookup";
import { incidentMonthlyMetrics, monthStartUtc } from "@holmes/db/queries/incident-metrics";
import { incidentById } from "@holmes/db/queries/incident-read";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { responderProcedure, viewerProcedure } from "../../trpc";

/** What the incident pages read besides the core record: by INC number, metrics, pickers. */
export const incidentViewProcedures = {
  byNumber: viewerProcedure
    .input(z.object({ number: z.number().int().min(1) }))
    .query(async ({ ctx, input }) => {
      const id = await incidentIdByNumber(ctx.db, input.number);
      const incident = id ? await incidentById(ctx.db, id) : null;
      if (!incident) {
        throw new AppError("NOT_FOUND", { userMessage: `There is no INC-${input.number}.` });
      }
      return incident;
    }),
  /** Per UTC month and severity, bucketed in SQL; the chart mappers fill empty months. */
  metrics: viewerProcedure
    .input(
      z.object({ months: z.number().int().min(1).max(36).default(12) }).default({ months: 12 }),
    )
    .query(async ({ ctx, input }) => {
      const now = new Date();
      const from = monthStartUtc(now, input.months - 1);
      const to = monthStartUtc(now, -1);
      return { from, to, buckets: await incidentMonthlyMetrics(ctx.db, { from, to }) };
    }),
  /** The declare form's pre-fill from a finding, with the severity it suggests. */
  draftFromFinding: responderProcedure
    .input(z.object({ findingId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const finding = await findingForDeclare(ctx.db, input.findingId);
      if (!finding) throw new AppError("NOT_FOUND", { userMessage: "No such finding." });
      return { ...finding, suggestedSeverity: suggestedSeverity(finding) };
    }),
  /** Who can be commander, scribe or communications lead. */
  assignableUsers: responderProcedure.query(({ ctx }) => listAssignableUsers(ctx.db)),
} satisfies TRPCRouterRecord;

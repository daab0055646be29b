import { AppError } from "@holmes/core";
import {
  customRunbookById,
  customRunbookHistory,
  saveCustomRunbook,
} from "@holmes/db/queries/runbook-custom";
import { abandonRun, findingForRun, listRunbookRuns } from "@holmes/db/queries/runbook-runs";
import {
  bindingsFromFinding,
  type FindingContext,
  type Runbook,
  runbooksForRule,
} from "@holmes/runbooks";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  loadCatalogue,
  runbookFromCatalogue,
  validateCustomRunbook,
} from "../../services/runbook-catalogue";
import {
  confirmGate,
  getRun,
  markStep,
  requestCheck,
  requestGate,
  startRun,
} from "../../services/runbook-runs";
import { adminProcedure, responderProcedure, viewerProcedure } from "../../trpc";
import {
  MarkStepInputSchema,
  RequestCheckInputSchema,
  RunbookIdSchema,
  RunIdSchema,
  RunListInputSchema,
  SaveCustomRunbookInputSchema,
  StartRunInputSchema,
  StepInputSchema,
} from "./runbook.schema";

/** What the catalogue lists per runbook: enough to choose, not the steps. */
function summaryOf(runbook: Runbook) {
  return {
    id: runbook.id,
    title: runbook.title,
    summary: runbook.summary,
    appliesTo: runbook.appliesTo,
    source: runbook.source,
    stepCount: runbook.steps.length,
    checkCount: runbook.steps.reduce((total, step) => total + step.checks.length, 0),
    destructiveCount: runbook.steps.filter((step) => step.destructive).length,
  };
}

export const runbookRouter = {
  catalogue: viewerProcedure.query(async ({ ctx }) => {
    const catalogue = await loadCatalogue(ctx.db, ctx.runbooksDirectory);
    return { runbooks: catalogue.runbooks.map(summaryOf), problems: catalogue.problems };
  }),
  byId: viewerProcedure.input(RunbookIdSchema).query(async ({ ctx, input }) => {
    const runbook = runbookFromCatalogue(
      await loadCatalogue(ctx.db, ctx.runbooksDirectory),
      input.runbookId,
    );
    const custom =
      runbook.source.kind === "custom" ? await customRunbookById(ctx.db, runbook.id) : null;
    const history = custom ? await customRunbookHistory(ctx.db, runbook.id) : [];
    return { runbook, markdown: custom?.markdown ?? null, history };
  }),
  /** The runbooks for a finding's rule, and the finding they would bind to. */
  forFinding: viewerProcedure
    .input(z.object({ findingId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const finding = await findingForRun(ctx.db, input.findingId);
      if (!finding) throw new AppError("NOT_FOUND", { userMessage: "No such finding." });
      const catalogue = await loadCatalogue(ctx.db, ctx.runbooksDirectory);
      const context = {
        hostName: finding.hostName,
        objectKind: finding.objectKind as FindingContext["objectKind"],
        objectName: finding.objectName,
        evidence: finding.evidence,
      };
      // What starting from this finding would fill in, so the form shows it before the start.
      const runbooks = runbooksForRule(catalogue.runbooks, finding.ruleId).map((runbook) => ({
        ...summaryOf(runbook),
        ...bindingsFromFinding(runbook, context),
      }));
      return {
        finding: {
          id: finding.id,
          ruleId: finding.ruleId,
          hostName: finding.hostName,
          title: finding.title,
        },
        runbooks,
      };
    }),
  saveCustom: adminProcedure
    .meta({ auditTarget: "runbook" })
    .input(SaveCustomRunbookInputSchema)
    .mutation(async ({ ctx, input }) => {
      const catalogue = await loadCatalogue(ctx.db, ctx.runbooksDirectory);
      const { runbook, contentHash } = validateCustomRunbook(
        input.markdown,
        catalogue,
        input.runbookId,
      );
      const version = await saveCustomRunbook(ctx.db, {
        id: runbook.id,
        title: runbook.title,
        markdown: input.markdown,
        contentHash,
        expectedVersion: input.expectedVersion,
        actorId: ctx.user.id,
        now: new Date(),
      });
      return { id: runbook.id, version };
    }),
  start: responderProcedure
    .meta({ auditTarget: "runbook_run" })
    .input(StartRunInputSchema)
    .mutation(async ({ ctx, input }) => {
      const catalogue = await loadCatalogue(ctx.db, ctx.runbooksDirectory);
      const id = await startRun(ctx.db, catalogue, ctx.user, input, new Date());
      return { id };
    }),
  run: viewerProcedure
    .input(RunIdSchema)
    .query(({ ctx, input }) => getRun(ctx.db, input.runId, new Date())),
  runs: viewerProcedure
    .input(RunListInputSchema)
    .query(({ ctx, input }) => listRunbookRuns(ctx.db, input)),
  markStep: responderProcedure
    .meta({ auditTarget: "runbook_run" })
    .input(MarkStepInputSchema)
    .mutation(async ({ ctx, input }) => {
      const run = await markStep(ctx.db, ctx.user, input, new Date());
      return { id: run.id, version: run.version, currentStep: run.currentStep, status: run.status };
    }),
  requestCheck: responderProcedure
    .meta({ auditTarget: "runbook_run" })
    .input(RequestCheckInputSchema)
    .mutation(async ({ ctx, input }) => {
      const checkRunId = await requestCheck(ctx.db, ctx.user, input, new Date());
      return { id: input.runId, checkRunId };
    }),
  requestGate: responderProcedure
    .meta({ auditTarget: "runbook_run" })
    .input(StepInputSchema)
    .mutation(({ ctx, input }) => requestGate(ctx.db, ctx.user, input, new Date())),
  confirmGate: responderProcedure
    .meta({ auditTarget: "runbook_run" })
    .input(StepInputSchema)
    .mutation(({ ctx, input }) => confirmGate(ctx.db, ctx.user, input, new Date())),
  abandon: responderProcedure
    .meta({ auditTarget: "runbook_run" })
    .input(RunIdSchema)
    .mutation(async ({ ctx, input }) => {
      await abandonRun(ctx.db, { runId: input.runId, actorId: ctx.user.id, now: new Date() });
      return { id: input.runId };
    }),
} satisfies TRPCRouterRecord;

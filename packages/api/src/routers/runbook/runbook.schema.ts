import { z } from "zod";

export const RunIdSchema = z.object({ runId: z.uuid() });
export const RunbookIdSchema = z.object({
  runbookId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/),
});

/** Variable values as typed; each is validated by its variable's kind on the server. */
const VariablesSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,40}$/),
  z.union([z.string().max(2_000), z.array(z.string().max(200)).max(64)]),
);

export const StartRunInputSchema = RunbookIdSchema.extend({
  findingId: z.uuid().optional(),
  incidentId: z.uuid().optional(),
  variables: VariablesSchema.optional(),
});

export const StepInputSchema = RunIdSchema.extend({
  stepIndex: z.number().int().min(0).max(500),
});

export const MarkStepInputSchema = StepInputSchema.extend({
  outcome: z.enum(["done", "skipped"]),
  note: z.string().max(4_000).default(""),
  /** The run version the page showed: a step marked meanwhile by someone else is refused. */
  expectedVersion: z.number().int().min(1),
});

export const RequestCheckInputSchema = StepInputSchema.extend({
  checkId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/),
});

export const RunListInputSchema = z.object({
  incidentId: z.uuid().optional(),
  findingId: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const SaveCustomRunbookInputSchema = z.object({
  /** null creates a runbook; otherwise the id being edited (its front matter must keep it). */
  runbookId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,80}$/)
    .nullable(),
  markdown: z.string().min(1).max(200_000),
  /** null to create; otherwise the version the editor loaded. */
  expectedVersion: z.number().int().min(1).nullable(),
});

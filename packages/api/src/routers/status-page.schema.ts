import { ComponentStatusSchema, IncidentStatusSchema } from "@holmes/core";
import { z } from "zod";

/*
 * What the public status page may show, and nothing else. Every object is strict: a field a query
 * adds by mistake (a host name, an author, an internal flag) fails output validation instead of
 * reaching an anonymous visitor.
 */

const ImpactSchema = ComponentStatusSchema.exclude(["operational"]);

export const PublicComponentSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  status: ComponentStatusSchema,
  isManual: z.boolean(),
});

export const PublicUpdateSchema = z.strictObject({
  id: z.uuid(),
  body: z.string(),
  statusChange: IncidentStatusSchema.nullable(),
  createdAt: z.date(),
});

export const PublicIncidentSchema = z.strictObject({
  number: z.number().int(),
  title: z.string(),
  status: IncidentStatusSchema,
  impact: ImpactSchema,
  startedAt: z.date(),
  resolvedAt: z.date().nullable(),
  components: z.array(z.string()),
  updates: z.array(PublicUpdateSchema),
});

export const StatusSummarySchema = z.strictObject({
  components: z.array(PublicComponentSchema),
  active: z.array(PublicIncidentSchema),
  history: z.array(PublicIncidentSchema),
});

export const PublicFeedEntrySchema = z.strictObject({
  id: z.uuid(),
  incidentNumber: z.number().int(),
  incidentTitle: z.string(),
  body: z.string(),
  statusChange: IncidentStatusSchema.nullable(),
  createdAt: z.date(),
});

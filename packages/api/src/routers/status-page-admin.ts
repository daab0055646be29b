import {
  ComponentStatusSchema,
  SeverityDefinitionInputSchema,
  StatusComponentEditSchema,
  StatusComponentFieldsSchema,
} from "@holmes/core";
import { updateSeverityDefinition } from "@holmes/db/queries/severity-definitions";
import {
  createComponent,
  deleteComponent,
  listComponentsForAdmin,
  reorderComponents,
  setComponentManualStatus,
  updateComponent,
} from "@holmes/db/queries/status-components";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { adminProcedure } from "../trpc";

const IdSchema = z.object({ id: z.uuid() });

/** Admin management of the status page's components; every mutation is audited by trpc.ts. */
export const statusComponentsRouter = {
  list: adminProcedure.query(({ ctx }) => listComponentsForAdmin(ctx.db)),
  create: adminProcedure
    .meta({ auditTarget: "statusComponent" })
    .input(StatusComponentFieldsSchema)
    .mutation(({ ctx, input }) => createComponent(ctx.db, input, ctx.user.id, new Date())),
  update: adminProcedure
    .meta({ auditTarget: "statusComponent" })
    .input(IdSchema.extend(StatusComponentEditSchema.shape))
    .mutation(({ ctx, input: { id, ...fields } }) =>
      updateComponent(ctx.db, id, fields, ctx.user.id, new Date()),
    ),
  delete: adminProcedure
    .meta({ auditTarget: "statusComponent" })
    .input(IdSchema)
    .mutation(({ ctx, input }) => deleteComponent(ctx.db, input.id)),
  reorder: adminProcedure
    .meta({ auditTarget: "statusComponent" })
    .input(z.object({ ids: z.array(z.uuid()).max(500) }))
    .mutation(({ ctx, input }) => reorderComponents(ctx.db, input.ids, ctx.user.id, new Date())),
  /** null hands the component back to its incidents. */
  setManualStatus: adminProcedure
    .meta({ auditTarget: "statusComponent" })
    .input(IdSchema.extend({ status: ComponentStatusSchema.nullable() }))
    .mutation(({ ctx, input }) =>
      setComponentManualStatus(ctx.db, input.id, input.status, ctx.user.id, new Date()),
    ),
} satisfies TRPCRouterRecord;

/** Viewers read severities through `incident.severities`; only admins reword them. */
export const statusSeveritiesRouter = {
  update: adminProcedure
    .meta({ auditTarget: "severity" })
    .input(SeverityDefinitionInputSchema)
    .mutation(({ ctx, input }) => updateSeverityDefinition(ctx.db, input, new Date())),
} satisfies TRPCRouterRecord;

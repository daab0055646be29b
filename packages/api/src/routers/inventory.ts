import {
  listGroupIntervalOverview,
  setGroupPollIntervals,
} from "@holmes/db/queries/group-intervals";
import type { HostSettings } from "@holmes/db/queries/inventory";
import {
  createInventoryHost,
  listInventoryHosts,
  setHostEnabled,
  updateInventoryHost,
} from "@holmes/db/queries/inventory";
import { CreateHostInputSchema, type HostFields, UpdateHostInputSchema } from "@holmes/inventory";
import type { TRPCRouterRecord } from "@trpc/server";
import { applyImport, previewImport } from "../services/inventory-import";
import { adminProcedure, createTRPCRouter } from "../trpc";
import {
  ApplyImportInputSchema,
  ImportInputSchema,
  SetEnabledInputSchema,
  SetGroupIntervalsInputSchema,
} from "./inventory.schema";
import { credentialsRouter } from "./inventory-credentials";

/** The form's key choice as the two columns it maps to. */
function toSettings(fields: HostFields): HostSettings {
  const { identity, ...rest } = fields;
  return {
    ...rest,
    identityFile: identity.kind === "file" ? identity.path : null,
    credentialId: identity.kind === "credential" ? identity.credentialId : null,
  };
}

const hostsRouter = {
  /** Every host with its key reference (a path or a credential's name, never a key). */
  list: adminProcedure.query(({ ctx }) => listInventoryHosts(ctx.db)),
  create: adminProcedure
    .meta({ auditTarget: "host" })
    .input(CreateHostInputSchema)
    .mutation(({ ctx, input }) =>
      createInventoryHost(ctx.db, { name: input.name, ...toSettings(input) }),
    ),
  update: adminProcedure
    .meta({ auditTarget: "host" })
    .input(UpdateHostInputSchema)
    .mutation(({ ctx, input }) => updateInventoryHost(ctx.db, input.id, toSettings(input))),
  setEnabled: adminProcedure
    .meta({ auditTarget: "host" })
    .input(SetEnabledInputSchema)
    .mutation(({ ctx, input }) => setHostEnabled(ctx.db, input.id, input.isEnabled)),
  /** A query, not a mutation: it writes nothing, so it is not audited. */
  previewImport: adminProcedure
    .input(ImportInputSchema)
    .query(({ ctx, input }) => previewImport(ctx.db, input)),
  applyImport: adminProcedure
    .meta({ auditTarget: "inventory" })
    .input(ApplyImportInputSchema)
    .mutation(({ ctx, input }) => applyImport(ctx.db, input)),
} satisfies TRPCRouterRecord;

/** How often each group's hosts are polled; a host in several groups takes the shortest. */
const groupIntervalsRouter = {
  list: adminProcedure.query(({ ctx }) => listGroupIntervalOverview(ctx.db)),
  set: adminProcedure
    .meta({ auditTarget: "group" })
    .input(SetGroupIntervalsInputSchema)
    .mutation(({ ctx, input }) => {
      const { group, ...setting } = input;
      return setGroupPollIntervals(ctx.db, group, setting, new Date());
    }),
} satisfies TRPCRouterRecord;

export const inventoryRouter = createTRPCRouter({
  ...hostsRouter,
  credentials: credentialsRouter,
  groupIntervals: groupIntervalsRouter,
});

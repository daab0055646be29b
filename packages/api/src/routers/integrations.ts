import {
  createIntakeToken,
  listIntakeTokens,
  revokeIntakeToken,
} from "@holmes/db/queries/intake-tokens";
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  setWebhookEnabled,
  updateWebhook,
} from "@holmes/db/queries/webhooks";
import type { TRPCRouterRecord } from "@trpc/server";
import { generateIntakeToken, generateWebhookSecret } from "../services/integration-secrets";
import { adminProcedure, createTRPCRouter } from "../trpc";
import {
  CreateIntakeTokenInputSchema,
  CreateWebhookInputSchema,
  IdInputSchema,
  SetWebhookEnabledInputSchema,
  UpdateWebhookInputSchema,
  WebhookDeliveriesInputSchema,
} from "./integrations.schema";

/**
 * Alert intake tokens: the plaintext is in `create`'s answer and nowhere else (the database keeps
 * its SHA-256; the audit log records only the input, which holds the name).
 */
const tokensRouter = {
  list: adminProcedure.query(({ ctx }) => listIntakeTokens(ctx.db)),
  create: adminProcedure
    .meta({ auditTarget: "intake_token" })
    .input(CreateIntakeTokenInputSchema)
    .mutation(async ({ ctx, input }) => {
      const { token, tokenSha256 } = generateIntakeToken();
      const created = await createIntakeToken(ctx.db, {
        name: input.name,
        tokenSha256,
        createdBy: ctx.user.id,
      });
      return { ...created, token };
    }),
  revoke: adminProcedure
    .meta({ auditTarget: "intake_token" })
    .input(IdInputSchema)
    .mutation(({ ctx, input }) => revokeIntakeToken(ctx.db, input.id, new Date())),
} satisfies TRPCRouterRecord;

/** Outbound webhooks: the HMAC secret is in `create`'s answer once, never listed. */
const webhooksRouter = {
  list: adminProcedure.query(({ ctx }) => listWebhooks(ctx.db)),
  create: adminProcedure
    .meta({ auditTarget: "webhook" })
    .input(CreateWebhookInputSchema)
    .mutation(async ({ ctx, input }) => {
      const secret = generateWebhookSecret();
      const created = await createWebhook(ctx.db, { ...input, secret, createdBy: ctx.user.id });
      return { ...created, secret };
    }),
  update: adminProcedure
    .meta({ auditTarget: "webhook" })
    .input(UpdateWebhookInputSchema)
    .mutation(({ ctx, input }) => updateWebhook(ctx.db, input)),
  setEnabled: adminProcedure
    .meta({ auditTarget: "webhook" })
    .input(SetWebhookEnabledInputSchema)
    .mutation(({ ctx, input }) => setWebhookEnabled(ctx.db, input.id, input.isEnabled)),
  delete: adminProcedure
    .meta({ auditTarget: "webhook" })
    .input(IdInputSchema)
    .mutation(({ ctx, input }) => deleteWebhook(ctx.db, input.id)),
  deliveries: adminProcedure
    .input(WebhookDeliveriesInputSchema)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.db, input)),
} satisfies TRPCRouterRecord;

export const integrationsRouter = createTRPCRouter({
  tokens: tokensRouter,
  webhooks: webhooksRouter,
});

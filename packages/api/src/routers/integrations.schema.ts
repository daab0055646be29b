import { z } from "zod";

const name = z.string().trim().min(1, "Give it a name").max(100);

/** Only http(s): a webhook is POSTed by the web process, never to a file or other scheme. */
export const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "Must be an http:// or https:// URL" })
  .max(2000);

export const CreateIntakeTokenInputSchema = z.object({ name });
export const IdInputSchema = z.object({ id: z.uuid() });

export const CreateWebhookInputSchema = z.object({ name, url: WebhookUrlSchema });
export const UpdateWebhookInputSchema = CreateWebhookInputSchema.extend({ id: z.uuid() });
export const SetWebhookEnabledInputSchema = z.object({ id: z.uuid(), isEnabled: z.boolean() });

export const WebhookDeliveriesInputSchema = z.object({
  webhookId: z.uuid().optional(),
  cursor: z.number().int().nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

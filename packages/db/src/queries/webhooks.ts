import { AppError } from "@holmes/core";
import { and, asc, count, desc, eq, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { incidents, webhookDeliveries, webhooks } from "../schema";

/** What may leave the database about a webhook: never its secret. */
const webhookSummary = {
  id: webhooks.id,
  name: webhooks.name,
  url: webhooks.url,
  isEnabled: webhooks.isEnabled,
  createdAt: webhooks.createdAt,
};

export type WebhookSummary = {
  id: string;
  name: string;
  url: string;
  isEnabled: boolean;
  createdAt: Date;
};

export async function listWebhooks(db: Database) {
  return db
    .select({
      ...webhookSummary,
      pending: count(sql`case when ${webhookDeliveries.status} = 'pending' then 1 end`),
      delivered: count(sql`case when ${webhookDeliveries.status} = 'delivered' then 1 end`),
      failed: count(sql`case when ${webhookDeliveries.status} = 'failed' then 1 end`),
    })
    .from(webhooks)
    .leftJoin(webhookDeliveries, eq(webhookDeliveries.webhookId, webhooks.id))
    .groupBy(webhooks.id)
    .orderBy(asc(webhooks.name));
}

/** Stores a webhook with the secret the caller generated (and shows the admin once). */
export async function createWebhook(
  db: Database,
  webhook: { name: string; url: string; secret: string; createdBy: string | null },
): Promise<WebhookSummary> {
  const [row] = await db.insert(webhooks).values(webhook).returning(webhookSummary);
  if (!row) throw new AppError("INTERNAL", { message: "webhook insert returned nothing" });
  return row;
}

export async function updateWebhook(
  db: Database,
  change: { id: string; name: string; url: string },
): Promise<WebhookSummary> {
  const [row] = await db
    .update(webhooks)
    .set({ name: change.name, url: change.url })
    .where(eq(webhooks.id, change.id))
    .returning(webhookSummary);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such webhook." });
  return row;
}

/**
 * Disabling also gives up on what is still queued: re-enabling a webhook days later should not
 * flood its channel with stale news.
 */
export async function setWebhookEnabled(
  db: Database,
  id: string,
  isEnabled: boolean,
): Promise<WebhookSummary> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({ isEnabled })
      .where(eq(webhooks.id, id))
      .returning(webhookSummary);
    if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such webhook." });
    if (!isEnabled) {
      await tx
        .update(webhookDeliveries)
        .set({ status: "failed", lastError: "webhook disabled before delivery" })
        .where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.status, "pending")));
    }
    return row;
  });
}

/** Deletes the webhook and, by cascade, its delivery log. */
export async function deleteWebhook(db: Database, id: string): Promise<{ id: string }> {
  const [row] = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such webhook." });
  return row;
}

/** The delivery log, newest first; the cursor is the last id seen. */
export async function listWebhookDeliveries(
  db: Database,
  args: { webhookId?: string; cursor?: number | null; limit: number },
) {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      webhookName: webhooks.name,
      event: webhookDeliveries.event,
      incidentId: webhookDeliveries.incidentId,
      incidentNumber: incidents.number,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .leftJoin(incidents, eq(incidents.id, webhookDeliveries.incidentId))
    .where(
      and(
        args.webhookId ? eq(webhookDeliveries.webhookId, args.webhookId) : undefined,
        args.cursor ? lt(webhookDeliveries.id, args.cursor) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(args.limit + 1);
  const items = rows.slice(0, args.limit);
  const nextCursor = rows.length > args.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor };
}

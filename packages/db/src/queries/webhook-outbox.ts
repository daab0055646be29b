import { buildWebhookPayload, type WebhookEvent, type WebhookPayload } from "@holmes/core";
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { type Incident, webhookDeliveries, webhooks } from "../schema";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * The transactional outbox: a delivery row per enabled webhook, written in the caller's
 * transaction, so a change and its notification commit or roll back together. The delivery
 * worker sends them later; nothing here waits on the network.
 */
export async function enqueueWebhookEvent(
  tx: Tx,
  event: WebhookEvent,
  incident: Incident,
  extra: Pick<WebhookPayload, "change" | "update"> = {},
): Promise<void> {
  const targets = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(eq(webhooks.isEnabled, true));
  if (targets.length === 0) return;
  const payload = buildWebhookPayload(event, incident, extra);
  await tx.insert(webhookDeliveries).values(
    targets.map((target) => ({
      webhookId: target.id,
      incidentId: incident.id,
      event,
      payload,
    })),
  );
}

/** A status change is "resolved" when it resolves, else a plain status change. */
export async function enqueueStatusChange(tx: Tx, before: Incident, after: Incident) {
  if (after.status === "resolved") {
    await enqueueWebhookEvent(tx, "incident.resolved", after, {
      change: { from: before.status, to: after.status },
    });
    return;
  }
  await enqueueWebhookEvent(tx, "incident.status_changed", after, {
    change: { from: before.status, to: after.status },
  });
}

import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { webhookDeliveries, webhooks } from "../schema";

export type ClaimedDelivery = {
  id: number;
  event: string;
  /** This attempt's number, counting from 1. */
  attempt: number;
  payload: Record<string, unknown>;
  url: string;
  /** The HMAC key: only the delivery worker reads it, to sign what it sends. */
  secret: string;
};

/**
 * Claims due deliveries for one worker. `FOR UPDATE SKIP LOCKED` lets several web processes
 * claim side by side without taking the same row; the claim then pushes `nextAttemptAt` out by a
 * lease and commits, so the network call happens outside any transaction, and a worker that dies
 * mid-send leaves the row to be retried when the lease runs out. The attempt counts at claim time,
 * so a delivery that keeps crashing its worker still runs out of attempts.
 */
export async function claimDueDeliveries(
  db: Database,
  args: { now: Date; limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, args.now),
          eq(webhooks.isEnabled, true),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
      .limit(args.limit)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((row) => row.id);
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: new Date(args.now.getTime() + args.leaseMs),
      })
      .where(inArray(webhookDeliveries.id, ids));
    return tx
      .select({
        id: webhookDeliveries.id,
        event: webhookDeliveries.event,
        attempt: webhookDeliveries.attempts,
        payload: webhookDeliveries.payload,
        url: webhooks.url,
        secret: webhooks.secret,
      })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(inArray(webhookDeliveries.id, ids))
      .orderBy(asc(webhookDeliveries.id));
  });
}

export type DeliveryOutcome =
  | { kind: "delivered"; statusCode: number }
  | { kind: "retry"; statusCode: number | null; error: string; nextAttemptAt: Date }
  | { kind: "failed"; statusCode: number | null; error: string };

/** Records one attempt's result; only a claimed (still pending) row is changed. */
export async function recordDeliveryOutcome(
  db: Database,
  id: number,
  outcome: DeliveryOutcome,
  now: Date,
): Promise<void> {
  const where = and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, "pending"));
  if (outcome.kind === "delivered") {
    await db
      .update(webhookDeliveries)
      .set({
        status: "delivered",
        lastStatusCode: outcome.statusCode,
        lastError: null,
        deliveredAt: now,
      })
      .where(where);
    return;
  }
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome.kind === "failed" ? "failed" : "pending",
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error.slice(0, 500),
      ...(outcome.kind === "retry" ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
    })
    .where(where);
}

import { createHmac, timingSafeEqual } from "node:crypto";
import type { DeliveryOutcome } from "@holmes/db/queries/webhook-delivery";

/** `X-Holmes-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed by the webhook secret>`. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** What a receiver does (and the tests do): recompute over the raw bytes, compare in constant time. */
export function verifyWebhookSignature(body: string, secret: string, header: string | null) {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Waits after attempt 1, 2, …: 30 s, 2 min, 10 min, 1 h, 1 h; the 6th failure gives up. */
const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 3_600_000];
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The delay before the next attempt after `attempt` failed, or null when it was the last. */
export function retryDelayMs(attempt: number): number | null {
  if (attempt >= MAX_DELIVERY_ATTEMPTS) return null;
  return RETRY_DELAYS_MS[Math.max(0, attempt - 1)] ?? null;
}

export type AttemptResult = { statusCode: number } | { error: string };

/** Any 2xx is delivered; anything else (other status, timeout, refused) is retried, then failed. */
export function deliveryOutcome(
  attempt: number,
  result: AttemptResult,
  now: Date,
): DeliveryOutcome {
  if ("statusCode" in result && result.statusCode >= 200 && result.statusCode < 300) {
    return { kind: "delivered", statusCode: result.statusCode };
  }
  const statusCode = "statusCode" in result ? result.statusCode : null;
  const error = "error" in result ? result.error : `HTTP ${result.statusCode}`;
  const delay = retryDelayMs(attempt);
  if (delay === null) return { kind: "failed", statusCode, error };
  return { kind: "retry", statusCode, error, nextAttemptAt: new Date(now.getTime() + delay) };
}

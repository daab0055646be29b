import type { Database } from "@holmes/db/client";
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  recordDeliveryOutcome,
} from "@holmes/db/queries/webhook-delivery";
import { type AttemptResult, deliveryOutcome, signWebhookBody } from "./webhook-signing";

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Longer than a send can take, so a live worker's claim never expires under it. */
const LEASE_MS = 60_000;
const BATCH = 20;

export type WebhookWorkerOptions = {
  db: Database;
  /** How often to look for due deliveries. */
  intervalMs?: number;
  timeoutMs?: number;
  /** Where failures of the worker itself (not of a receiver) are reported. */
  onError?: (error: unknown) => void;
};

/** POSTs one claimed delivery: the signed raw JSON, never following redirects. */
export async function sendDelivery(
  delivery: ClaimedDelivery,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<AttemptResult> {
  const body = JSON.stringify(delivery.payload);
  try {
    const response = await fetch(delivery.url, {
      method: "POST",
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Holmes-Webhooks/1",
        "x-holmes-event": delivery.event,
        "x-holmes-delivery": String(delivery.id),
        "x-holmes-signature": signWebhookBody(body, delivery.secret),
      },
    });
    // The body is not needed; cancelling frees the socket at once.
    await response.body?.cancel().catch(() => {});
    return { statusCode: response.status };
  } catch (error) {
    return { error: describeFetchError(error, timeoutMs) };
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no response within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}: ${error instanceof Error ? error.message : ""}`.trim();
  return error instanceof Error ? error.message : String(error);
}

/** One pass: claim what is due, send each, record each outcome. Returns how many were tried. */
export async function runDeliveryPass(
  db: Database,
  options: { now?: () => Date; timeoutMs?: number } = {},
): Promise<number> {
  const now = options.now ?? (() => new Date());
  const claimed = await claimDueDeliveries(db, { now: now(), limit: BATCH, leaseMs: LEASE_MS });
  await Promise.all(
    claimed.map(async (delivery) => {
      const result = await sendDelivery(delivery, options.timeoutMs);
      const at = now();
      await recordDeliveryOutcome(
        db,
        delivery.id,
        deliveryOutcome(delivery.attempt, result, at),
        at,
      );
    }),
  );
  return claimed.length;
}

export type WebhookWorker = { stop: () => Promise<void> };

/**
 * Polls for due deliveries until stopped. A full batch means more may be waiting, so the next
 * pass starts at once; a database error is reported and retried on the next tick.
 */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const intervalMs = options.intervalMs ?? 3_000;
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    let tried = 0;
    try {
      tried = await runDeliveryPass(options.db, { timeoutMs: options.timeoutMs });
    } catch (error) {
      options.onError?.(error);
    }
    // unref: a pending tick never keeps a finishing process (a test, a CLI) alive.
    if (!isStopped) timer = setTimeout(schedule, tried >= BATCH ? 0 : intervalMs).unref();
  };
  const schedule = () => {
    running = tick();
  };
  timer = setTimeout(schedule, 0).unref();
  return {
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

import "server-only";
import { startWebhookWorker, type WebhookWorker } from "@holmes/api";
import { services } from "./holmes";

// One worker per server process; dev hot reload and a second register() call reuse it.
const holder = globalThis as typeof globalThis & { holmesWebhookWorker?: WebhookWorker };

/**
 * Starts the outbound webhook delivery loop once. Several web processes may each run one: they
 * claim deliveries with SKIP LOCKED, so none is sent twice.
 */
export function ensureWebhookWorker(): WebhookWorker {
  holder.holmesWebhookWorker ??= startWebhookWorker({
    db: services().handle.db,
    onError: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`webhook worker: ${message}`);
    },
  });
  return holder.holmesWebhookWorker;
}

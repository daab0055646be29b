import { handleAlertmanagerRequest } from "@holmes/api";
import { services } from "~/server/holmes";

/**
 * Prometheus Alertmanager's webhook receiver. Authenticated by an intake token (not a session),
 * so it sits outside tRPC and its Origin check; the handler does the rest.
 */
export function POST(request: Request) {
  return handleAlertmanagerRequest(request, { db: services().handle.db });
}

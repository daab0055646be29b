import { AlertmanagerPayloadSchema } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { receiveAlertmanagerPayload } from "@holmes/db/queries/alert-intake";
import { findActiveIntakeToken } from "@holmes/db/queries/intake-tokens";
import type { z } from "zod";
import { hashIntakeToken } from "./integration-secrets";

/** Alertmanager batches a whole group into one post; 1 MB is thousands of alerts. */
export const MAX_ALERTMANAGER_BODY_BYTES = 1024 * 1024;

export type AlertmanagerReceiverDeps = {
  db: Database;
  now?: () => Date;
  /** One line per refused payload; never given the token. */
  log?: (line: string) => void;
};

/**
 * `POST /api/alertmanager`: bearer token → size limit → JSON → payload schema → one transaction.
 * Every refusal is a JSON `{ error }` with the status Alertmanager understands: 4xx are not
 * retried (the payload will not get better), a 5xx is.
 */
export async function handleAlertmanagerRequest(
  request: Request,
  deps: AlertmanagerReceiverDeps,
): Promise<Response> {
  const log = deps.log ?? ((line: string) => console.warn(line));
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) {
    return json(
      401,
      { error: "Missing bearer token (Authorization: Bearer <intake token>)." },
      CHALLENGE,
    );
  }
  const intakeToken = await findActiveIntakeToken(deps.db, hashIntakeToken(token));
  if (!intakeToken) {
    log("alertmanager intake: refused a request with an unknown or revoked token");
    return json(401, { error: "Unknown or revoked intake token." }, CHALLENGE);
  }
  const body = await readLimited(request, MAX_ALERTMANAGER_BODY_BYTES);
  if (body === null) {
    log(`alertmanager intake (token "${intakeToken.name}"): body over 1 MB refused`);
    return json(413, { error: "Payload larger than 1 MB: lower max_alerts in the receiver." });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    log(`alertmanager intake (token "${intakeToken.name}"): body is not JSON`);
    return json(400, { error: "The body is not valid JSON." });
  }
  const parsed = AlertmanagerPayloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues);
    log(
      `alertmanager intake (token "${intakeToken.name}"): invalid payload, nothing recorded: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    );
    const first = issues[0];
    return json(400, {
      error: `Invalid Alertmanager payload: ${first?.path ?? "(body)"}: ${first?.message ?? "invalid"}`,
      issues,
    });
  }
  try {
    const result = await receiveAlertmanagerPayload(deps.db, parsed.data, {
      tokenId: intakeToken.id,
      now: deps.now?.() ?? new Date(),
    });
    return json(200, result);
  } catch (error) {
    // Rolled back whole; Alertmanager retries a 5xx, so the notification is not lost.
    log(`alertmanager intake failed: ${error instanceof Error ? error.message : String(error)}`);
    return json(500, { error: "The alert could not be recorded; Alertmanager will retry." });
  }
}

function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

function describeIssues(issues: z.core.$ZodIssue[]) {
  return issues.slice(0, 10).map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join(".") : "(body)",
    message: issue.message,
  }));
}

/** The body as text, or null past `limit` bytes; a lying or missing Content-Length is no help. */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const CHALLENGE = { "www-authenticate": 'Bearer realm="holmes-alert-intake"' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });
}

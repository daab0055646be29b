import type { AppErrorCode } from "@holmes/core";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

const TRPC_CODES: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

export function toTrpcCode(code: AppErrorCode): TRPC_ERROR_CODE_KEY {
  return TRPC_CODES[code];
}

const SECRET_KEY = /pass(word)?|secret|token|private|key$/i;

/** A copy of a mutation's input fit for the audit log: secret-looking fields are replaced. */
export function redactSecrets(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) return { value: redactValue(value) };
  return redactValue(value) as Record<string, unknown>;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) ? "[redacted]" : redactValue(inner),
      ]),
    );
  }
  return value;
}

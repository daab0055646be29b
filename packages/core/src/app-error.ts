/**
 * Domain errors raised below the API layer (db queries, services). The API's error formatter maps
 * each code to a tRPC code; `userMessage` is safe to show in the browser, `message` is for logs.
 */
export const APP_ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "TOO_MANY_REQUESTS",
  "INTERNAL",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type AppErrorOptions = {
  message?: string;
  userMessage?: string;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;

  constructor(code: AppErrorCode, options: AppErrorOptions = {}) {
    const message = options.message ?? options.userMessage ?? code;
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = options.userMessage ?? message;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

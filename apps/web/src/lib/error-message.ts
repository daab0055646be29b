import { TRPCClientError } from "@trpc/client";

/** The user-facing sentence for a failed call: the server's own message when it sent one. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as
      | {
          appError?: { userMessage?: string } | null;
          zodError?: { fieldErrors?: Record<string, string[]> } | null;
        }
      | undefined;
    if (data?.appError?.userMessage) return data.appError.userMessage;
    const fields = data?.zodError?.fieldErrors;
    if (fields) {
      const first = Object.entries(fields).find(([, messages]) => messages.length > 0);
      if (first) return `${first[0]}: ${first[1][0]}`;
    }
    return error.message;
  }
  return "Something went wrong. Try again.";
}

import "server-only";
import { type Auth, createAuth } from "@holmes/api/auth";
import { createDb, type DbHandle } from "@holmes/db/client";
import { startTimelineBroker, type TimelineBroker } from "@holmes/db/live";
import { env } from "~/env";
import { runbooksDirectory } from "./runbooks-directory";

type Services = {
  handle: DbHandle;
  auth: Auth;
  allowedOrigins: string[];
  credentialsKey: string | undefined;
  /** Started on first subscription: pages that never go live never hold a LISTEN connection. */
  timelineBroker: () => Promise<TimelineBroker>;
  runbooksDirectory: string | undefined;
};

// One pool and one auth instance per server process; dev hot reload keeps them on globalThis.
const holder = globalThis as typeof globalThis & { holmesServices?: Services };

export function services(): Services {
  if (!holder.holmesServices) {
    const handle = createDb({ url: env.DATABASE_URL, max: 10, applicationName: "holmes-web" });
    const auth = createAuth({
      db: handle.db,
      secret: env.HOLMES_AUTH_SECRET,
      baseUrl: env.HOLMES_PUBLIC_URL,
    });
    holder.holmesServices = {
      handle,
      auth,
      allowedOrigins: [new URL(env.HOLMES_PUBLIC_URL).origin],
      credentialsKey: env.HOLMES_CREDENTIALS_KEY,
      timelineBroker: memoize(() =>
        startTimelineBroker(handle, { pollMs: env.HOLMES_LIVE_POLL_MS, useListen: true }),
      ),
      runbooksDirectory: runbooksDirectory(env.HOLMES_RUNBOOKS_DIR),
    };
  }
  return holder.holmesServices;
}

function memoize<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => {
    started ??= start().catch((error: unknown) => {
      started = undefined;
      throw error;
    });
    return started;
  };
}

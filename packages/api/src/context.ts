import { isRole, type Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import type { TimelineBroker } from "@holmes/db/live";
import type { Auth } from "./auth";

export type SessionUser = { id: string; email: string; name: string; role: Role };

export type Context = {
  db: Database;
  auth: Auth;
  user: SessionUser | null;
  /**
   * The Origin of an HTTP request and the origins allowed to mutate. Undefined for in-process
   * callers (server components, tests), which cannot be forged cross-site.
   */
  origin?: { requestOrigin: string | null; allowedOrigins: string[] };
  /** HOLMES_CREDENTIALS_KEY: seals uploaded private keys. Unset: uploads are refused. */
  credentialsKey?: string;
  /** The live timeline's doorbells; absent for callers that never subscribe. */
  timelineBroker?: () => Promise<TimelineBroker>;
  /** Where the shipped runbooks are read (HOLMES_RUNBOOKS_DIR); absent: the repository's. */
  runbooksDirectory?: string;
};

/** For tests and server-side callers: the context with a known user and no HTTP request. */
export function createContextInner(opts: {
  db: Database;
  auth: Auth;
  user: SessionUser | null;
  credentialsKey?: string;
  timelineBroker?: () => Promise<TimelineBroker>;
  runbooksDirectory?: string;
}): Context {
  return {
    db: opts.db,
    auth: opts.auth,
    user: opts.user,
    credentialsKey: opts.credentialsKey,
    timelineBroker: opts.timelineBroker,
    runbooksDirectory: opts.runbooksDirectory,
  };
}

export type CreateContextOptions = {
  headers: Headers;
  db: Database;
  auth: Auth;
  allowedOrigins: string[];
  credentialsKey?: string;
  timelineBroker?: () => Promise<TimelineBroker>;
  runbooksDirectory?: string;
};

/** The context of an HTTP request: the session is read from the request's cookie. */
export async function createTRPCContext(opts: CreateContextOptions): Promise<Context> {
  const session = await opts.auth.api.getSession({ headers: opts.headers });
  return {
    db: opts.db,
    auth: opts.auth,
    user: toSessionUser(session?.user),
    origin: { requestOrigin: opts.headers.get("origin"), allowedOrigins: opts.allowedOrigins },
    credentialsKey: opts.credentialsKey,
    timelineBroker: opts.timelineBroker,
    runbooksDirectory: opts.runbooksDirectory,
  };
}

type AuthUser = {
  id: string;
  email: string;
  name: string;
  role?: string | null;
  banned?: boolean | null;
};

function toSessionUser(user: AuthUser | undefined): SessionUser | null {
  if (!user || user.banned) return null;
  // An unknown role string grants nothing rather than something.
  if (!isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

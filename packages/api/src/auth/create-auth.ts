import type { Database } from "@holmes/db/client";
import * as schema from "@holmes/db/schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";

// Holmes' three roles as better-auth roles. Only admins hold better-auth's user-management
// permissions; what viewers and responders may do is decided by the tRPC procedure builders.
const accessControl = createAccessControl(defaultStatements);
const roles = {
  viewer: accessControl.newRole({ user: [], session: [] }),
  responder: accessControl.newRole({ user: [], session: [] }),
  admin: adminAc,
};

export type AuthOptions = {
  db: Database;
  /** At least 32 characters; signs session cookies. */
  secret: string;
  /** Where browsers reach Holmes, e.g. http://localhost:3000. */
  baseUrl: string;
  /** Sign-in attempts allowed per client address per minute. */
  signInPerMinute?: number;
};

/**
 * better-auth with its drizzle adapter: email + password (scrypt, memory-hard), sessions in
 * Postgres behind httpOnly SameSite=Lax cookies, no self sign-up (admins create users), and
 * database-backed rate limits so every web process counts the same attempts.
 */
export function createAuth(options: AuthOptions) {
  return betterAuth({
    appName: "Holmes",
    secret: options.secret,
    baseURL: options.baseUrl,
    trustedOrigins: [new URL(options.baseUrl).origin],
    database: drizzleAdapter(options.db, {
      provider: "pg",
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
        rateLimit: schema.rateLimits,
      },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12 },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: options.signInPerMinute ?? 10 },
      },
    },
    advanced: {
      cookiePrefix: "holmes",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [admin({ ac: accessControl, roles, defaultRole: "viewer", adminRoles: ["admin"] })],
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

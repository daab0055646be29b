import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { type Auth, createAuth } from "./auth";
import { type Context, createContextInner, type SessionUser } from "./context";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

export const TEST_BASE_URL = "http://localhost:3000";

export function createTestAuth(db: Database, signInPerMinute = 10): Auth {
  return createAuth({
    db,
    secret: "test-secret-test-secret-test-secret!",
    baseUrl: TEST_BASE_URL,
    signInPerMinute,
  });
}

export function fakeUser(role: Role): SessionUser {
  return { id: `user-${role}`, email: `${role}@holmes.test`, name: `Test ${role}`, role };
}

const createCaller = createCallerFactory(appRouter);

/** A server-side caller acting as `role` (or anonymous for null). */
export function callerFor(
  db: Database,
  auth: Auth,
  role: Role | null,
  overrides: Partial<Context> = {},
) {
  const ctx = {
    ...createContextInner({ db, auth, user: role ? fakeUser(role) : null }),
    ...overrides,
  };
  return createCaller(ctx);
}

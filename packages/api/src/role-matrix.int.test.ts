import { AUDIENCES, type Audience, hasRole, ROLES, type Role } from "@holmes/core";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { callerFor, createTestAuth } from "./testing";

type AnyProcedure = { _def: { meta?: { audience?: Audience }; type: string } };
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
);

/** Calls `path` on a caller with no input and returns the tRPC error code, or "OK". */
async function outcome(caller: unknown, path: string): Promise<string> {
  const fn = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    const result = await (fn as (input?: unknown) => Promise<unknown>)(undefined);
    if (result && typeof result === "object" && Symbol.asyncIterator in result) {
      await (result as unknown as AsyncIterator<unknown>).return?.();
    }
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `THREW ${String(error)}`;
  }
}

describe("every procedure states its audience", () => {
  it.each(procedures)("%s", (_path, procedure) => {
    expect(AUDIENCES).toContain(procedure._def.meta?.audience);
  });
});

describe("the evidence vault has no write path", () => {
  it("offers no evidence mutation but captureNow anywhere in the router", () => {
    const mutations = procedures
      .filter(([path, procedure]) => procedure._def.type === "mutation" && /evidence/i.test(path))
      .map(([path]) => path);
    expect(mutations).toEqual(["evidence.captureNow"]);
  });
});

describe.each(testDatabaseKinds())("role matrix on %s", (kind) => {
  const database = useTestDatabase(kind);
  const callers: Array<Role | null> = [null, ...ROLES];

  it.each(procedures)(
    "%s admits exactly the roles at or above its level",
    async (path, procedure) => {
      const { db } = database();
      const auth = createTestAuth(db);
      const audience = procedure._def.meta?.audience ?? "admin";
      for (const role of callers) {
        const code = await outcome(callerFor(db, auth, role), path);
        const label = `${path} as ${role ?? "anonymous"}`;
        if (audience === "public" || (role && hasRole(role, audience))) {
          expect([label, code]).not.toEqual([label, "UNAUTHORIZED"]);
          expect([label, code]).not.toEqual([label, "FORBIDDEN"]);
        } else {
          expect([label, code]).toEqual([label, role ? "FORBIDDEN" : "UNAUTHORIZED"]);
        }
      }
    },
  );
});

import { listAudit } from "@holmes/db/queries/audit";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createTRPCContext } from "../context";
import { appRouter } from "../root";
import { callerFor, createTestAuth, TEST_BASE_URL } from "../testing";
import { createCallerFactory } from "../trpc";
import { createUserAccount } from "./users";

const PASSWORD = "correct horse battery staple";

function signInRequest(email: string, password: string, ip = "203.0.113.7") {
  return new Request(`${TEST_BASE_URL}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_BASE_URL, "x-forwarded-for": ip },
    body: JSON.stringify({ email, password }),
  });
}

describe.each(testDatabaseKinds())("auth on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("signs in with the right password and sets an httpOnly SameSite session cookie", async () => {
    const auth = createTestAuth(database().db);
    await createUserAccount(auth, {
      email: "ana@holmes.test",
      name: "Ana",
      role: "responder",
      password: PASSWORD,
    });
    const response = await auth.handler(signInRequest("ana@holmes.test", PASSWORD));
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/holmes\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const headers = new Headers({ cookie: cookie.split(";")[0] ?? "", origin: TEST_BASE_URL });
    const ctx = await createTRPCContext({
      headers,
      db: database().db,
      auth,
      allowedOrigins: [TEST_BASE_URL],
    });
    expect(ctx.user).toMatchObject({ email: "ana@holmes.test", role: "responder" });
  });

  it("refuses a wrong password", async () => {
    const auth = createTestAuth(database().db);
    await createUserAccount(auth, {
      email: "ben@holmes.test",
      name: "Ben",
      role: "viewer",
      password: PASSWORD,
    });
    const response = await auth.handler(
      signInRequest("ben@holmes.test", "not the password at all", "203.0.113.8"),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/session_token=[^;]+/);
  });

  it("rate-limits sign-in attempts per client address", async () => {
    const auth = createTestAuth(database().db, 3);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await auth.handler(
        signInRequest("nobody@holmes.test", "wrong password!!", "198.51.100.9"),
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 3).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Another address is not affected.
    const other = await auth.handler(
      signInRequest("nobody@holmes.test", "wrong password!!", "198.51.100.10"),
    );
    expect(other.status).toBe(401);
  });

  it("stores a memory-hard hash, never the password", async () => {
    const { db, sql } = database();
    const auth = createTestAuth(db);
    await createUserAccount(auth, {
      email: "cy@holmes.test",
      name: "Cy",
      role: "viewer",
      password: PASSWORD,
    });
    const rows =
      await sql`select a.password from accounts a join users u on u.id = a.user_id where u.email = 'cy@holmes.test'`;
    const hash = String(rows[0]?.password);
    expect(hash).not.toContain(PASSWORD);
    // better-auth's default is scrypt: "<salt hex>:<key hex>".
    expect(hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });

  it("a disabled user can no longer sign in and loses open sessions", async () => {
    const { db } = database();
    const auth = createTestAuth(db);
    const { id } = await createUserAccount(auth, {
      email: "dee@holmes.test",
      name: "Dee",
      role: "responder",
      password: PASSWORD,
    });
    const first = await auth.handler(signInRequest("dee@holmes.test", PASSWORD, "203.0.113.20"));
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    await callerFor(db, auth, "admin").admin.users.setDisabled({ userId: id, disabled: true });

    const headers = new Headers({ cookie });
    const ctx = await createTRPCContext({ headers, db, auth, allowedOrigins: [TEST_BASE_URL] });
    expect(ctx.user).toBeNull();
    const again = await auth.handler(signInRequest("dee@holmes.test", PASSWORD, "203.0.113.21"));
    expect(again.status).toBeGreaterThanOrEqual(400);
  });

  it("refuses a mutation from another origin but serves queries", async () => {
    const { db } = database();
    const auth = createTestAuth(db);
    const caller = callerFor(db, auth, "admin", {
      origin: { requestOrigin: "https://evil.example", allowedOrigins: [TEST_BASE_URL] },
    });
    await expect(caller.admin.users.list()).resolves.toBeInstanceOf(Array);
    const attempt = caller.admin.users.create({
      email: "eve@holmes.test",
      name: "Eve",
      role: "admin",
      password: PASSWORD,
    });
    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    const noOrigin = callerFor(db, auth, "admin", {
      origin: { requestOrigin: null, allowedOrigins: [TEST_BASE_URL] },
    });
    await expect(
      noOrigin.admin.users.setRole({ userId: "x", role: "viewer" }),
    ).rejects.toBeInstanceOf(TRPCError);
  });

  it("records each mutation in the audit log with secrets redacted", async () => {
    const { db } = database();
    const auth = createTestAuth(db);
    const admin = callerFor(db, auth, "admin");
    const { id } = await admin.admin.users.create({
      email: "fay@holmes.test",
      name: "Fay",
      role: "viewer",
      password: PASSWORD,
    });
    await admin.admin.users.setRole({ userId: id, role: "responder" });
    const { items } = await listAudit(db, { limit: 10 });
    const [setRole, create] = items;
    expect(setRole).toMatchObject({
      action: "admin.users.setRole",
      actorEmail: "admin@holmes.test",
      targetType: "user",
      targetId: id,
    });
    expect(create).toMatchObject({ action: "admin.users.create", targetId: id });
    expect(create?.detail).toMatchObject({ email: "fay@holmes.test", password: "[redacted]" });
    expect(JSON.stringify(items)).not.toContain(PASSWORD);
  });

  it("keeps at least one active admin", async () => {
    const { db } = database();
    const auth = createTestAuth(db);
    const { id } = await createUserAccount(auth, {
      email: "only-admin@holmes.test",
      name: "Root",
      role: "admin",
      password: PASSWORD,
    });
    const caller = createCallerFactory(appRouter)({
      db,
      auth,
      user: { id, email: "only-admin@holmes.test", name: "Root", role: "admin" },
    });
    const others = await caller.admin.users.list();
    for (const user of others.filter((u) => u.role === "admin" && u.id !== id)) {
      await caller.admin.users.setRole({ userId: user.id, role: "viewer" });
    }
    await expect(caller.admin.users.setRole({ userId: id, role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

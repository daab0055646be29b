import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { listAudit } from "@holmes/db/queries/audit";
import { listUsers } from "@holmes/db/queries/users";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { describe, expect, it } from "vitest";
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL } from "./accounts";
import { childEnvironment } from "./env";

const bin = join(resolve(import.meta.dirname, "../../.."), "apps/cli/bin/holmes.mjs");

describe.each(testDatabaseKinds())("accounts on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("creates the first admin with a generated password exactly once", async () => {
    const { db } = database();
    const first = await ensureFirstAdmin(db);
    expect(first?.email).toBe(FIRST_ADMIN_EMAIL);
    expect(first?.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await ensureFirstAdmin(db)).toBeNull();
    const admins = (await listUsers(db)).filter((u) => u.role === "admin");
    expect(admins.map((u) => u.email)).toEqual([FIRST_ADMIN_EMAIL]);
    const { items } = await listAudit(db, { limit: 5 });
    expect(items[0]).toMatchObject({
      action: "cli.user.create",
      actorId: null,
      targetType: "user",
    });
  });

  it("`holmes user create` adds a user with the given role and prints a one-time password", async () => {
    const { db, url } = database();
    const output = await new Promise<string>((resolveRun, reject) => {
      execFile(
        process.execPath,
        [bin, "user", "create", "--email", "oncall@holmes.test", "--role", "responder"],
        { env: childEnvironment({ DATABASE_URL: url }) },
        (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolveRun(stdout)),
      );
    });
    expect(output).toContain("created responder oncall@holmes.test");
    expect(output).toMatch(/generated password \(shown once\): \S{24}/);
    const user = (await listUsers(db)).find((u) => u.email === "oncall@holmes.test");
    expect(user?.role).toBe("responder");
  }, 60_000);
});

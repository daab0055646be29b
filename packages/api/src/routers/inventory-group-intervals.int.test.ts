import type { Role } from "@holmes/core";
import { listAudit } from "@holmes/db/queries/audit";
import { addHosts } from "@holmes/db/queries/hosts";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { callerFor, createTestAuth } from "../testing";

describe.each(testDatabaseKinds())("inventory.groupIntervals on %s", (kind) => {
  const database = useTestDatabase(kind);
  const as = (role: Role | null) => {
    const { db } = database();
    return callerFor(db, createTestAuth(db), role);
  };
  const codeOf = (call: Promise<unknown>) =>
    call.then(
      () => "OK",
      (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
    );

  it("is for admins only", async () => {
    for (const role of ["responder", "viewer", null] as const) {
      const expected = role ? "FORBIDDEN" : "UNAUTHORIZED";
      expect(await codeOf(as(role).inventory.groupIntervals.list())).toBe(expected);
      const set = as(role).inventory.groupIntervals.set({
        group: "db",
        stateIntervalSeconds: 15,
        smartIntervalSeconds: null,
      });
      expect(await codeOf(set)).toBe(expected);
    }
  });

  it("sets a group's intervals, lists them with the group's hosts, and audits the change", async () => {
    const { db } = database();
    await addHosts(db, [
      { name: "gi-1", address: "192.0.2.1", groups: ["db", "rack1"] },
      { name: "gi-2", address: "192.0.2.2", groups: ["rack1"] },
    ]);
    const admin = as("admin");
    expect(
      await admin.inventory.groupIntervals.set({
        group: " db ",
        stateIntervalSeconds: 15,
        smartIntervalSeconds: 300,
      }),
    ).toEqual({ id: "db", group: "db", stateIntervalSeconds: 15, smartIntervalSeconds: 300 });
    const list = await admin.inventory.groupIntervals.list();
    expect(
      list.map((g) => [g.group, g.hostCount, g.stateIntervalSeconds, g.smartIntervalSeconds]),
    ).toEqual([
      ["db", 1, 15, 300],
      ["rack1", 2, null, null],
    ]);
    const { items } = await listAudit(db, { limit: 1 });
    expect(items[0]).toMatchObject({
      action: "inventory.groupIntervals.set",
      targetType: "group",
      targetId: "db",
    });
    await admin.inventory.groupIntervals.set({
      group: "db",
      stateIntervalSeconds: null,
      smartIntervalSeconds: null,
    });
    expect((await admin.inventory.groupIntervals.list())[0]).toMatchObject({
      group: "db",
      stateIntervalSeconds: null,
      updatedAt: null,
    });
  });

  it.each([
    [{ group: "db", stateIntervalSeconds: 5, smartIntervalSeconds: null }, "at least 10 s"],
    [{ group: "db", stateIntervalSeconds: 7_200, smartIntervalSeconds: null }, "at most 3600 s"],
    [{ group: "db", stateIntervalSeconds: null, smartIntervalSeconds: 30 }, "at least 120 s"],
    [{ group: "db", stateIntervalSeconds: 600, smartIntervalSeconds: 300 }, "cannot be shorter"],
    [{ group: "bad group", stateIntervalSeconds: 30, smartIntervalSeconds: null }, "letters"],
  ])("refuses %o with a message that says why", async (input, message) => {
    const error = await as("admin")
      .inventory.groupIntervals.set(input)
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain(message);
  });
});

import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { reconcileFindings } from "@holmes/db/queries/findings";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { findings, incidents, users } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, createTestAuth, fakeUser } from "../../testing";

async function ensureUsers(db: Database) {
  for (const role of ["viewer", "responder", "admin"] as Role[]) {
    const user = fakeUser(role);
    await db
      .insert(users)
      .values({ id: user.id, name: user.name, email: user.email, role })
      .onConflictDoNothing();
  }
}

/** The first instant of the month `back` months before this one, UTC. */
const monthStart = (back: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
};

describe.each(testDatabaseKinds())("incident views on %s", (kind) => {
  const database = useTestDatabase(kind);
  const caller = (role: Role | null) => {
    const { db } = database();
    return callerFor(db, createTestAuth(db), role);
  };

  it("finds an incident by its INC number, and says which one is missing", async () => {
    await ensureUsers(database().db);
    const declared = await caller("responder").incident.declare({
      title: "by number",
      severity: 3,
      hostIds: [],
      findingIds: [],
    });
    const found = await caller("viewer").incident.byNumber({ number: declared.number });
    expect(found).toMatchObject({ id: declared.id, title: "by number", severityName: "SEV3" });
    await expect(caller("viewer").incident.byNumber({ number: 999_999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("buckets incidents by UTC month and severity with the sums behind MTTA and MTTR", async () => {
    const { db } = database();
    await ensureUsers(db);
    const base = monthStart(2);
    const at = (minutes: number) => new Date(base.getTime() + 86_400_000 + minutes * 60_000);
    await db.insert(incidents).values([
      { title: "a", severity: 1, startedAt: at(0), acknowledgedAt: at(2), resolvedAt: at(60) },
      { title: "b", severity: 1, startedAt: at(0), acknowledgedAt: at(4) },
      { title: "c", severity: 3, startedAt: at(0), acknowledgedAt: at(0) },
      // Started before the window: not counted.
      { title: "old", severity: 2, startedAt: monthStart(30) },
    ]);
    const metrics = await caller("viewer").incident.metrics({ months: 12 });
    expect(metrics.from).toEqual(monthStart(11));
    expect(metrics.to).toEqual(monthStart(-1));
    const inMonth = metrics.buckets.filter((b) => b.month.getTime() === base.getTime());
    expect(inMonth).toEqual([
      {
        month: base,
        severity: 1,
        count: 2,
        acknowledgedCount: 2,
        ackSeconds: 360,
        resolvedCount: 1,
        resolveSeconds: 3_600,
      },
      {
        month: base,
        severity: 3,
        count: 1,
        acknowledgedCount: 1,
        ackSeconds: 0,
        resolvedCount: 0,
        resolveSeconds: 0,
      },
    ]);
    expect(metrics.buckets.some((b) => b.severity === 2)).toBe(false);
  });

  it("pre-fills a declaration from a finding with its host and suggested severity", async () => {
    const { db } = database();
    await ensureUsers(db);
    await addHosts(db, [{ name: "stor-draft", address: "192.0.2.60" }]);
    const [host] = await listPollTargets(db, ["stor-draft"]);
    await reconcileFindings(
      db,
      host?.id ?? "",
      [
        {
          ruleId: "md.redundancy_exhausted",
          severity: "critical",
          objectKind: "array",
          objectName: "md0",
          title: "md0 has no redundancy left",
          explanation: "One more failure loses data.",
          evidence: { values: {}, lines: [] },
          runbookId: null,
        },
      ],
      new Date(),
    );
    const [finding] = await db
      .select()
      .from(findings)
      .where(eq(findings.hostId, host?.id ?? ""));
    const draft = await caller("responder").incident.draftFromFinding({
      findingId: finding?.id ?? "",
    });
    expect(draft).toMatchObject({
      hostId: host?.id,
      hostName: "stor-draft",
      title: "md0 has no redundancy left",
      suggestedSeverity: 1,
    });
    await expect(
      caller("viewer").incident.draftFromFinding({ findingId: finding?.id ?? "" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("offers enabled responders and admins for incident roles, never viewers", async () => {
    const { db } = database();
    await ensureUsers(db);
    await db.insert(users).values({
      id: "user-off",
      name: "Gone",
      email: "gone@holmes.test",
      role: "admin",
      banned: true,
    });
    const people = await caller("responder").incident.assignableUsers();
    expect(people.map((p) => p.id).sort()).toEqual(["user-admin", "user-responder"]);
  });
});

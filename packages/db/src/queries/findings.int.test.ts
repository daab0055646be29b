import type { FindingDraft } from "@holmes/core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findingEvents, findings, users } from "../schema";
import { testDatabaseKinds, useTestDatabase } from "../testing";
import { acknowledgeFinding, canonicalJson, reconcileFindings } from "./findings";
import { addHosts, listPollTargets } from "./hosts";

const MINUTE = 60_000;
const T0 = new Date("2026-06-01T03:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

function draft(overrides: Partial<FindingDraft> = {}): FindingDraft {
  return {
    ruleId: "md.degraded",
    severity: "warning",
    objectKind: "array",
    objectName: "md2",
    title: "md2 is degraded and rebuilding (10.0% done)",
    explanation: "A member is missing.",
    evidence: { values: { percent: 10 }, lines: [] },
    runbookId: "md-degraded-array",
    ...overrides,
  };
}

describe.each(testDatabaseKinds())("finding lifecycle on %s", (kind) => {
  const database = useTestDatabase(kind);

  async function setup() {
    const { db } = database();
    const name = `host-${Math.random().toString(36).slice(2, 8)}`;
    await addHosts(db, [{ name, address: "192.0.2.10" }]);
    const [host] = await listPollTargets(db, [name]);
    const userId = `user-${name}`;
    await db.insert(users).values({ id: userId, name: "On Call", email: `${name}@holmes.test` });
    const eventsOf = async (findingId: string) =>
      (
        await db
          .select({ kind: findingEvents.kind })
          .from(findingEvents)
          .where(eq(findingEvents.findingId, findingId))
          .orderBy(findingEvents.id)
      ).map((e) => e.kind);
    return { db, hostId: host?.id ?? "", userId, eventsOf };
  }

  it("opens, refreshes while it holds, resolves when it clears, and opens anew on recurrence", async () => {
    const { db, hostId, eventsOf } = await setup();
    const first = await reconcileFindings(db, hostId, [draft()], at(0));
    expect(first.opened).toHaveLength(1);
    const id = first.opened[0]?.id ?? "";

    const critical = draft({ severity: "critical", title: "md2 is degraded and not rebuilding" });
    expect(await reconcileFindings(db, hostId, [critical], at(1))).toMatchObject({
      opened: [],
      updated: 1,
      resolved: 0,
    });
    const [row] = await db.select().from(findings).where(eq(findings.id, id));
    expect(row).toMatchObject({ severity: "critical", firstSeenAt: at(0), lastSeenAt: at(1) });

    expect((await reconcileFindings(db, hostId, [], at(2))).resolved).toBe(1);
    const [resolved] = await db.select().from(findings).where(eq(findings.id, id));
    expect(resolved).toMatchObject({ state: "resolved", resolvedAt: at(2) });
    expect(await eventsOf(id)).toEqual(["opened", "severity_changed", "resolved"]);

    const again = await reconcileFindings(db, hostId, [draft()], at(3));
    expect(again.opened[0]?.id).not.toBe(id);
  });

  it("an acknowledgement holds until its expiry, then the finding opens again if still true", async () => {
    const { db, hostId, userId, eventsOf } = await setup();
    const { opened } = await reconcileFindings(db, hostId, [draft()], at(0));
    const id = opened[0]?.id ?? "";
    const acked = await acknowledgeFinding(db, {
      findingId: id,
      userId,
      note: "replacement disk ordered",
      until: at(30),
      now: at(1),
    });
    expect(acked).toMatchObject({ state: "acknowledged", acknowledgedBy: userId });

    await reconcileFindings(db, hostId, [draft()], at(10));
    const [still] = await db.select().from(findings).where(eq(findings.id, id));
    expect(still?.state).toBe("acknowledged");

    await reconcileFindings(db, hostId, [draft()], at(31));
    const [lapsed] = await db.select().from(findings).where(eq(findings.id, id));
    expect(lapsed?.state).toBe("open");
    expect(await eventsOf(id)).toEqual(["opened", "acknowledged", "reopened"]);
  });

  it("refuses to acknowledge a resolved finding, an unknown one, or with an expiry in the past", async () => {
    const { db, hostId, userId } = await setup();
    const { opened } = await reconcileFindings(db, hostId, [draft()], at(0));
    const id = opened[0]?.id ?? "";
    const ack = (findingId: string, until: Date | null) =>
      acknowledgeFinding(db, { findingId, userId, note: "seen", until, now: at(5) });
    await expect(ack(id, at(4))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(ack("00000000-0000-4000-8000-000000000000", null)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await reconcileFindings(db, hostId, [], at(6));
    await expect(ack(id, null)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("canonicalJson", () => {
  it("ignores key order at every depth, as jsonb does, and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});

import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { startTimelineBroker, type TimelineBroker } from "@holmes/db/live";
import { reconcileFindings } from "@holmes/db/queries/findings";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { incidentUpdates, users } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
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

/** A server-side caller yields tracked events as [id, data, marker]; a client sees { id, data }. */
function trackedId(value: unknown): string | undefined {
  if (Array.isArray(value)) return value[0];
  return (value as { id?: string } | undefined)?.id;
}

describe.each(testDatabaseKinds())("incident router on %s", (kind) => {
  const database = useTestDatabase(kind);
  let broker: TimelineBroker | undefined;
  afterAll(async () => broker?.close());

  function caller(role: Role | null) {
    const { db } = database();
    return callerFor(db, createTestAuth(db), role, {
      timelineBroker: async () => {
        broker ??= await startTimelineBroker(database(), { pollMs: 200, useListen: true });
        return broker;
      },
    });
  }

  async function declare(title = "md2 degraded on stor-a07") {
    await ensureUsers(database().db);
    return caller("responder").incident.declare({
      title,
      severity: 2,
      hostIds: [],
      findingIds: [],
    });
  }

  it("lets responders declare and post, viewers only read", async () => {
    const incident = await declare();
    await expect(
      caller("viewer").incident.postUpdate({
        incidentId: incident.id,
        body: "looking",
        audience: "internal",
        idempotencyKey: "viewer-try-1",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(null).incident.byId({ incidentId: incident.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const read = await caller("viewer").incident.byId({ incidentId: incident.id });
    expect(read).toMatchObject({
      title: incident.title,
      status: "investigating",
      severityName: "SEV2",
    });
  });

  it("stores a retried post once and applies a status change in the same post", async () => {
    const incident = await declare();
    const post = {
      incidentId: incident.id,
      body: "Spare is rebuilding; ETA 40 min.",
      audience: "public" as const,
      statusChange: "identified" as const,
      idempotencyKey: "draft-aaaa-1111",
    };
    const first = await caller("responder").incident.postUpdate(post);
    const retry = await caller("responder").incident.postUpdate(post);
    expect(retry).toMatchObject({ isDuplicate: true, update: { id: first.update.id } });
    const rows = await database()
      .db.select()
      .from(incidentUpdates)
      .where(eq(incidentUpdates.incidentId, incident.id));
    expect(rows).toHaveLength(1);
    const read = await caller("viewer").incident.byId({ incidentId: incident.id });
    expect(read.status).toBe("identified");
    const timeline = await caller("viewer").incident.timeline({ incidentId: incident.id });
    expect(timeline.map((e) => e.kind)).toEqual(["declared", "update", "status_changed"]);
  });

  it("loses nothing when 50 responders post to one incident at once", async () => {
    const incident = await declare("50 responders");
    const posts = Array.from({ length: 50 }, (_, i) =>
      caller("responder").incident.postUpdate({
        incidentId: incident.id,
        body: `update ${i}`,
        audience: i % 2 === 0 ? "internal" : "public",
        idempotencyKey: `parallel-${incident.id}-${i}`,
      }),
    );
    const results = await Promise.all(posts);
    expect(results.every((r) => !r.isDuplicate)).toBe(true);
    const timeline = await caller("viewer").incident.timeline({
      incidentId: incident.id,
      filter: "human",
    });
    const bodies = timeline.flatMap((e) => (e.source === "human" ? [e.body] : []));
    expect(new Set(bodies)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `update ${i}`)));
  });

  it("refuses a stale edit with who changed it and when, and overwrites nothing", async () => {
    const incident = await declare();
    const responder = caller("responder");
    await responder.incident.update({
      incidentId: incident.id,
      expectedVersion: incident.version,
      severity: 1,
    });
    const stale = responder.incident.update({
      incidentId: incident.id,
      expectedVersion: incident.version,
      title: "an edit based on what I saw a minute ago",
    });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(stale).rejects.toThrow(/Changed by Test responder at \d{4}-/);
    const read = await caller("viewer").incident.byId({ incidentId: incident.id });
    expect(read).toMatchObject({
      severity: 1,
      title: incident.title,
      version: incident.version + 1,
    });
  });

  it("merges the hosts' finding changes into the timeline, filterable", async () => {
    const { db } = database();
    const name = `stor-tl-${kind}`;
    await addHosts(db, [{ name, address: "192.0.2.50" }]);
    const [host] = await listPollTargets(db, [name]);
    await ensureUsers(db);
    const incident = await caller("responder").incident.declare({
      title: "timeline merge",
      severity: 3,
      hostIds: [host?.id ?? ""],
      findingIds: [],
    });
    await reconcileFindings(
      db,
      host?.id ?? "",
      [
        {
          ruleId: "md.member_failed",
          severity: "warning",
          objectKind: "member",
          objectName: "md2/sdd1",
          title: "sdd1 failed in md2 (serial WSY6PU08)",
          explanation: "",
          evidence: { values: {}, lines: [] },
          runbookId: null,
        },
      ],
      new Date(),
    );
    const all = await caller("viewer").incident.timeline({ incidentId: incident.id });
    expect(all.map((e) => e.source)).toEqual(["lifecycle", "machine"]);
    const machine = await caller("viewer").incident.timeline({
      incidentId: incident.id,
      filter: "machine",
    });
    expect(machine[0]).toMatchObject({
      kind: "finding_opened",
      hostName: name,
      title: "sdd1 failed in md2 (serial WSY6PU08)",
    });
  });

  it("rings the subscriber of an incident when an update is posted, and not for others", async () => {
    const incident = await declare("live");
    const other = await declare("another");
    const stream = await caller("viewer").incident.onTimeline({ incidentId: incident.id });
    const iterator = stream[Symbol.asyncIterator]();
    const opening = await iterator.next();
    expect(trackedId(opening.value)).toBe("sync");
    await caller("responder").incident.postUpdate({
      incidentId: other.id,
      body: "elsewhere",
      audience: "internal",
      idempotencyKey: `other-${other.id}`,
    });
    const posted = caller("responder").incident.postUpdate({
      incidentId: incident.id,
      body: "here",
      audience: "internal",
      idempotencyKey: `live-${incident.id}`,
    });
    const started = Date.now();
    const rang = await iterator.next();
    expect(Date.now() - started).toBeLessThan(2_000);
    const { update } = await posted;
    expect(trackedId(rang.value)).toBe(`seq:${update.seq}`);
    await iterator.return?.(undefined);
  });
});

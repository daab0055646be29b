import type { FindingDraft } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { reconcileFindings } from "@holmes/db/queries/findings";
import { recordCollectorCycle } from "@holmes/db/queries/fleet-overview";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { hostCollection, users } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { describe, expect, it } from "vitest";
import { callerFor, createTestAuth, fakeUser } from "../testing";

function draft(ruleId: string, severity: FindingDraft["severity"], objectName: string) {
  return {
    ruleId,
    severity,
    objectKind: "array",
    objectName,
    title: `${objectName}: ${ruleId}`,
    explanation: "why it matters",
    evidence: { values: {}, lines: [] },
    runbookId: null,
  } satisfies FindingDraft;
}

/** Three hosts: one with a critical finding, one with a warning but stale data, one healthy. */
async function seedFleet(db: Database, prefix: string) {
  const now = new Date();
  const names = ["crit", "stale", "ok"].map((n) => `${prefix}-${n}`);
  await addHosts(
    db,
    names.map((name, i) => ({ name, address: `192.0.2.${i + 1}`, groups: [prefix] })),
  );
  const hosts = await listPollTargets(db, names);
  const id = (suffix: string) => hosts.find((h) => h.name === `${prefix}-${suffix}`)?.id ?? "";
  const polledAt = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  await db.insert(hostCollection).values([
    { hostId: id("crit"), state: "ok", lastSuccessAt: polledAt(1) },
    { hostId: id("stale"), state: "unreachable", lastSuccessAt: polledAt(30) },
    { hostId: id("ok"), state: "ok", lastSuccessAt: polledAt(1) },
  ]);
  await reconcileFindings(db, id("crit"), [draft("md.inactive", "critical", "md127")], now);
  await reconcileFindings(db, id("stale"), [draft("nfs.soft_rw", "warning", "/srv")], now);
  await recordCollectorCycle(db, {
    instance: `${prefix}-collector`,
    startedAt: polledAt(60),
    lastCycleAt: polledAt(0),
    lastCycleDurationMs: 800,
    hostsPolled: 3,
    hostsFailed: 1,
    pollIntervalMs: 60_000,
  });
  return { id };
}

describe.each(testDatabaseKinds())("fleet and finding routers on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("counts hosts by health, never calling stale data healthy, and filters the grid", async () => {
    const { db } = database();
    await seedFleet(db, "fleet-a");
    const viewer = callerFor(db, createTestAuth(db), "viewer");
    const all = await viewer.fleet.overview({ groups: ["fleet-a"] });
    const healthOf = (name: string) => all.hosts.find((h) => h.name === name)?.health;
    expect(healthOf("fleet-a-crit")).toBe("critical");
    expect(healthOf("fleet-a-stale")).toBe("stale");
    expect(healthOf("fleet-a-ok")).toBe("healthy");
    expect(all.collectors.find((c) => c.instance === "fleet-a-collector")).toMatchObject({
      isSilent: false,
      lastCycleDurationMs: 800,
    });

    const critical = await viewer.fleet.overview({ groups: ["fleet-a"], healths: ["critical"] });
    expect(critical.hosts.map((h) => h.name)).toEqual(["fleet-a-crit"]);
    const byRule = await viewer.fleet.overview({ ruleId: "nfs.soft_rw", text: "fleet-a" });
    expect(byRule.hosts.map((h) => h.name)).toEqual(["fleet-a-stale"]);
  });

  it("lists findings with filters and lets a responder acknowledge one, audited", async () => {
    const { db } = database();
    await seedFleet(db, "fleet-b");
    const auth = createTestAuth(db);
    const responder = fakeUser("responder");
    await db
      .insert(users)
      .values({ id: responder.id, name: responder.name, email: responder.email })
      .onConflictDoNothing();
    const list = await callerFor(db, auth, "viewer").finding.list({ text: "fleet-b" });
    expect(list.items.map((f) => [f.hostName, f.severity])).toEqual([
      ["fleet-b-crit", "critical"],
      ["fleet-b-stale", "warning"],
    ]);
    const target = list.items[0]?.id ?? "";

    await expect(
      callerFor(db, auth, "viewer").finding.acknowledge({
        findingId: target,
        note: "x",
        until: null,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    await callerFor(db, auth, "responder").finding.acknowledge({
      findingId: target,
      note: "stopping md127 after the change window",
      until: null,
    });
    const acked = await callerFor(db, auth, "viewer").finding.list({
      text: "fleet-b",
      state: "acknowledged",
    });
    expect(acked.items).toHaveLength(1);
    expect(acked.items[0]).toMatchObject({
      acknowledgedByName: responder.name,
      acknowledgeNote: "stopping md127 after the change window",
    });
    const open = await callerFor(db, auth, "viewer").finding.list({
      text: "fleet-b",
      state: "open",
    });
    expect(open.items.map((f) => f.hostName)).toEqual(["fleet-b-stale"]);
  });

  it("rejects an acknowledgement without a note", async () => {
    const { db } = database();
    const seeded = await seedFleet(db, "fleet-c");
    const auth = createTestAuth(db);
    const list = await callerFor(db, auth, "viewer").finding.list({ hostName: "fleet-c-crit" });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.hostId).toBe(seeded.id("crit"));
    await expect(
      callerFor(db, auth, "responder").finding.acknowledge({
        findingId: list.items[0]?.id ?? "",
        note: "   ",
        until: null,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { auditLog, incidents, users } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, createTestAuth, fakeUser } from "../testing";
import { PublicIncidentSchema } from "./status-page.schema";

async function ensureUsers(db: Database) {
  for (const role of ["viewer", "responder", "admin"] as Role[]) {
    const user = fakeUser(role);
    await db
      .insert(users)
      .values({ id: user.id, name: user.name, email: user.email, role })
      .onConflictDoNothing();
  }
}

let keys = 0;
const key = () => `status-test-${++keys}`;

describe.each(testDatabaseKinds())("statusPage router on %s", (kind) => {
  const database = useTestDatabase(kind);
  const caller = (role: Role | null) => {
    const { db } = database();
    return callerFor(db, createTestAuth(db), role);
  };

  /** A host in `group`, and an incident of `severity` on it. */
  async function incidentOn(group: string, severity: number, title: string) {
    const { db } = database();
    await ensureUsers(db);
    const hostName = `host-${group}`;
    await addHosts(db, [{ name: hostName, address: "192.0.2.80", groups: [group] }]);
    const [host] = await listPollTargets(db, [hostName]);
    return caller("responder").incident.declare({
      title,
      severity,
      hostIds: [host?.id ?? ""],
      findingIds: [],
      summary: `internal summary naming ${hostName}`,
    });
  }

  async function post(incidentId: string, audience: "internal" | "public", body: string) {
    const statusChange = body.startsWith("Resolved") ? ("resolved" as const) : undefined;
    await caller("responder").incident.postUpdate({
      incidentId,
      audience,
      body,
      statusChange,
      idempotencyKey: key(),
    });
  }

  async function componentStatus(name: string) {
    const summary = await caller(null).statusPage.summary();
    return summary.components.find((c) => c.name === name);
  }

  it("derives a component's status from open incidents with a public update, worst first", async () => {
    await ensureUsers(database().db);
    const admin = caller("admin").statusPage.components;
    await admin.create({ name: "File storage", hostGroups: ["nfs"] });
    await admin.create({ name: "Databases", description: "Postgres", hostGroups: ["db"] });

    const minor = await incidentOn("nfs", 2, "Slow file access");
    await post(minor.id, "internal", "INTERNAL-ONLY md2 on host-nfs is rebuilding");
    expect(await componentStatus("File storage")).toEqual({
      name: "File storage",
      description: "",
      status: "operational",
      isManual: false,
    });
    expect((await caller(null).statusPage.summary()).active).toEqual([]);

    await post(minor.id, "public", "Some file shares are slow; we are on it.");
    expect((await componentStatus("File storage"))?.status).toBe("partial_outage");
    const major = await incidentOn("nfs", 1, "File shares unavailable");
    await post(major.id, "public", "File shares are down.");
    expect((await componentStatus("File storage"))?.status).toBe("major_outage");
    expect((await componentStatus("Databases"))?.status).toBe("operational");

    await post(major.id, "public", "Resolved: shares are back.");
    expect((await componentStatus("File storage"))?.status).toBe("partial_outage");
    const summary = await caller(null).statusPage.summary();
    expect(summary.active.map((i) => i.title)).toEqual(["Slow file access"]);
    expect(summary.active[0]).toMatchObject({
      impact: "partial_outage",
      status: "investigating",
      components: ["File storage"],
      updates: [{ body: "Some file shares are slow; we are on it.", statusChange: null }],
    });
    expect(summary.history.map((i) => [i.title, i.status])).toEqual([
      ["File shares unavailable", "resolved"],
    ]);
    expect(summary.history[0]?.updates.map((u) => u.statusChange)).toEqual(["resolved", null]);
  });

  it("lets a manual override win, shows it as manual, and hands back on null", async () => {
    const [component] = (await caller("admin").statusPage.components.list()).filter(
      (c) => c.name === "Databases",
    );
    expect(component).toMatchObject({ derivedStatus: "operational", hostCount: 0 });
    const admin = caller("admin").statusPage.components;
    await admin.setManualStatus({ id: component?.id ?? "", status: "degraded" });
    expect(await componentStatus("Databases")).toMatchObject({
      status: "degraded",
      isManual: true,
    });
    await admin.setManualStatus({ id: component?.id ?? "", status: null });
    expect(await componentStatus("Databases")).toMatchObject({
      status: "operational",
      isManual: false,
    });
  });

  it("shows nothing internal: no internal updates, host names, authors, or internal incidents", async () => {
    const secret = await incidentOn("db", 1, "Internal-only incident");
    await post(secret.id, "internal", "INTERNAL-ONLY do not show");
    const everything = JSON.stringify([
      await caller(null).statusPage.summary(),
      await caller(null).statusPage.feed(),
    ]);
    for (const hidden of ["INTERNAL-ONLY", "host-nfs", "host-db", "Internal-only incident"]) {
      expect(everything).not.toContain(hidden);
    }
    for (const role of ["viewer", "responder", "admin"] as Role[]) {
      expect(everything).not.toContain(fakeUser(role).email);
      expect(everything).not.toContain(fakeUser(role).name);
    }
    expect(everything).not.toContain(secret.id);
    await expect(caller(null).statusPage.incident({ number: secret.number })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
    // A strict schema: a field nobody meant to publish fails validation instead of leaking.
    const one = (await caller(null).statusPage.summary()).active[0];
    expect(PublicIncidentSchema.safeParse(one).success).toBe(true);
    expect(PublicIncidentSchema.safeParse({ ...one, hosts: ["host-nfs"] }).success).toBe(false);
  });

  it("never shows a title that names a host; shows impact and components instead", async () => {
    const named = await incidentOn("nfs", 2, "host-nfs: md5 degraded");
    await post(named.id, "public", "One file server is degraded.");
    const page = await caller(null).statusPage.incident({ number: named.number });
    expect(page.title).toBe("Partial outage: File storage");
    const feed = await caller(null).statusPage.feed();
    expect(feed.find((e) => e.incidentNumber === named.number)?.incidentTitle).toBe(
      "Partial outage: File storage",
    );
    expect(JSON.stringify(await caller(null).statusPage.summary())).not.toContain("host-nfs");
    await post(named.id, "public", "Resolved: fixed.");
  });

  it("serves one incident's public updates by number, however old; history keeps 90 days", async () => {
    const old = await incidentOn("nfs", 3, "An old slowdown");
    await post(old.id, "public", "Resolved: old slowdown over.");
    const longAgo = new Date(Date.now() - 100 * 24 * 3600 * 1000);
    await database()
      .db.update(incidents)
      .set({ startedAt: longAgo, resolvedAt: longAgo })
      .where(eq(incidents.id, old.id));
    const summary = await caller(null).statusPage.summary();
    expect(summary.history.map((i) => i.title)).not.toContain("An old slowdown");
    const page = await caller(null).statusPage.incident({ number: old.number });
    expect(page).toMatchObject({
      title: "An old slowdown",
      impact: "degraded",
      status: "resolved",
    });
    expect(page.updates.map((u) => u.body)).toEqual(["Resolved: old slowdown over."]);
    const feed = await caller(null).statusPage.feed();
    expect(feed.map((e) => e.body)).toContain("File shares are down.");
    expect(feed.every((e) => !e.body.startsWith("INTERNAL"))).toBe(true);
  });

  it("lets admins create, edit, reorder and delete components, audited; refuses others", async () => {
    const admin = caller("admin").statusPage.components;
    const created = await admin.create({ name: "Backups", hostGroups: ["backup"] });
    await expect(admin.create({ name: "Backups" })).rejects.toMatchObject({ code: "CONFLICT" });
    await admin.update({ id: created.id, description: "Nightly backups" });
    const listed = await admin.list();
    expect(listed.find((c) => c.id === created.id)).toMatchObject({
      description: "Nightly backups",
      hostGroups: ["backup"],
    });
    const reversed = listed.map((c) => c.id).reverse();
    await admin.reorder({ ids: reversed });
    expect((await admin.list()).map((c) => c.id)).toEqual(reversed);
    await expect(admin.reorder({ ids: reversed.slice(1) })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await admin.delete({ id: created.id });
    expect((await admin.list()).map((c) => c.name)).not.toContain("Backups");

    for (const role of ["viewer", "responder"] as Role[]) {
      await expect(
        caller(role).statusPage.components.create({ name: "Nope" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller(role).statusPage.components.list()).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    await expect(
      caller(null).statusPage.components.delete({ id: created.id }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const audited = await database()
      .db.select({ action: auditLog.action, targetId: auditLog.targetId })
      .from(auditLog)
      .where(like(auditLog.action, "statusPage.components.%"));
    expect(audited).toContainEqual({
      action: "statusPage.components.delete",
      targetId: created.id,
    });
    expect(audited.map((a) => a.action)).toContain("statusPage.components.reorder");
  });

  it("lets admins reword severities, which viewers then read; responders cannot", async () => {
    await caller("admin").statusPage.severities.update({
      level: 3,
      name: "SEV3 minor",
      description: "Partial impact with a workaround.",
    });
    const severities = await caller("viewer").incident.severities();
    expect(severities.find((s) => s.level === 3)).toMatchObject({
      name: "SEV3 minor",
      description: "Partial impact with a workaround.",
    });
    await expect(
      caller("responder").statusPage.severities.update({ level: 1, name: "x", description: "y" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      caller("admin").statusPage.severities.update({ level: 5, name: "x", description: "y" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

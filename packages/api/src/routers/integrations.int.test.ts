import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { auditLog, intakeTokens, users, webhookDeliveries, webhooks } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashIntakeToken } from "../services/integration-secrets";
import { callerFor, createTestAuth, fakeUser } from "../testing";

async function ensureUsers(db: Database) {
  for (const role of ["viewer", "responder", "admin"] as Role[]) {
    const user = fakeUser(role);
    await db
      .insert(users)
      .values({ id: user.id, name: user.name, email: user.email, role })
      .onConflictDoNothing();
  }
}

describe.each(testDatabaseKinds())("integrations router on %s", (kind) => {
  const database = useTestDatabase(kind);

  async function caller(role: Role | null) {
    const { db } = database();
    await ensureUsers(db);
    return callerFor(db, createTestAuth(db), role);
  }

  async function auditText(actionPrefix: string) {
    const rows = await database()
      .db.select()
      .from(auditLog)
      .where(like(auditLog.action, `${actionPrefix}%`));
    return JSON.stringify(rows);
  }

  it("is for admins only", async () => {
    for (const role of ["viewer", "responder"] as const) {
      const api = await caller(role);
      await expect(api.integrations.tokens.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        api.integrations.webhooks.create({ name: "x", url: "https://example.test/h" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("shows an intake token once, stores only its SHA-256, never lists or audits it", async () => {
    const admin = await caller("admin");
    const created = await admin.integrations.tokens.create({ name: "alertmanager-prod" });
    expect(created.token).toMatch(/^hlm_[A-Za-z0-9_-]{43}$/);
    const [row] = await database()
      .db.select()
      .from(intakeTokens)
      .where(eq(intakeTokens.id, created.id));
    expect(row?.tokenSha256).toBe(hashIntakeToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const listed = await admin.integrations.tokens.list();
    expect(listed).toEqual([
      {
        id: created.id,
        name: "alertmanager-prod",
        createdAt: expect.any(Date),
        lastUsedAt: null,
        revokedAt: null,
        createdByName: "Test admin",
      },
    ]);
    const audit = await auditText("integrations.tokens");
    expect(audit).toContain("alertmanager-prod");
    expect(audit).not.toContain(created.token);
    expect(audit).not.toContain(row?.tokenSha256);

    await expect(
      admin.integrations.tokens.create({ name: "alertmanager-prod" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const revoked = await admin.integrations.tokens.revoke({ id: created.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await admin.integrations.tokens.revoke({ id: created.id });
    expect(again.revokedAt).toEqual(revoked.revokedAt);
  });

  it("accepts only http(s) webhook URLs and shows the secret once", async () => {
    const admin = await caller("admin");
    for (const url of ["ftp://example.test/h", "javascript:alert(1)", "file:///etc/passwd", "x"]) {
      await expect(admin.integrations.webhooks.create({ name: "bad", url })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    const created = await admin.integrations.webhooks.create({
      name: "chat",
      url: "https://chat.example.test/hooks/ops",
    });
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await admin.integrations.webhooks.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("secret");
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(await auditText("integrations.webhooks")).not.toContain(created.secret);

    const updated = await admin.integrations.webhooks.update({
      id: created.id,
      name: "chat-ops",
      url: "http://chat.example.test/hooks/ops2",
    });
    expect(updated).toMatchObject({ name: "chat-ops", url: "http://chat.example.test/hooks/ops2" });
    await admin.integrations.webhooks.delete({ id: created.id });
    expect(await admin.integrations.webhooks.list()).toEqual([]);
    await expect(admin.integrations.webhooks.delete({ id: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("queues a delivery per enabled webhook, in the same transaction as each incident change", async () => {
    const admin = await caller("admin");
    const responder = await caller("responder");
    const chat = await admin.integrations.webhooks.create({
      name: "chat",
      url: "https://chat.example.test/a",
    });
    const off = await admin.integrations.webhooks.create({
      name: "off",
      url: "https://off.example.test/b",
    });
    await admin.integrations.webhooks.setEnabled({ id: off.id, isEnabled: false });

    const incident = await responder.incident.declare({
      title: "md2 degraded on stor-a07",
      severity: 3,
      hostIds: [],
      findingIds: [],
    });
    await responder.incident.update({
      incidentId: incident.id,
      expectedVersion: incident.version,
      severity: 2,
    });
    await responder.incident.postUpdate({
      incidentId: incident.id,
      body: "Spare is rebuilding.",
      audience: "internal",
      statusChange: "identified",
      idempotencyKey: "outbox-post-1",
    });
    // A retried post (same idempotency key) is stored once and notified once.
    await responder.incident.postUpdate({
      incidentId: incident.id,
      body: "Spare is rebuilding.",
      audience: "internal",
      statusChange: "identified",
      idempotencyKey: "outbox-post-1",
    });
    await responder.incident.postUpdate({
      incidentId: incident.id,
      body: "Rebuild done; all members in sync.",
      audience: "public",
      statusChange: "resolved",
      idempotencyKey: "outbox-post-2",
    });

    const rows = await database()
      .db.select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.incidentId, incident.id))
      .orderBy(asc(webhookDeliveries.id));
    expect(rows.every((row) => row.webhookId === chat.id && row.status === "pending")).toBe(true);
    expect(rows.map((row) => row.event)).toEqual([
      "incident.declared",
      "incident.severity_changed",
      "incident.status_changed",
      "incident.update_posted",
      "incident.resolved",
      "incident.update_posted",
    ]);
    expect(rows[1]?.payload).toMatchObject({ change: { from: 3, to: 2 } });
    expect(rows[3]?.payload).toMatchObject({
      incident: { status: "identified", severity: 2 },
      update: { audience: "internal", body: "Spare is rebuilding." },
      text: expect.stringContaining("internal update"),
    });
    expect(rows[4]?.payload).toMatchObject({ incident: { status: "resolved" } });

    const log = await admin.integrations.webhooks.deliveries({ webhookId: chat.id, limit: 50 });
    expect(log.items).toHaveLength(6);
    expect(log.items[0]).toMatchObject({
      event: "incident.update_posted",
      webhookName: "chat",
      incidentNumber: incident.number,
      status: "pending",
      attempts: 0,
    });
    expect(JSON.stringify(log)).not.toContain(chat.secret);

    // Disabling gives up on what is queued, so re-enabling later sends no stale news.
    await admin.integrations.webhooks.setEnabled({ id: chat.id, isEnabled: false });
    const after = await admin.integrations.webhooks.deliveries({ webhookId: chat.id, limit: 50 });
    expect(after.items.every((item) => item.status === "failed")).toBe(true);
    expect(after.items[0]?.lastError).toBe("webhook disabled before delivery");
    const [summary] = (await admin.integrations.webhooks.list()).filter((w) => w.id === chat.id);
    expect(summary).toMatchObject({ isEnabled: false, failed: 6, pending: 0 });
  });

  it("deletes a webhook together with its delivery log", async () => {
    const admin = await caller("admin");
    const { db } = database();
    const [chat] = await db.select().from(webhooks).where(eq(webhooks.name, "chat"));
    await admin.integrations.webhooks.delete({ id: chat?.id ?? "" });
    const left = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, chat?.id ?? ""));
    expect(left).toEqual([]);
  });
});

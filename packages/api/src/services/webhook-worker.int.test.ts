import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { users, webhookDeliveries } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTestAuth, fakeUser } from "../testing";
import { verifyWebhookSignature } from "./webhook-signing";
import { runDeliveryPass, startWebhookWorker } from "./webhook-worker";

type Received = { delivery: string; event: string; body: string; isSigned: boolean };

/**
 * A real receiver on 127.0.0.1. It checks each signature with the secret the admin was shown and
 * answers what `respond` says (a status, or "hang" to never answer).
 */
async function startReceiver(secret: () => string) {
  const received: Received[] = [];
  let respond: (count: number) => number | "hang" = () => 204;
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const signature = request.headers["x-holmes-signature"];
    received.push({
      delivery: String(request.headers["x-holmes-delivery"]),
      event: String(request.headers["x-holmes-event"]),
      body,
      isSigned: verifyWebhookSignature(
        body,
        secret(),
        typeof signature === "string" ? signature : null,
      ),
    });
    const answer = respond(received.length);
    if (answer === "hang") return;
    response.writeHead(answer).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    setResponder: (fn: typeof respond) => {
      respond = fn;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function ensureUsers(db: Database) {
  for (const role of ["responder", "admin"] as Role[]) {
    const user = fakeUser(role);
    await db
      .insert(users)
      .values({ id: user.id, name: user.name, email: user.email, role })
      .onConflictDoNothing();
  }
}

describe.each(testDatabaseKinds())("webhook delivery worker on %s", (kind) => {
  const database = useTestDatabase(kind);
  let secret = "";
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver(() => secret);
    const { db } = database();
    await ensureUsers(db);
    const admin = callerFor(db, createTestAuth(db), "admin");
    const created = await admin.integrations.webhooks.create({ name: "chat", url: receiver.url });
    secret = created.secret;
  });
  afterAll(() => receiver.close());
  afterEach(() => {
    receiver.received.length = 0;
  });

  function api(role: Role) {
    const { db } = database();
    return callerFor(db, createTestAuth(db), role);
  }

  async function declare(title: string) {
    return api("responder").incident.declare({ title, severity: 2, hostIds: [], findingIds: [] });
  }

  async function deliveriesOf(incidentId: string) {
    return database()
      .db.select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.incidentId, incidentId));
  }

  it("retries a 500 after the backoff and records 2 attempts, then delivered", async () => {
    const incident = await declare("md2 degraded on stor-a07");
    receiver.setResponder((count) => (count === 1 ? 500 : 200));
    const t0 = new Date();
    expect(await runDeliveryPass(database().db, { now: () => t0 })).toBe(1);
    let [row] = await deliveriesOf(incident.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(row?.lastError).toBe("HTTP 500");
    expect(row?.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000);

    // Not due yet: nothing is sent.
    expect(
      await runDeliveryPass(database().db, { now: () => new Date(t0.getTime() + 29_000) }),
    ).toBe(0);
    const later = new Date(t0.getTime() + 31_000);
    expect(await runDeliveryPass(database().db, { now: () => later })).toBe(1);
    [row] = await deliveriesOf(incident.id);
    expect(row).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
    expect(row?.deliveredAt).toEqual(later);

    expect(receiver.received).toHaveLength(2);
    for (const request of receiver.received) {
      expect(request).toMatchObject({
        delivery: String(row?.id),
        event: "incident.declared",
        isSigned: true,
      });
      const body = JSON.parse(request.body);
      expect(body).toMatchObject({
        event: "incident.declared",
        incident: { id: incident.id, number: incident.number, severity: 2 },
      });
      expect(body.text).toContain(`INC-${incident.number}`);
    }

    const log = await api("admin").integrations.webhooks.deliveries({ limit: 10 });
    expect(log.items.find((item) => item.id === row?.id)).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastStatusCode: 200,
    });
  });

  it("gives up after the 6th failed attempt", async () => {
    const incident = await declare("nfs timeouts on web-03");
    receiver.setResponder(() => 503);
    let now = new Date();
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect(await runDeliveryPass(database().db, { now: () => now })).toBe(1);
      now = new Date(now.getTime() + 2 * 3_600_000);
    }
    expect(await runDeliveryPass(database().db, { now: () => now })).toBe(0);
    const [row] = await deliveriesOf(incident.id);
    expect(row).toMatchObject({ status: "failed", attempts: 6, lastStatusCode: 503 });
  });

  it("times out a receiver that never answers", async () => {
    const incident = await declare("receiver hangs");
    receiver.setResponder(() => "hang");
    await runDeliveryPass(database().db, { timeoutMs: 300 });
    const [row] = await deliveriesOf(incident.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(row?.lastError).toBe("no response within 0.3 s");
    await database()
      .db.update(webhookDeliveries)
      .set({ status: "failed" })
      .where(eq(webhookDeliveries.incidentId, incident.id));
  });

  it("sends each delivery once when several workers claim at the same time", async () => {
    receiver.setResponder(() => 204);
    const incidents = await Promise.all(
      Array.from({ length: 12 }, (_, i) => declare(`parallel incident ${i}`)),
    );
    const passes = await Promise.all(
      Array.from({ length: 4 }, () => runDeliveryPass(database().db)),
    );
    expect(passes.reduce((sum, n) => sum + n, 0)).toBe(12);
    const ids = receiver.received.map((request) => request.delivery);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
    for (const incident of incidents) {
      const [row] = await deliveriesOf(incident.id);
      expect(row).toMatchObject({ status: "delivered", attempts: 1 });
    }
  });

  it("runs as a loop that picks up new deliveries and stops cleanly", async () => {
    receiver.setResponder(() => 200);
    const worker = startWebhookWorker({ db: database().db, intervalMs: 100 });
    try {
      const incident = await declare("picked up by the loop");
      await expect
        .poll(async () => (await deliveriesOf(incident.id))[0]?.status, { timeout: 10_000 })
        .toBe("delivered");
    } finally {
      await worker.stop();
    }
  });
});

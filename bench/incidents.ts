/**
 * bench/incidents: how fast a posted update reaches other browsers, and how fast a long timeline
 * reads. Prints p50/p95 for
 *   1. post → arrival at a second subscriber, with 200 subscribers open on the incident, through
 *      the real tRPC SSE endpoint (HTTP), the real database trigger, NOTIFY and the broker;
 *   2. the timeline query of an incident with 5,000 entries: its newest page (500 entries, what
 *      the incident page loads; older pages load on scroll) and, for scale, all 5,000 at once.
 * Targets on this machine: (1) ≤ 200 ms, (2) ≤ 50 ms.
 *
 * Run: DATABASE_URL=postgres://… node --import tsx bench/incidents.ts   (without it: PGlite,
 * where LISTEN cannot cross connections and the broker's poller delivers instead).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { appRouter, createContextInner } from "@holmes/api";
import { createTestAuth, fakeUser } from "@holmes/api/testing";
import { startTimelineBroker } from "@holmes/db/live";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { incidentTimeline } from "@holmes/db/queries/incident-timeline";
import { declareIncident, postIncidentUpdate } from "@holmes/db/queries/incidents";
import { findingEvents, findings, incidentEvents, incidentUpdates, users } from "@holmes/db/schema";
import { createTestDatabase } from "@holmes/db/testing";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import superjson from "superjson";
import { benchEnv } from "./env";

const SUBSCRIBERS = 200;
const POSTS = 60;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const figures = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
};

const database = await createTestDatabase(benchEnv.DATABASE_URL ? "postgres" : "pglite");
const { db } = database;
const viewer = fakeUser("viewer");
const responder = fakeUser("responder");
await db.insert(users).values([
  { id: viewer.id, name: viewer.name, email: viewer.email, role: "viewer" },
  { id: responder.id, name: responder.name, email: responder.email, role: "responder" },
]);
const broker = await startTimelineBroker(database, { pollMs: 500, useListen: true });
const auth = createTestAuth(db);
const handler = createHTTPHandler({
  router: appRouter,
  createContext: () => ({
    ...createContextInner({ db, auth, user: viewer }),
    timelineBroker: async () => broker,
  }),
});
const server = createServer((req, res) => void handler(req, res));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;

const incident = await declareIncident(
  db,
  { title: "bench", severity: 2, hostIds: [], findingIds: [] },
  responder.id,
  new Date(),
);

/** One browser's SSE stream; resolves `waiters` when a doorbell with the wanted id arrives. */
function subscribe(onEvent: (id: string, at: number) => void, abort: AbortSignal) {
  const input = encodeURIComponent(
    JSON.stringify(superjson.serialize({ incidentId: incident.id })),
  );
  const opened = fetch(`http://127.0.0.1:${port}/incident.onTimeline?input=${input}`, {
    signal: abort,
    headers: { accept: "text/event-stream" },
  }).then(async (response) => {
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = block.match(/^id: ?(.*)$/m)?.[1];
        if (id) onEvent(id, performance.now());
      }
    }
  });
  return opened.catch(() => {});
}

async function benchDelivery() {
  const abort = new AbortController();
  const arrivals = new Map<string, number[]>();
  const record = (id: string, at: number) => arrivals.set(id, [...(arrivals.get(id) ?? []), at]);
  for (let i = 0; i < SUBSCRIBERS; i++) void subscribe(record, abort.signal);
  // Every stream opens with "sync": wait until all 200 are connected.
  while ((arrivals.get("sync")?.length ?? 0) < SUBSCRIBERS) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const toSecond: number[] = [];
  const toAll: number[] = [];
  for (let i = 0; i < POSTS; i++) {
    const started = performance.now();
    const { update } = await postIncidentUpdate(
      db,
      {
        incidentId: incident.id,
        body: `update ${i}`,
        audience: "internal",
        idempotencyKey: `bench-${i}`,
      },
      responder.id,
      new Date(),
    );
    const id = `seq:${update.seq}`;
    while ((arrivals.get(id)?.length ?? 0) < SUBSCRIBERS) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (performance.now() - started > 10_000) break;
    }
    const times = (arrivals.get(id) ?? []).sort((a, b) => a - b);
    toSecond.push((times[1] ?? Number.NaN) - started);
    toAll.push((times.at(-1) ?? Number.NaN) - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  abort.abort();
  return { toSecond: figures(toSecond), toAll: figures(toAll) };
}

async function seedLongTimeline() {
  const name = "bench-timeline-host";
  await addHosts(db, [{ name, address: "192.0.2.99" }]);
  const [host] = await listPollTargets(db, [name]);
  const long = await declareIncident(
    db,
    { title: "long", severity: 1, hostIds: [host?.id ?? ""], findingIds: [] },
    responder.id,
    new Date(Date.now() - 3 * 86_400_000),
  );
  const at = (i: number) => new Date(Date.now() - 2 * 86_400_000 + i * 30_000);
  const updates = Array.from({ length: 3_000 }, (_, i) => ({
    incidentId: long.id,
    authorId: responder.id,
    audience: i % 3 === 0 ? "public" : "internal",
    body: `Update ${i}: md2 rebuild at ${i % 100}%, watching sdd's pending sectors.`,
    idempotencyKey: `seed-${i}`,
    createdAt: at(i),
  }));
  for (let i = 0; i < updates.length; i += 500) {
    await db.insert(incidentUpdates).values(updates.slice(i, i + 500));
  }
  await db.insert(incidentEvents).values(
    Array.from({ length: 999 }, (_, i) => ({
      incidentId: long.id,
      actorId: responder.id,
      kind: "severity_changed",
      at: at(i * 3),
      data: { from: 1, to: 2 },
    })),
  );
  const [finding] = await db
    .insert(findings)
    .values({
      hostId: host?.id ?? "",
      ruleId: "md.degraded",
      objectKind: "array",
      objectName: "md2",
      severity: "warning",
      title: "md2 degraded",
      explanation: "",
      evidence: { values: {}, lines: [] },
      firstSeenAt: at(0),
      lastSeenAt: at(0),
    })
    .returning();
  await db.insert(findingEvents).values(
    Array.from({ length: 1_000 }, (_, i) => ({
      findingId: finding?.id ?? "",
      hostId: host?.id ?? "",
      at: at(i * 2),
      kind: i % 2 ? "severity_changed" : "acknowledged",
      severity: "warning",
      title: "md2 degraded",
    })),
  );
  return long.id;
}

async function benchTimeline(incidentId: string, limit: number) {
  const samples: number[] = [];
  let entries = 0;
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    const timeline = await incidentTimeline(db, incidentId, "all", new Date(), { limit });
    samples.push(performance.now() - started);
    entries = timeline?.length ?? 0;
  }
  return { entries, ...figures(samples.slice(5)) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(
  `bench/incidents on ${database.kind} (load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")})`,
);
const delivery = await benchDelivery();
console.log(
  `post → second subscriber (${SUBSCRIBERS} open, ${POSTS} posts): p50 ${ms(delivery.toSecond.p50)}  p95 ${ms(delivery.toSecond.p95)}  max ${ms(delivery.toSecond.max)}  target p95 ≤ 200 ms: ${delivery.toSecond.p95 <= 200 ? "PASS" : "FAIL"}`,
);
console.log(
  `post → all ${SUBSCRIBERS} subscribers:               p50 ${ms(delivery.toAll.p50)}  p95 ${ms(delivery.toAll.p95)}`,
);
const longIncident = await seedLongTimeline();
const page = await benchTimeline(longIncident, 500);
console.log(
  `timeline query, newest page of a 5,000-entry incident (${page.entries} entries): p50 ${ms(page.p50)}  p95 ${ms(page.p95)}  target p95 ≤ 50 ms: ${page.p95 <= 50 ? "PASS" : "FAIL"}`,
);
const whole = await benchTimeline(longIncident, 5_000);
console.log(
  `timeline query, all at once (${whole.entries} entries): p50 ${ms(whole.p50)}  p95 ${ms(whole.p95)}`,
);
server.closeAllConnections();
server.close();
await broker.close();
await database.close();
process.exit(0);

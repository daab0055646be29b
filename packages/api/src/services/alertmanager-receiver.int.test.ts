import { addHosts } from "@holmes/db/queries/hosts";
import { createIntakeToken, revokeIntakeToken } from "@holmes/db/queries/intake-tokens";
import {
  incidentEvents,
  incidentHosts,
  incidents,
  incidentUpdates,
  intakeTokens,
} from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { handleAlertmanagerRequest } from "./alertmanager-receiver";
import { generateIntakeToken } from "./integration-secrets";

function alert(fingerprint: string, labels: Record<string, string>, status = "firing") {
  return {
    status,
    labels: { alertname: "MdArrayDegraded", severity: "critical", ...labels },
    annotations: { summary: `md2 degraded on ${labels.instance ?? "?"}` },
    startsAt: "2024-05-01T10:00:00.123456789Z",
    endsAt: status === "firing" ? "0001-01-01T00:00:00Z" : "2024-05-01T11:00:00Z",
    generatorURL: "http://prometheus:9090/graph?g0.expr=node_md_disks",
    fingerprint,
  };
}

function payload(groupKey: string, alerts: unknown[], overrides: Record<string, unknown> = {}) {
  return {
    version: "4",
    groupKey,
    truncatedAlerts: 0,
    status: "firing",
    receiver: "holmes",
    groupLabels: { alertname: "MdArrayDegraded" },
    commonLabels: { alertname: "MdArrayDegraded", severity: "critical" },
    commonAnnotations: { summary: "md2 degraded", description: "A member of md2 failed." },
    externalURL: "http://alertmanager:9093",
    alerts,
    ...overrides,
  };
}

/** Every field a response may carry; each test reads the ones its status implies. */
type IntakeResponseBody = {
  error: string;
  issues: Array<{ path: string; message: string }>;
  action: string;
  incidentId: string;
  incidentNumber: number;
  fired: number;
  resolved: number;
};

describe.each(testDatabaseKinds())("POST /api/alertmanager on %s", (kind) => {
  const database = useTestDatabase(kind);
  const { token, tokenSha256 } = generateIntakeToken();
  const logged: string[] = [];

  beforeAll(async () => {
    const { db } = database();
    await createIntakeToken(db, { name: "alertmanager-prod", tokenSha256, createdBy: null });
    await addHosts(db, [
      { name: "stor-a07", address: "10.0.7.7" },
      { name: "stor-b01", address: "10.0.1.1" },
    ]);
  });

  /** The handler the route file calls, with a real Request, as Next hands it over. */
  async function post(body: unknown, bearer: string | null = token) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    const request = new Request("http://holmes.test/api/alertmanager", {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const response = await handleAlertmanagerRequest(request, {
      db: database().db,
      log: (line) => logged.push(line),
    });
    return { status: response.status, body: (await response.json()) as IntakeResponseBody };
  }

  async function counts() {
    const { db } = database();
    const [i] = await db.select({ n: count() }).from(incidents);
    const [e] = await db.select({ n: count() }).from(incidentEvents);
    const [u] = await db.select({ n: count() }).from(incidentUpdates);
    const [t] = await db
      .select({ lastUsedAt: intakeTokens.lastUsedAt })
      .from(intakeTokens)
      .where(eq(intakeTokens.tokenSha256, tokenSha256));
    return { incidents: i?.n, events: e?.n, updates: u?.n, tokenUsed: t?.lastUsedAt !== null };
  }

  async function eventsOf(incidentId: string) {
    return database()
      .db.select({ kind: incidentEvents.kind, data: incidentEvents.data })
      .from(incidentEvents)
      .where(eq(incidentEvents.incidentId, incidentId))
      .orderBy(asc(incidentEvents.seq));
  }

  it("refuses a missing or wrong token with 401 and a JSON error", async () => {
    const body = payload("g-auth", [alert("f0", { instance: "stor-a07:9100" })]);
    const missing = await post(body, null);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatch(/bearer token/i);
    const wrong = await post(body, `${token}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/unknown or revoked/i);
    expect(await counts()).toMatchObject({ incidents: 0, events: 0, tokenUsed: false });
  });

  it("refuses an invalid payload with 400 naming the field, logs it without the token, writes nothing", async () => {
    const before = await counts();
    const broken = payload("g-bad", [{ ...alert("f1", {}), labels: "not-a-map" }]);
    const response = await post(broken);
    expect(response.status).toBe(400);
    expect(response.body.error).toContain("alerts.0.labels");
    expect(response.body.issues[0]?.path).toBe("alerts.0.labels");
    expect(await counts()).toEqual(before);
    const line = logged.find((entry) => entry.includes("alerts.0.labels"));
    expect(line).toContain("alertmanager-prod");
    expect(logged.join("\n")).not.toContain(token);

    const notJson = await post("{ nope");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/not valid JSON/);
    const wrongVersion = await post(payload("g-bad", [alert("f1", {})], { version: "3" }));
    expect(wrongVersion.body.error).toContain("version");
    expect(await counts()).toEqual(before);
  });

  it("refuses a body over 1 MB with 413, even without a Content-Length", async () => {
    const big = payload("g-big", [alert("f2", { note: "x".repeat(1_100_000) })]);
    const body = JSON.stringify(big);
    const request = new Request("http://holmes.test/api/alertmanager", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      // A stream has no Content-Length: the limit is enforced while reading.
      body: new Blob([body]).stream(),
      duplex: "half",
    } as RequestInit);
    const response = await handleAlertmanagerRequest(request, {
      db: database().db,
      log: (line) => logged.push(line),
    });
    expect(response.status).toBe(413);
    expect(await counts()).toMatchObject({ incidents: 0 });
  });

  it("declares an incident for a new firing group, with severity, title and matched hosts", async () => {
    const response = await post(
      payload("g-md2", [
        alert("fp-a07", { instance: "stor-a07:9100" }),
        alert("fp-b01", { instance: "10.0.1.1:9100", severity: "warning" }),
      ]),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ action: "declared", fired: 2, resolved: 0 });
    const { db } = database();
    const [incident] = await db
      .select()
      .from(incidents)
      .where(eq(incidents.id, response.body.incidentId));
    expect(incident).toMatchObject({
      title: "md2 degraded",
      severity: 2,
      source: "alertmanager",
      alertGroupKey: "g-md2",
      status: "investigating",
      acknowledgedAt: null,
      startedAt: new Date("2024-05-01T10:00:00.123Z"),
    });
    const hostRows = await db
      .select({ hostId: incidentHosts.hostId })
      .from(incidentHosts)
      .where(eq(incidentHosts.incidentId, response.body.incidentId));
    expect(hostRows).toHaveLength(2);
    const events = await eventsOf(response.body.incidentId);
    expect(events.map((event) => event.kind)).toEqual(["declared", "alert_fired"]);
    expect(events[1]?.data).toMatchObject({
      message: expect.stringContaining("2 alerts fired"),
      alerts: [{ fingerprint: "fp-a07" }, { fingerprint: "fp-b01" }],
    });
    expect((await counts()).tokenUsed).toBe(true);
  });

  it("appends to the open incident for the same group key, once per alert", async () => {
    const { db } = database();
    const again = await post(payload("g-md2", [alert("fp-a07", { instance: "stor-a07:9100" })]));
    expect(again.body).toMatchObject({ action: "appended", fired: 0 });
    const more = await post(
      payload("g-md2", [
        alert("fp-a07", { instance: "stor-a07:9100" }),
        alert("fp-c03", { instance: "stor-c03:9100" }),
      ]),
    );
    expect(more.body).toMatchObject({ action: "appended", fired: 1 });
    expect(more.body.incidentId).toBe(again.body.incidentId);
    const open = await db.select().from(incidents).where(eq(incidents.alertGroupKey, "g-md2"));
    expect(open).toHaveLength(1);
    const kinds = (await eventsOf(more.body.incidentId)).map((event) => event.kind);
    expect(kinds).toEqual(["declared", "alert_fired", "alert_fired"]);
  });

  it("records resolved alerts on the timeline without resolving the incident", async () => {
    const resolved = await post(
      payload("g-md2", [alert("fp-a07", { instance: "stor-a07:9100" }, "resolved")], {
        status: "resolved",
      }),
    );
    expect(resolved.body).toMatchObject({ action: "appended", fired: 0, resolved: 1 });
    const events = await eventsOf(resolved.body.incidentId);
    const last = events.at(-1);
    expect(last?.kind).toBe("alert_resolved");
    expect(last?.data.note).toMatch(/does not resolve the incident/);
    const [incident] = await database()
      .db.select({ status: incidents.status })
      .from(incidents)
      .where(eq(incidents.id, resolved.body.incidentId));
    expect(incident?.status).toBe("investigating");
    const repeat = await post(
      payload("g-md2", [alert("fp-a07", { instance: "stor-a07:9100" }, "resolved")], {
        status: "resolved",
      }),
    );
    expect(repeat.body).toMatchObject({ resolved: 0 });
  });

  it("ignores resolved alerts of a group it never saw", async () => {
    const response = await post(
      payload("g-never", [alert("fp-x", {}, "resolved")], { status: "resolved" }),
    );
    expect(response.body).toMatchObject({ action: "ignored", incidentId: null });
  });

  it("opens exactly one incident when the same new group is posted concurrently", async () => {
    const body = payload("g-race", [alert("fp-race", { instance: "stor-b01:9100" })]);
    const responses = await Promise.all(Array.from({ length: 6 }, () => post(body)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const ids = new Set(responses.map((response) => response.body.incidentId));
    expect(ids.size).toBe(1);
    const actions = responses.map((response) => response.body.action).sort();
    expect(actions).toEqual([
      "appended",
      "appended",
      "appended",
      "appended",
      "appended",
      "declared",
    ]);
    const { db } = database();
    const rows = await db.select().from(incidents).where(eq(incidents.alertGroupKey, "g-race"));
    expect(rows).toHaveLength(1);
    const kinds = (await eventsOf(rows[0]?.id ?? "")).map((event) => event.kind);
    expect(kinds).toEqual(["declared", "alert_fired"]);
  });

  it("declares a new incident for a group whose last one was resolved, and refuses a revoked token", async () => {
    const { db } = database();
    await db
      .update(incidents)
      .set({ status: "resolved" })
      .where(eq(incidents.alertGroupKey, "g-race"));
    const response = await post(payload("g-race", [alert("fp-race-2", {})]));
    expect(response.body).toMatchObject({ action: "declared" });
    const rows = await db.select().from(incidents).where(eq(incidents.alertGroupKey, "g-race"));
    expect(rows).toHaveLength(2);

    const [row] = await db
      .select({ id: intakeTokens.id })
      .from(intakeTokens)
      .where(eq(intakeTokens.tokenSha256, tokenSha256));
    await revokeIntakeToken(db, row?.id ?? "", new Date());
    const refused = await post(payload("g-race", [alert("fp-race-3", {})]));
    expect(refused.status).toBe(401);
  });
});

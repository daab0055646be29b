import { describe, expect, it } from "vitest";
import { buildWebhookPayload, escapeSlack } from "./webhook-events";

const incident = {
  id: "7f1c7d2e-0000-4000-8000-000000000001",
  number: 12,
  title: "md2 degraded on <stor-a07> & friends",
  severity: 2,
  status: "investigating",
  source: "manual",
  startedAt: new Date("2024-05-01T10:00:00Z"),
  resolvedAt: null,
};

describe("webhook payloads", () => {
  it("escapes Slack's control characters", () => {
    expect(escapeSlack("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
  });

  it("summarises each event in one line", () => {
    const text = (event: Parameters<typeof buildWebhookPayload>[0], extra = {}) =>
      buildWebhookPayload(event, incident, extra).text;
    expect(text("incident.declared")).toBe(
      "INC-12 · SEV2 · declared (investigating): md2 degraded on &lt;stor-a07&gt; &amp; friends",
    );
    expect(
      text("incident.status_changed", { change: { from: "investigating", to: "identified" } }),
    ).toContain("status investigating → identified");
    expect(text("incident.severity_changed", { change: { from: 3, to: 2 } })).toContain(
      "severity SEV3 → SEV2",
    );
    const update = text("incident.update_posted", {
      update: { audience: "internal", body: "Spare <rebuilding>\nsecond line", statusChange: null },
    });
    expect(update).toContain("internal update");
    expect(update).toContain("Spare &lt;rebuilding&gt;");
    expect(update).not.toContain("second line");
    expect(text("incident.resolved")).toContain("resolved:");
    expect(text("incident.resolved")).not.toContain("\n");
  });

  it("carries the incident's public-safe fields and ISO times", () => {
    const payload = buildWebhookPayload("incident.declared", incident);
    expect(payload.incident).toEqual({
      id: incident.id,
      number: 12,
      title: incident.title,
      severity: 2,
      status: "investigating",
      source: "manual",
      startedAt: "2024-05-01T10:00:00.000Z",
      resolvedAt: null,
    });
  });
});

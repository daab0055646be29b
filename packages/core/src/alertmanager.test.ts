import { describe, expect, it } from "vitest";
import {
  type AlertmanagerPayload,
  AlertmanagerPayloadSchema,
  alertGroupSeverity,
  alertGroupTitle,
  alertHostCandidates,
  describeAlerts,
  severityFromLabel,
  stripPort,
  toAlertRecord,
} from "./alertmanager";

function alert(labels: Record<string, string>, overrides: Record<string, unknown> = {}) {
  return {
    status: "firing",
    labels: { alertname: "DiskFailing", ...labels },
    annotations: {},
    startsAt: "2024-05-01T10:00:00.123456789Z",
    endsAt: "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus:9090/graph?g0.expr=x",
    fingerprint: "a1b2c3d4e5f60718",
    ...overrides,
  };
}

function payload(overrides: Record<string, unknown> = {}): AlertmanagerPayload {
  return AlertmanagerPayloadSchema.parse({
    version: "4",
    groupKey: '{}:{alertname="DiskFailing"}',
    status: "firing",
    receiver: "holmes",
    groupLabels: { alertname: "DiskFailing" },
    commonLabels: { alertname: "DiskFailing" },
    commonAnnotations: {},
    externalURL: "http://alertmanager:9093",
    alerts: [alert({ instance: "stor-a07:9100", severity: "critical" })],
    truncatedAlerts: 0,
    ...overrides,
  });
}

describe("Alertmanager payload schema", () => {
  it("accepts a real v4 payload with nanosecond times and unknown extra fields", () => {
    expect(payload().alerts[0]?.labels.instance).toBe("stor-a07:9100");
  });

  it.each([
    [{ version: "3" }, "version"],
    [{ alerts: [] }, "alerts"],
    [{ alerts: [alert({}, { labels: "oops" })] }, "alerts.0.labels"],
    [{ alerts: [alert({}, { labels: { severity: 2 } })] }, "alerts.0.labels.severity"],
    [{ alerts: [alert({}, { startsAt: "yesterday" })] }, "alerts.0.startsAt"],
    [{ alerts: [alert({}, { status: "pending" })] }, "alerts.0.status"],
    [{ groupKey: "" }, "groupKey"],
  ])("refuses %j at %s", (override, path) => {
    const result = AlertmanagerPayloadSchema.safeParse({ ...payload(), ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});

describe("severity mapping", () => {
  it.each([
    ["critical", 2],
    ["CRITICAL", 2],
    ["warning", 3],
    ["info", 4],
    ["page", 3],
    [undefined, 3],
  ])("%s → SEV%d", (label, level) => {
    expect(severityFromLabel(label)).toBe(level);
  });

  it("takes the most severe firing alert, ignoring resolved ones", () => {
    const mixed = payload({
      alerts: [
        alert({ severity: "warning" }),
        alert({ severity: "critical" }, { status: "resolved", fingerprint: "ff" }),
        alert({ severity: "info" }, { fingerprint: "ee" }),
      ],
    });
    expect(alertGroupSeverity(mixed)).toBe(3);
  });

  it("falls back to the common label, then to SEV3", () => {
    const plain = payload({ alerts: [alert({})], commonLabels: { severity: "info" } });
    expect(alertGroupSeverity(plain)).toBe(4);
    expect(alertGroupSeverity(payload({ alerts: [alert({})], commonLabels: {} }))).toBe(3);
  });
});

describe("title", () => {
  it("prefers the summary annotation, then the alert name", () => {
    expect(alertGroupTitle(payload({ commonAnnotations: { summary: "md2 degraded" } }))).toBe(
      "md2 degraded",
    );
    expect(alertGroupTitle(payload())).toBe("DiskFailing");
  });

  it("keeps a terse name valid and a long one within 200 characters", () => {
    const terse = payload({
      commonLabels: { alertname: "X" },
      alerts: [alert({ alertname: "X" })],
    });
    expect(alertGroupTitle(terse)).toBe("Alert: X");
    const long = alertGroupTitle(payload({ commonAnnotations: { summary: "y".repeat(500) } }));
    expect(long).toHaveLength(200);
  });
});

describe("host candidates", () => {
  it.each([
    ["web1:9100", "web1"],
    ["10.0.0.5:9100", "10.0.0.5"],
    ["10.0.0.5", "10.0.0.5"],
    ["[2001:db8::1]:9100", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
    [" web1.example.org ", "web1.example.org"],
  ])("strips the port of %s", (instance, host) => {
    expect(stripPort(instance)).toBe(host);
  });

  it("collects instance, host and hostname labels, lower-cased, once each", () => {
    const many = payload({
      commonLabels: { alertname: "DiskFailing" },
      alerts: [
        alert({ instance: "Stor-A07:9100" }),
        alert({ host: "stor-a07" }, { fingerprint: "2" }),
        alert({ hostname: "stor-b01", job: "node" }, { fingerprint: "3" }),
      ],
    });
    expect(alertHostCandidates(many)).toEqual(["stor-a07", "stor-b01"]);
  });
});

describe("alert records", () => {
  it("normalises times, drops Go's zero end time, and keys on status+fingerprint+start", () => {
    const record = toAlertRecord(payload().alerts[0] as AlertmanagerPayload["alerts"][number]);
    expect(record).toMatchObject({
      alertname: "DiskFailing",
      startsAt: "2024-05-01T10:00:00.123Z",
      endsAt: null,
      dedupKey: "firing:a1b2c3d4e5f60718:2024-05-01T10:00:00.123Z",
    });
  });

  it("describes a batch in one line", () => {
    const records = payload({
      alerts: [alert({ instance: "a:1" }), alert({ instance: "b:1" }, { fingerprint: "2" })],
    }).alerts.map(toAlertRecord);
    expect(describeAlerts(records, "firing")).toBe(
      "2 alerts fired: DiskFailing (a:1), DiskFailing (b:1)",
    );
  });
});

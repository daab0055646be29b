import { z } from "zod";

/**
 * Prometheus Alertmanager's webhook payload, version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). Unknown fields
 * (`truncatedAlerts`, anything newer) are ignored rather than refused, so an Alertmanager upgrade
 * does not stop intake. Timestamps are RFC 3339 with up to nanoseconds; a firing alert's `endsAt`
 * is Go's zero time, 0001-01-01T00:00:00Z.
 */
const LabelSetSchema = z.record(z.string(), z.string());
const TimestampSchema = z.iso.datetime({ offset: true });

export const AlertmanagerAlertSchema = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: LabelSetSchema,
  annotations: LabelSetSchema,
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  generatorURL: z.string(),
  fingerprint: z.string().min(1),
});
export type AlertmanagerAlert = z.infer<typeof AlertmanagerAlertSchema>;

export const AlertmanagerPayloadSchema = z.object({
  version: z.literal("4"),
  groupKey: z.string().min(1).max(2000),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string(),
  groupLabels: LabelSetSchema,
  commonLabels: LabelSetSchema,
  commonAnnotations: LabelSetSchema,
  externalURL: z.string(),
  alerts: z.array(AlertmanagerAlertSchema).min(1),
});
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayloadSchema>;

/** Alertmanager's `severity` label → Holmes SEV level; anything else is SEV3. */
const SEVERITY_BY_LABEL: Record<string, number> = { critical: 2, warning: 3, info: 4 };
export const DEFAULT_ALERT_SEVERITY = 3;

export function severityFromLabel(label: string | undefined): number {
  return SEVERITY_BY_LABEL[label?.trim().toLowerCase() ?? ""] ?? DEFAULT_ALERT_SEVERITY;
}

/** The most severe level among the firing alerts (falling back to the group's common label). */
export function alertGroupSeverity(payload: AlertmanagerPayload): number {
  const firing = payload.alerts.filter((alert) => alert.status === "firing");
  const levels = firing
    .filter((alert) => alert.labels.severity !== undefined)
    .map((alert) => severityFromLabel(alert.labels.severity));
  if (levels.length > 0) return Math.min(...levels);
  return severityFromLabel(payload.commonLabels.severity);
}

const MAX_TITLE = 200;

/** The incident title: the group's summary annotation, else its alert name. */
export function alertGroupTitle(payload: AlertmanagerPayload): string {
  const candidate =
    payload.commonAnnotations.summary?.trim() ||
    payload.commonLabels.alertname?.trim() ||
    payload.alerts.find((alert) => alert.labels.alertname)?.labels.alertname?.trim() ||
    "";
  // Incident titles need 3+ characters; "Alert: X" keeps a terse alert name valid.
  const title = candidate.length >= 3 ? candidate : `Alert: ${candidate || payload.receiver}`;
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

const HOST_LABELS = ["instance", "host", "hostname"] as const;

/**
 * `web1:9100` → `web1`, `[2001:db8::1]:9100` → `2001:db8::1`, `10.0.0.5` → `10.0.0.5`. A bare
 * IPv6 address (several colons, no brackets) is left whole: its last group is not a port.
 */
export function stripPort(instance: string): string {
  const value = instance.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) return bracketed[1];
  const colons = value.split(":").length - 1;
  if (colons === 1) return value.replace(/:\d+$/, "");
  return value;
}

/** Host names or addresses the firing alerts point at, lower-cased and without ports. */
export function alertHostCandidates(payload: AlertmanagerPayload): string[] {
  const found = new Set<string>();
  const labelSets = [payload.commonLabels, ...payload.alerts.map((alert) => alert.labels)];
  for (const labels of labelSets) {
    for (const key of HOST_LABELS) {
      const value = labels[key];
      if (value?.trim()) found.add(stripPort(value).toLowerCase());
    }
  }
  return [...found];
}

/** Go's zero time: Alertmanager's way of saying "no end yet". */
function isZeroTime(value: string): boolean {
  return value.startsWith("0001-01-01");
}

export type AlertRecord = {
  alertname: string | null;
  status: "firing" | "resolved";
  fingerprint: string;
  startsAt: string;
  endsAt: string | null;
  labels: Record<string, string>;
  summary: string | null;
  generatorURL: string | null;
  /** fingerprint + startsAt + status: Alertmanager repeats a group's alerts on every notify. */
  dedupKey: string;
};

/** What the timeline keeps of one alert; times normalised to ISO so a repeat matches exactly. */
export function toAlertRecord(alert: AlertmanagerAlert): AlertRecord {
  const startsAt = new Date(alert.startsAt).toISOString();
  return {
    alertname: alert.labels.alertname ?? null,
    status: alert.status,
    fingerprint: alert.fingerprint,
    startsAt,
    endsAt: isZeroTime(alert.endsAt) ? null : new Date(alert.endsAt).toISOString(),
    labels: alert.labels,
    summary: alert.annotations.summary ?? alert.annotations.description ?? null,
    generatorURL: alert.generatorURL || null,
    dedupKey: `${alert.status}:${alert.fingerprint}:${startsAt}`,
  };
}

/** One line for the timeline: "2 alerts fired: DiskFailing (web1), DiskFailing (web2)". */
export function describeAlerts(records: AlertRecord[], status: "firing" | "resolved"): string {
  const verb = status === "firing" ? "fired" : "resolved";
  const names = records.slice(0, 5).map((record) => {
    const where = record.labels.instance ?? record.labels.host ?? record.labels.hostname;
    return `${record.alertname ?? record.fingerprint}${where ? ` (${where})` : ""}`;
  });
  const more = records.length > 5 ? `, and ${records.length - 5} more` : "";
  const count = records.length === 1 ? "1 alert" : `${records.length} alerts`;
  return `${count} ${verb}: ${names.join(", ")}${more}`;
}

/** Said on every resolved-alert entry, so nobody waits for Holmes to close the incident. */
export const ALERT_RESOLVED_NOTE =
  "Alertmanager reports these alerts resolved. Holmes does not resolve the incident by itself: a responder decides.";

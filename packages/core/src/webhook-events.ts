/**
 * What outbound webhooks send. Webhooks are destinations an admin configured (a team chat, a
 * paging bridge), so they receive internal updates too; each update carries its `audience`, and a
 * receiver that republishes somewhere public must drop the internal ones.
 */
export const WEBHOOK_EVENTS = [
  "incident.declared",
  "incident.status_changed",
  "incident.severity_changed",
  "incident.update_posted",
  "incident.resolved",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The incident as a webhook sees it; deliberately no host names, findings or people's ids. */
export type WebhookIncident = {
  id: string;
  number: number;
  title: string;
  severity: number;
  status: string;
  source: string;
  startedAt: string;
  resolvedAt: string | null;
};

export type WebhookPayload = {
  event: WebhookEvent;
  incident: WebhookIncident;
  /** For status and severity changes. */
  change?: { from: string | number; to: string | number };
  /** For posted updates. */
  update?: { audience: string; body: string; statusChange: string | null };
  /** One line a Slack incoming webhook shows as is (`&`, `<`, `>` escaped). */
  text: string;
};

type IncidentLike = {
  id: string;
  number: number;
  title: string;
  severity: number;
  status: string;
  source: string;
  startedAt: Date;
  resolvedAt: Date | null;
};

export function toWebhookIncident(incident: IncidentLike): WebhookIncident {
  return {
    id: incident.id,
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    source: incident.source,
    startedAt: incident.startedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
  };
}

/** Slack's mrkdwn treats these three as control characters. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const MAX_EXCERPT = 200;

function firstLine(body: string): string {
  const line = body.trim().split("\n")[0]?.trim() ?? "";
  return line.length > MAX_EXCERPT ? `${line.slice(0, MAX_EXCERPT - 1)}…` : line;
}

/** The one-line summary: `INC-12 · SEV2 · declared: md2 degraded on stor-a07`. */
export function webhookText(payload: Omit<WebhookPayload, "text">): string {
  const { incident, change, update } = payload;
  const head = `INC-${incident.number} · SEV${incident.severity}`;
  const title = escapeSlack(incident.title);
  switch (payload.event) {
    case "incident.declared":
      return `${head} · declared (${incident.status}): ${title}`;
    case "incident.status_changed":
      return `${head} · status ${change?.from ?? "?"} → ${change?.to ?? incident.status}: ${title}`;
    case "incident.severity_changed":
      return `${head} · severity SEV${change?.from ?? "?"} → SEV${change?.to ?? incident.severity}: ${title}`;
    case "incident.update_posted":
      return `${head} · ${update?.audience ?? "internal"} update on ${title}: ${escapeSlack(firstLine(update?.body ?? ""))}`;
    case "incident.resolved":
      return `${head} · resolved: ${title}`;
  }
}

export function buildWebhookPayload(
  event: WebhookEvent,
  incident: IncidentLike,
  extra: Pick<WebhookPayload, "change" | "update"> = {},
): WebhookPayload {
  const base = { event, incident: toWebhookIncident(incident), ...extra };
  return { ...base, text: webhookText(base) };
}

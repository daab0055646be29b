import type { IncidentStatus } from "@holmes/core";

/*
 * The public page is rendered on the server for visitors anywhere, so every time is shown in UTC
 * and says so; a browser-local time would need client code and differ between server and client.
 */

const TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const DAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

export function formatUtc(date: Date): string {
  return `${TIME.format(date)} UTC`;
}

export function formatDay(date: Date): string {
  return DAY.format(date);
}

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

/** Items grouped by the UTC day of `dateOf`, newest day first, keeping the input order inside. */
export function groupByDay<T>(items: readonly T[], dateOf: (item: T) => Date) {
  const days = new Map<string, { day: Date; items: T[] }>();
  for (const item of items) {
    const date = dateOf(item);
    const key = date.toISOString().slice(0, 10);
    const group = days.get(key) ?? { day: new Date(`${key}T00:00:00Z`), items: [] };
    group.items.push(item);
    days.set(key, group);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([key, group]) => ({ key, ...group }));
}

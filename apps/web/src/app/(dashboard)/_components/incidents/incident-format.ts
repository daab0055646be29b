import { formatDuration } from "@holmes/ui";

/** "INC-42": what people say on a call, and the page's URL. */
export const incidentRef = (number: number) => `INC-${number}`;
export const incidentHref = (number: number) => `/incidents/${incidentRef(number)}`;

/** How long it has lasted: to resolution, or to `now` while it is open. */
export function incidentDuration(
  incident: { startedAt: Date; resolvedAt: Date | null },
  now: Date,
): string {
  const end = incident.resolvedAt ?? now;
  return formatDuration((end.getTime() - incident.startedAt.getTime()) / 1000);
}

/** A Date as the value of `<input type="datetime-local">`, in the browser's time zone. */
export function toLocalInput(at: Date | null | undefined): string {
  if (!at) return "";
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The inverse: a datetime-local value (local time) as a Date; "" is no date. */
export function fromLocalInput(value: string): Date | undefined {
  if (!value) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export function formatDateTime(at: Date): string {
  return at.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

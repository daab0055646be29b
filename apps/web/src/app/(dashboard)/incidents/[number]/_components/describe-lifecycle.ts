import { describeRunbookEvent } from "~/components/runbook-timeline";

type Lookup = {
  hostName: (id: string) => string | undefined;
  severityName: (level: number) => string;
};

const ROLE_NAMES: Record<string, string> = {
  commander: "incident commander",
  scribe: "scribe",
  commsLead: "communications lead",
};

const TIME_FIELDS: Record<string, string> = {
  startedAt: "start",
  detectedAt: "detection time",
  mitigatedAt: "mitigation time",
};

const str = (value: unknown) => (typeof value === "string" ? value : String(value ?? "—"));
const when = (value: unknown) =>
  value
    ? new Date(str(value)).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })
    : "none";

/** A lifecycle entry as the rest of a sentence whose subject is its actor ("changed …"). */
export function describeLifecycle(
  entry: { kind: string; data: Record<string, unknown> },
  lookup: Lookup,
): string {
  const { data } = entry;
  switch (entry.kind) {
    case "declared":
      return `declared the incident (${lookup.severityName(Number(data.severity))})`;
    case "status_changed":
      return `changed the status from ${str(data.from)} to ${str(data.to)}`;
    case "reopened":
      return `reopened the incident (${str(data.to)})`;
    case "severity_changed":
      return `changed the severity from ${lookup.severityName(Number(data.from))} to ${lookup.severityName(Number(data.to))}`;
    case "title_changed":
      return `renamed the incident from “${str(data.from)}” to “${str(data.to)}”`;
    case "role_changed": {
      const role = ROLE_NAMES[str(data.role)] ?? str(data.role);
      return data.to ? `assigned a new ${role}` : `removed the ${role}`;
    }
    case "hosts_changed": {
      const names = (ids: unknown) =>
        (Array.isArray(ids) ? ids : []).map((id) => lookup.hostName(str(id)) ?? "a former host");
      const added = names(data.added);
      const removed = names(data.removed);
      return [
        added.length ? `added ${added.join(", ")}` : "",
        removed.length ? `removed ${removed.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ");
    }
    case "time_changed":
      return `set the ${TIME_FIELDS[str(data.field)] ?? str(data.field)} to ${when(data.to)}`;
    default:
      if (entry.kind.startsWith("runbook.")) return describeRunbookEvent(entry.kind, data);
      return typeof data.message === "string" ? data.message : entry.kind.replaceAll("_", " ");
  }
}

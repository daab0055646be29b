import type { IncidentStatus, UpdateIncidentInput } from "@holmes/core";
import { fromLocalInput, toLocalInput } from "../../../_components/incidents/incident-format";

type Editable = {
  title: string;
  severity: number;
  status: string;
  commanderId: string | null;
  scribeId: string | null;
  commsLeadId: string | null;
  hosts: Array<{ id: string }>;
  startedAt: Date;
  detectedAt: Date | null;
  mitigatedAt: Date | null;
};

/** The edit form's values: plain strings, "" for an empty role or time (local time zone). */
export type EditForm = ReturnType<typeof toEditForm>;

export function toEditForm(incident: Editable) {
  return {
    title: incident.title,
    severity: incident.severity,
    status: incident.status as IncidentStatus,
    commander: incident.commanderId ?? "",
    scribe: incident.scribeId ?? "",
    commsLead: incident.commsLeadId ?? "",
    hostIds: incident.hosts.map((h) => h.id),
    startedAt: toLocalInput(incident.startedAt),
    detectedAt: toLocalInput(incident.detectedAt),
    mitigatedAt: toLocalInput(incident.mitigatedAt),
  };
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((value) => b.includes(value));

/**
 * Only what the person changed, compared with what they saw when they opened the form: the
 * server applies fields one by one, so an unchanged field is never re-sent (and never reverts
 * someone else's newer value).
 */
export function toIncidentUpdate(
  seen: EditForm,
  form: EditForm,
): Omit<UpdateIncidentInput, "incidentId" | "expectedVersion"> {
  const update: Omit<UpdateIncidentInput, "incidentId" | "expectedVersion"> = {};
  if (form.title !== seen.title) update.title = form.title;
  if (form.severity !== seen.severity) update.severity = form.severity;
  if (form.status !== seen.status) update.status = form.status;
  // The schema's roles record takes all three at once; unchanged ones are no-ops on the server.
  const roles = ["commander", "scribe", "commsLead"] as const;
  if (roles.some((role) => form[role] !== seen[role])) {
    update.roles = {
      commander: form.commander || null,
      scribe: form.scribe || null,
      commsLead: form.commsLead || null,
    };
  }
  if (!sameSet(form.hostIds, seen.hostIds)) update.hostIds = form.hostIds;
  if (form.startedAt !== seen.startedAt && form.startedAt) {
    update.startedAt = fromLocalInput(form.startedAt);
  }
  for (const field of ["detectedAt", "mitigatedAt"] as const) {
    if (form[field] !== seen[field]) update[field] = fromLocalInput(form[field]) ?? null;
  }
  return update;
}

"use client";

import { INCIDENT_STATUSES, type IncidentStatus } from "@holmes/core";
import { useId } from "react";
import { Field, INPUT_CLASS } from "../../../_components/incidents/field";
import { HostPicker } from "../../../_components/incidents/host-picker";
import { STATUS_LABELS } from "../../../_components/incidents/incident-status-badge";
import { useSeverities } from "../../../_components/incidents/use-severities";
import type { EditForm } from "./edit-diff";

const ROLES = [
  ["commander", "Incident commander"],
  ["scribe", "Scribe"],
  ["commsLead", "Communications lead"],
] as const;

const TIMES = [
  ["startedAt", "Started"],
  ["detectedAt", "Detected"],
  ["mitigatedAt", "Mitigated"],
] as const;

/** The editable incident fields; the chosen severity's definition is shown under it. */
export function EditFields(props: {
  form: EditForm;
  onChange: (patch: Partial<EditForm>) => void;
  people: Array<{ id: string; name: string }>;
}) {
  const id = useId();
  const { form, onChange: set, people } = props;
  const { severities, byLevel } = useSeverities();
  return (
    <>
      <Field id={`${id}-title`} label="Title">
        <input
          id={`${id}-title`}
          value={form.title}
          onChange={(e) => set({ title: e.target.value })}
          className={INPUT_CLASS}
        />
      </Field>
      <Field id={`${id}-severity`} label="Severity" hint={byLevel.get(form.severity)?.description}>
        <select
          id={`${id}-severity`}
          aria-describedby={`${id}-severity-hint`}
          value={form.severity}
          onChange={(e) => set({ severity: Number(e.target.value) })}
          className={INPUT_CLASS}
        >
          {severities.map((s) => (
            <option key={s.level} value={s.level}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-status`} label="Status">
        <select
          id={`${id}-status`}
          value={form.status}
          onChange={(e) => set({ status: e.target.value as IncidentStatus })}
          className={INPUT_CLASS}
        >
          {INCIDENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      {ROLES.map(([role, label]) => (
        <Field key={role} id={`${id}-${role}`} label={label}>
          <select
            id={`${id}-${role}`}
            value={form[role]}
            onChange={(e) => set({ [role]: e.target.value })}
            className={INPUT_CLASS}
          >
            <option value="">Unassigned</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      ))}
      {TIMES.map(([field, label]) => (
        <Field key={field} id={`${id}-${field}`} label={label}>
          <input
            id={`${id}-${field}`}
            type="datetime-local"
            value={form[field]}
            onChange={(e) => set({ [field]: e.target.value })}
            className={INPUT_CLASS}
          />
        </Field>
      ))}
      <div className="md:col-span-2">
        <Field id={`${id}-hosts`} label="Affected hosts">
          <HostPicker
            id={`${id}-hosts`}
            value={form.hostIds}
            onChange={(hostIds) => set({ hostIds })}
          />
        </Field>
      </div>
    </>
  );
}

import type { RouterOutputs } from "@holmes/api";
import { COMPONENT_STATUS_LABELS } from "@holmes/core";
import Link from "next/link";
import type { ReactNode } from "react";
import { ComponentStatusBadge } from "~/components/component-status-badge";
import { formatUtc, INCIDENT_STATUS_LABELS } from "./format";

export type PublicIncident = RouterOutputs["statusPage"]["incident"];

/** The heading block of a public incident: title, impact, status, times, components. */
export function IncidentSummary(props: { incident: PublicIncident; isLinked?: boolean }) {
  const { incident } = props;
  const title = `INC-${incident.number}: ${incident.title}`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {props.isLinked ? (
          <Link
            href={`/status/incidents/${incident.number}`}
            className="font-semibold text-sky-700 hover:underline dark:text-sky-300"
          >
            {title}
          </Link>
        ) : (
          <span className="font-semibold">{title}</span>
        )}
        {incident.status === "resolved" ? (
          <ComponentStatusBadge status="operational" label="Resolved" />
        ) : (
          <ComponentStatusBadge status={incident.impact} />
        )}
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <Term label="Status">{INCIDENT_STATUS_LABELS[incident.status]}</Term>
        <Term label="Impact">{COMPONENT_STATUS_LABELS[incident.impact]}</Term>
        <Term label="Started">{formatUtc(incident.startedAt)}</Term>
        {incident.resolvedAt && <Term label="Resolved">{formatUtc(incident.resolvedAt)}</Term>}
        {incident.components.length > 0 && (
          <Term label="Affects">{incident.components.join(", ")}</Term>
        )}
      </dl>
    </div>
  );
}

function Term(props: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-1">
      <dt className="font-medium">{props.label}:</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

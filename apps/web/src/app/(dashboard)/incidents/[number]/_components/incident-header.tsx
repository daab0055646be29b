"use client";

import Link from "next/link";
import { PostmortemDraftButton } from "~/components/postmortem-draft-button";
import { incidentRef } from "../../../_components/incidents/incident-format";
import { IncidentSeverityBadge } from "../../../_components/incidents/incident-severity-badge";
import { IncidentStatusBadge } from "../../../_components/incidents/incident-status-badge";
import { useSeverities } from "../../../_components/incidents/use-severities";
import type { IncidentData } from "./incident-data";

export function IncidentHeader(props: {
  incident: IncidentData;
  canEdit: boolean;
  canRespond: boolean;
  onEdit: () => void;
}) {
  const { incident } = props;
  const { byLevel } = useSeverities();
  const severity = byLevel.get(incident.severity);
  return (
    <header
      data-testid="incident-header"
      className="flex flex-wrap items-start justify-between gap-4"
    >
      <div className="min-w-0">
        <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
          <Link href="/incidents" className="hover:underline">
            Incidents
          </Link>{" "}
          / <span className="font-mono">{incidentRef(incident.number)}</span>
        </nav>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words">{incident.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <IncidentSeverityBadge
            level={incident.severity}
            name={incident.severityName ?? severity?.name}
            definition={severity?.description}
          />
          <IncidentStatusBadge status={incident.status} />
          {incident.source !== "manual" ? (
            <span className="text-xs text-zinc-500">opened by {incident.source}</span>
          ) : null}
        </div>
      </div>
      <div className="flex items-start gap-2">
        {incident.status === "resolved" ? (
          <PostmortemDraftButton incidentId={incident.id} canRespond={props.canRespond} />
        ) : null}
        {props.canEdit ? (
          <button
            type="button"
            onClick={props.onEdit}
            className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Edit incident
          </button>
        ) : null}
      </div>
    </header>
  );
}

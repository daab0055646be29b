"use client";

import type { RouterOutputs } from "@holmes/api";
import { TimeAgo } from "@holmes/ui";
import Link from "next/link";
import {
  incidentDuration,
  incidentHref,
  incidentRef,
} from "../../_components/incidents/incident-format";
import { IncidentSeverityBadge } from "../../_components/incidents/incident-severity-badge";
import { IncidentStatusBadge } from "../../_components/incidents/incident-status-badge";
import type { SeverityDefinition } from "../../_components/incidents/use-severities";

type Incident = RouterOutputs["incident"]["list"]["items"][number];

export function IncidentsTable(props: {
  incidents: Incident[];
  severities: Map<number, SeverityDefinition>;
  now: Date;
}) {
  return (
    <div className="overflow-x-auto md:overflow-visible">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
          <tr>
            <th className="px-3 py-2">Incident</th>
            <th className="px-3 py-2">Severity</th>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">Commander</th>
            <th className="px-3 py-2">Started</th>
            <th className="px-3 py-2">Duration</th>
          </tr>
        </thead>
        <tbody>
          {props.incidents.map((incident) => {
            const severity = props.severities.get(incident.severity);
            return (
              <tr key={incident.id} className="border-b border-zinc-100 dark:border-zinc-800">
                <td className="px-3 py-2">
                  <Link href={incidentHref(incident.number)} className="group block">
                    <span className="font-mono text-xs text-zinc-500">
                      {incidentRef(incident.number)}
                    </span>{" "}
                    <span className="font-medium group-hover:underline">{incident.title}</span>
                  </Link>
                  {incident.hostCount > 0 ? (
                    <span className="text-xs text-zinc-500">
                      {incident.hostCount} host{incident.hostCount === 1 ? "" : "s"}
                      {incident.source !== "manual" ? ` · from ${incident.source}` : ""}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  <IncidentSeverityBadge
                    level={incident.severity}
                    name={severity?.name}
                    definition={severity?.description}
                  />
                </td>
                <td className="px-3 py-2">
                  <IncidentStatusBadge status={incident.status} />
                </td>
                <td className="px-3 py-2">
                  {incident.commanderName ?? <span className="text-zinc-500">unassigned</span>}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <TimeAgo at={incident.startedAt} now={props.now} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                  {incidentDuration(incident, props.now)}
                  {incident.resolvedAt ? "" : " so far"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

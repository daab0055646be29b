"use client";

import { Card, SeverityBadge } from "@holmes/ui";
import Link from "next/link";
import { RunbookIncidentCard } from "~/components/runbook-incident-card";
import { formatDateTime, incidentDuration } from "../../../_components/incidents/incident-format";
import type { IncidentData } from "./incident-data";

const DT = "text-xs text-zinc-500 dark:text-zinc-400";

function When(props: { at: Date | null }) {
  if (!props.at) return <span className="text-zinc-500">—</span>;
  return (
    <time dateTime={props.at.toISOString()} suppressHydrationWarning>
      {formatDateTime(props.at)}
    </time>
  );
}

/** Roles, timestamps, hosts and linked findings: the facts beside the timeline. */
export function IncidentDetails(props: { incident: IncidentData }) {
  const { incident } = props;
  const roles = [
    ["Commander", incident.commanderName],
    ["Scribe", incident.scribeName],
    ["Comms lead", incident.commsLeadName],
  ] as const;
  const times = [
    ["Started", incident.startedAt],
    ["Detected", incident.detectedAt],
    ["Acknowledged", incident.acknowledgedAt],
    ["Mitigated", incident.mitigatedAt],
    ["Resolved", incident.resolvedAt],
  ] as const;
  return (
    <aside className="space-y-4">
      <Card title="Details">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
          {roles.map(([label, name]) => (
            <div key={label} className="contents">
              <dt className={DT}>{label}</dt>
              <dd>{name ?? <span className="text-zinc-500">unassigned</span>}</dd>
            </div>
          ))}
          <div className="col-span-2 my-1 border-t border-zinc-200 dark:border-zinc-800" />
          {times.map(([label, at]) => (
            <div key={label} className="contents">
              <dt className={DT}>{label}</dt>
              <dd>
                <When at={at} />
              </dd>
            </div>
          ))}
          <dt className={DT}>Duration</dt>
          <dd suppressHydrationWarning>
            {incidentDuration(incident, new Date())}
            {incident.resolvedAt ? "" : " so far"}
          </dd>
        </dl>
      </Card>
      <Card title={`Hosts (${incident.hosts.length})`}>
        {incident.hosts.length === 0 ? (
          <p className="text-sm text-zinc-500">No hosts linked: machine events need a host.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {incident.hosts.map((host) => (
              <li key={host.id}>
                <Link
                  href={`/hosts/${encodeURIComponent(host.name)}`}
                  className="font-medium hover:underline"
                >
                  {host.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {incident.findings.length > 0 ? (
        <Card title="Linked findings">
          <ul className="space-y-2 text-sm">
            {incident.findings.map((finding) => (
              <li key={finding.id} className="flex items-start gap-2">
                <SeverityBadge health={finding.severity as "critical" | "warning" | "info"} />
                <span>
                  {finding.title}
                  <span className="block text-xs text-zinc-500">
                    {finding.hostName} · {finding.state}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <RunbookIncidentCard incidentId={incident.id} findings={incident.findings} />
    </aside>
  );
}

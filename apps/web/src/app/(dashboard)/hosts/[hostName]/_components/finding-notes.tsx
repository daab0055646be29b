"use client";

import { SeverityBadge } from "@holmes/ui";
import type { HostView } from "./use-host-view";

type Finding = HostView["findings"][number];

/** The findings about one object (an array, a disk), as the reason beside its status. */
export function FindingNotes(props: { findings: Finding[] }) {
  if (props.findings.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm" aria-label="Findings">
      {props.findings.map((finding) => (
        <li key={finding.id} className="flex items-start gap-2">
          <span className="shrink-0">
            <SeverityBadge health={finding.severity as "critical" | "warning" | "info"} />
          </span>
          <span>{finding.title}</span>
        </li>
      ))}
    </ul>
  );
}

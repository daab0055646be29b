"use client";

import type { RouterOutputs } from "@holmes/api";
import { SeverityBadge, TimeAgo } from "@holmes/ui";
import Link from "next/link";
import { Fragment, useState } from "react";
import { AcknowledgeForm } from "./acknowledge-form";
import { FindingDetail } from "./finding-detail";

type Finding = RouterOutputs["finding"]["list"]["items"][number];

/** Findings as rows; each expands to its explanation and evidence, and can be acknowledged. */
export function FindingsTable(props: { findings: Finding[]; now: Date; canAcknowledge: boolean }) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
          <tr>
            <th className="px-3 py-2">Severity</th>
            <th className="px-3 py-2">Host</th>
            <th className="px-3 py-2">Finding</th>
            <th className="px-3 py-2">Since</th>
            <th className="px-3 py-2">State</th>
            <th className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.findings.map((finding) => (
            <Fragment key={finding.id}>
              <tr className="border-b border-zinc-100 align-top dark:border-zinc-800">
                <td className="px-3 py-2">
                  <SeverityBadge health={finding.severity as "critical" | "warning" | "info"} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Link
                    href={`/hosts/${encodeURIComponent(finding.hostName)}`}
                    className="font-medium underline-offset-2 hover:underline"
                  >
                    {finding.hostName}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <button
                    type="button"
                    aria-expanded={expanded === finding.id}
                    onClick={() => setExpanded(expanded === finding.id ? null : finding.id)}
                    className="text-left hover:underline"
                  >
                    {finding.title}
                  </button>
                  <div className="text-xs text-zinc-500">{finding.ruleId}</div>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <TimeAgo at={finding.firstSeenAt} now={props.now} />
                </td>
                <td className="px-3 py-2 text-xs">
                  <StateCell finding={finding} now={props.now} />
                </td>
                <td className="px-3 py-2 text-right whitespace-nowrap">
                  {props.canAcknowledge && finding.state === "open" ? (
                    <button
                      type="button"
                      onClick={() => setAcknowledging(finding.id)}
                      className="rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700"
                    >
                      Acknowledge
                    </button>
                  ) : null}
                  <Link
                    href={`/runbooks?finding=${finding.id}`}
                    aria-label={`Runbooks for ${finding.title} on ${finding.hostName}`}
                    className="ml-1 rounded border border-sky-300 px-2 py-0.5 text-xs text-sky-800 dark:border-sky-800 dark:text-sky-200"
                  >
                    Runbooks
                  </Link>
                  {props.canAcknowledge && finding.state !== "resolved" ? (
                    <Link
                      href={`/incidents/new?finding=${finding.id}`}
                      aria-label={`Declare incident from ${finding.title} on ${finding.hostName}`}
                      className="ml-1 rounded border border-red-300 px-2 py-0.5 text-xs text-red-800 dark:border-red-800 dark:text-red-200"
                    >
                      Declare incident
                    </Link>
                  ) : null}
                </td>
              </tr>
              {acknowledging === finding.id ? (
                <tr>
                  <td colSpan={6} className="px-3 py-2">
                    <AcknowledgeForm findingId={finding.id} onDone={() => setAcknowledging(null)} />
                  </td>
                </tr>
              ) : null}
              {expanded === finding.id ? (
                <tr>
                  <td colSpan={6} className="px-3 pb-3">
                    <FindingDetail finding={finding} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StateCell(props: { finding: Finding; now: Date }) {
  const { finding } = props;
  if (finding.state === "resolved") {
    return (
      <span>
        ✔ resolved <TimeAgo at={finding.resolvedAt} now={props.now} />
      </span>
    );
  }
  if (finding.state === "acknowledged") {
    return (
      <span title={finding.acknowledgeNote ?? ""}>
        ✋ acknowledged by {finding.acknowledgedByName ?? "someone"}
        {finding.acknowledgedUntil ? ` until ${finding.acknowledgedUntil.toLocaleString()}` : ""}
      </span>
    );
  }
  return <span>open</span>;
}

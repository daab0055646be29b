"use client";

import { useState } from "react";
import { Panel } from "~/components/panel";
import { DownloadVersion } from "./download-version";
import type { EvidenceList } from "./evidence-types";
import { VersionDiff } from "./version-diff";

type Item = EvidenceList["items"][number];

const when = (at: Date) => at.toLocaleString();

/**
 * An item's versions, newest first. Pick A (before) and B (after): the two are shown side by
 * side. A version whose capture raised an alert carries it, so the change worth a look stands out.
 */
export function ItemVersions(props: { item: Item; alerts: EvidenceList["alerts"] }) {
  const { versions } = props.item;
  const [fromId, setFromId] = useState(versions[1]?.id ?? versions[0]?.id ?? 0);
  const [toId, setToId] = useState(versions[0]?.id ?? 0);
  const alertOf = (versionId: number) => props.alerts.find((a) => a.versionId === versionId);
  return (
    <div className="space-y-4">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Versions of {props.item.label}</caption>
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="w-10">A</th>
            <th className="w-10">B</th>
            <th>Captured</th>
            <th>sha256</th>
            <th>Size</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => {
            const alert = alertOf(version.id);
            return (
              <tr key={version.id} className="border-t border-zinc-200 dark:border-zinc-800">
                <td>
                  <input
                    type="radio"
                    name="from"
                    aria-label={`Compare from the version of ${when(version.capturedAt)}`}
                    checked={fromId === version.id}
                    onChange={() => setFromId(version.id)}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    aria-label={`Compare to the version of ${when(version.capturedAt)}`}
                    checked={toId === version.id}
                    onChange={() => setToId(version.id)}
                  />
                </td>
                <td>
                  {when(version.capturedAt)}
                  {version.isAbsent && (
                    <span className="ml-1 text-amber-700">gone from the host</span>
                  )}
                  {alert && (
                    <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-100">
                      ⚠ {alert.message}
                    </span>
                  )}
                </td>
                <td className="font-mono text-xs whitespace-nowrap">
                  {version.sha256.slice(0, 12)}…
                </td>
                <td className="whitespace-nowrap">{version.bytes.toLocaleString()} B</td>
                <td className="pl-2">{!version.isAbsent && <DownloadVersion id={version.id} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Panel title="Side by side">
        <VersionDiff fromId={fromId} toId={toId} />
      </Panel>
    </div>
  );
}

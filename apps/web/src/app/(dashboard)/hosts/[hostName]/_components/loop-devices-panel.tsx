"use client";

import { Card, SeverityBadge } from "@holmes/ui";
import { useHostView } from "./use-host-view";

/** Loop devices with their backing files; one backed by NFS and carrying a filesystem is flagged. */
export function LoopDevicesPanel(props: { host: string }) {
  const { data: view } = useHostView(props.host);
  const loops = view.loopDevices;
  return (
    <Card title={`Loop devices (${loops.length})`}>
      {loops.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No loop devices in use.</p>
      ) : (
        <ul className="space-y-3 text-sm">
          {loops.map((loop) => {
            const finding = view.findings.find(
              (f) => f.ruleId === "loop.on_nfs" && f.objectName === loop.name,
            );
            return (
              <li key={loop.name} data-testid={`loop-${loop.name}`} className="space-y-1">
                <p>
                  <span className="font-mono font-medium">/dev/{loop.name}</span> ←{" "}
                  <span className="font-mono">{loop.backFile ?? "(no backing file)"}</span>
                  {loop.isBackFileDeleted && (
                    <span className="ml-1 text-red-800 dark:text-red-300">(file deleted)</span>
                  )}
                  {loop.isReadOnly && <span className="ml-1 text-zinc-500">(read-only)</span>}
                </p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {loop.backingMount
                    ? `File on ${loop.backingMount.source} (${loop.backingMount.mountPoint}, ${loop.backingMount.fstype})`
                    : "Backing mount unknown"}
                  {loop.mountedAt
                    ? ` · mounted at ${loop.mountedAt.mountPoint} (${loop.mountedAt.fstype})`
                    : " · not mounted"}
                </p>
                {finding ? (
                  <div
                    role="note"
                    className="rounded-md border border-red-300 bg-red-50 p-2 dark:border-red-800 dark:bg-red-950"
                  >
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      <SeverityBadge health={finding.severity as "critical"} />
                      {finding.title}
                    </p>
                    <p className="mt-1 text-xs">{finding.explanation}</p>
                  </div>
                ) : (
                  loop.isOnNfs && (
                    <p className="text-xs font-medium text-amber-800 dark:text-amber-300">
                      ▲ Backed by a file on NFS.
                    </p>
                  )
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

"use client";

import { Card, healthStyle, SeverityBadge } from "@holmes/ui";
import { NfsCharts } from "./nfs-charts";
import { useHostView } from "./use-host-view";

type Mount = ReturnType<typeof useHostView>["data"]["mounts"][number];

/** NFS mounts: where from, with what options — risky ones highlighted and explained in words. */
export function NfsPanel(props: { host: string }) {
  const { data: view } = useHostView(props.host);
  const nfs = view.mounts.filter((m) => m.nfs !== null);
  return (
    <Card title={`NFS mounts (${nfs.length})`}>
      {nfs.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No NFS mounts on this host.</p>
      ) : (
        <div className="space-y-6">
          {nfs.map((mount) => (
            <NfsMount key={mount.mountPoint} mount={mount} hostId={view.summary.id} />
          ))}
        </div>
      )}
    </Card>
  );
}

function NfsMount(props: { mount: Mount; hostId: string }) {
  const { mount } = props;
  const risky = new Map(mount.risks.map((r) => [r.option, r.severity] as const));
  const options = mount.options.split(",").filter(Boolean);
  return (
    <article aria-labelledby={`nfs-${mount.mountPoint}`} className="space-y-2">
      <h3 id={`nfs-${mount.mountPoint}`} className="font-medium">
        <span className="font-mono">
          {mount.nfs?.server ?? "?"}:{mount.nfs?.export ?? "?"}
        </span>{" "}
        → <span className="font-mono">{mount.mountPoint}</span>{" "}
        <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">
          ({mount.fstype}
          {mount.nfs?.vers ? ` v${mount.nfs.vers}` : ""}
          {mount.nfs?.proto ? `/${mount.nfs.proto}` : ""}
          {mount.nfs?.readOnly ? ", read-only" : ", read-write"})
        </span>
      </h3>
      <p className="flex flex-wrap gap-1 font-mono text-xs">
        <span className="sr-only">Mount options: </span>
        {options.map((option, i) => {
          const severity = risky.get(option.split("=")[0] ?? option);
          const isRisky = severity !== undefined;
          return (
            <span
              // Options may repeat (per-mount and superblock lists are joined).
              // biome-ignore lint/suspicious/noArrayIndexKey: position is the identity here
              key={`${option}-${i}`}
              className={`rounded px-1 ${severity ? `font-semibold ring-1 ${healthStyle(severity).className}` : "bg-zinc-100 dark:bg-zinc-800"}`}
            >
              {isRisky && <span aria-hidden="true">▲ </span>}
              {option}
              {isRisky && <span className="sr-only"> (risky)</span>}
            </span>
          );
        })}
      </p>
      {mount.risks.length > 0 && (
        <ul className="space-y-1 text-sm">
          {mount.risks.map((risk) => (
            <li key={risk.option} className="flex items-start gap-2">
              <span className="shrink-0">
                <SeverityBadge health={risk.severity} label={risk.option} />
              </span>
              <span>{risk.explanation}</span>
            </li>
          ))}
        </ul>
      )}
      <NfsCharts hostId={props.hostId} mountPoint={mount.mountPoint} />
    </article>
  );
}

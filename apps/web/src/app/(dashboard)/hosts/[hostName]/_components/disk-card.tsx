"use client";

import { type Health, SeverityBadge, TimeAgo } from "@holmes/ui";
import { DiskAttributes } from "./disk-attributes";
import { DiskTrends } from "./disk-trends";
import { FindingNotes } from "./finding-notes";
import { formatBytes, formatPowerOn } from "./format";
import type { Range } from "./range-switch";
import type { HostView } from "./use-host-view";

type Disk = HostView["disks"][number];
type Finding = HostView["findings"][number];

/** The disk's verdict: the worst finding about it wins; SMART's own verdict otherwise. */
function diskStatus(disk: Disk, findings: Finding[]): { health: Health; label: string } {
  const worst = ["critical", "warning", "info"].find((s) => findings.some((f) => f.severity === s));
  if (worst === "critical") return { health: "critical", label: "Failing" };
  if (worst === "warning") return { health: "warning", label: "At risk" };
  if (disk.smartPassed === false) return { health: "critical", label: "SMART failed" };
  if (disk.isStandby) return { health: "unknown", label: "Standby: not read" };
  if (disk.smartPassed === null) return { health: "unknown", label: "No SMART verdict" };
  return { health: "healthy", label: "Passed" };
}

export function DiskCard(props: {
  disk: Disk;
  hostId: string;
  now: Date;
  range: Range;
  findings: Finding[];
}) {
  const { disk } = props;
  const status = diskStatus(disk, props.findings);
  return (
    <article
      aria-labelledby={`disk-${disk.name}`}
      data-testid={`disk-${disk.name}`}
      className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`disk-${disk.name}`} className="font-semibold">
            <span className="font-mono">{disk.name}</span> · {disk.model ?? "unknown model"}
          </h3>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            <span className="font-mono">{disk.serial ?? "no serial"}</span> ·{" "}
            {formatBytes(disk.capacityBytes)} · {disk.protocol ?? "?"}
            {disk.rotationRate ? ` · ${disk.rotationRate} rpm` : ""}
            {disk.firmware ? ` · fw ${disk.firmware}` : ""}
          </p>
        </div>
        <SeverityBadge health={status.health} label={status.label} />
      </header>
      <FindingNotes findings={props.findings} />
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        <Stat label="Temperature">
          {disk.temperatureC !== null ? `${disk.temperatureC} °C` : "—"}
        </Stat>
        <Stat label="Powered on">{formatPowerOn(disk.powerOnHours)}</Stat>
        <Stat label="Last self-test">
          {disk.hoursSinceLastSelfTest !== null
            ? `${Math.round(disk.hoursSinceLastSelfTest)} h ago`
            : "none logged"}
        </Stat>
        <Stat label="Error log">{disk.errorLogCount ?? "—"}</Stat>
      </dl>
      <DiskAttributes disk={disk} />
      {disk.serial ? (
        <DiskTrends hostId={props.hostId} disk={disk} range={props.range} />
      ) : (
        <p className="text-xs text-zinc-500">No serial: trends are kept by serial.</p>
      )}
      <p className="text-xs text-zinc-500">
        SMART read <TimeAgo at={disk.observedAt} now={props.now} />
      </p>
    </article>
  );
}

function Stat(props: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{props.label}</dt>
      <dd className="tabular-nums">{props.children}</dd>
    </div>
  );
}

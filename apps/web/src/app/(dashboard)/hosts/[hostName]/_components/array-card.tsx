"use client";

import { ProgressBar, SeverityBadge, TimeAgo } from "@holmes/ui";
import { ArrayMembers } from "./array-members";
import { DegradedByDesign } from "./degraded-by-design";
import { FindingNotes } from "./finding-notes";
import { formatMinutes, formatSpeed } from "./format";
import type { HostView } from "./use-host-view";

type ArrayView = HostView["arrays"][number];
type Finding = HostView["findings"][number];

const SYNC_WORDS: Record<string, string> = {
  recovery: "Rebuilding (recovery)",
  resync: "Resync",
  check: "Check",
  repair: "Repair",
  reshape: "Reshape",
};

/** One md array: state in words, rebuild progress with speed and ETA, members by slot. */
export function ArrayCard(props: {
  array: ArrayView;
  hostId: string;
  now: Date;
  findings: Finding[];
  canRespond: boolean;
}) {
  const { array } = props;
  const isByDesign = array.expectation?.isDegradedByDesign === true;
  return (
    <article
      aria-labelledby={`array-${array.name}`}
      data-testid={`array-${array.name}`}
      className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-center gap-2">
        <h3 id={`array-${array.name}`} className="font-mono text-base font-semibold">
          {array.name}
        </h3>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          {[array.level, array.layout, array.raidDisks !== null && `${array.raidDisks} slots`]
            .filter(Boolean)
            .join(" · ")}
        </span>
        <StateBadge array={array} isByDesign={isByDesign} />
        {array.statusString && (
          <code className="text-sm" title="mdstat: U = in sync, _ = missing copy">
            [{array.statusString}]
          </code>
        )}
      </header>
      <FindingNotes findings={props.findings} />
      {array.syncAction && array.syncPercent !== null && (
        <ProgressBar
          label={SYNC_WORDS[array.syncAction] ?? array.syncAction}
          percent={array.syncPercent}
          detail={[
            array.syncSpeedKbps !== null && formatSpeed(array.syncSpeedKbps),
            array.syncFinishMinutes !== null && `ETA ${formatMinutes(array.syncFinishMinutes)}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        />
      )}
      <Redundancy array={array} />
      <ArrayMembers array={array} />
      <DegradedByDesign array={array} hostId={props.hostId} canRespond={props.canRespond} />
      <p className="text-xs text-zinc-500">
        As of <TimeAgo at={array.observedAt} now={props.now} />
      </p>
    </article>
  );
}

function StateBadge(props: { array: ArrayView; isByDesign: boolean }) {
  const { array } = props;
  if (array.state !== "active") return <SeverityBadge health="critical" label={array.state} />;
  if (array.degraded && props.isByDesign)
    return <SeverityBadge health="info" label="Degraded (by design)" />;
  if (array.degraded) return <SeverityBadge health="critical" label="Degraded" />;
  return <SeverityBadge health="healthy" label="Clean" />;
}

function Redundancy(props: { array: ArrayView }) {
  const { failuresLeft, mirrorSets } = props.array.redundancy;
  if (failuresLeft === null) {
    return <p className="text-sm">No redundancy: any member failure loses data.</p>;
  }
  if (failuresLeft <= 0) {
    const pairs = (mirrorSets ?? []).filter((s) => s.length > 1).map((s) => s.join("+"));
    return (
      <p className="text-sm font-medium text-red-800 dark:text-red-300">
        ✖ One more failure in the wrong place loses data
        {pairs.length > 0 && ` (mirror sets by slot: ${pairs.join(", ")})`}.
      </p>
    );
  }
  return (
    <p className="text-sm">
      ✔ Survives {failuresLeft} more member failure{failuresLeft > 1 ? "s" : ""}.
    </p>
  );
}

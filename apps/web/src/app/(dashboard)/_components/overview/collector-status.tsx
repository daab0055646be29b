import type { RouterOutputs } from "@holmes/api";
import { TimeAgo } from "@holmes/ui";

type Overview = RouterOutputs["fleet"]["overview"];

/** Whether collection itself works: a dead collector makes every host stale, and says why. */
export function CollectorStatus(props: { overview: Overview }) {
  const { collectors, now, counts } = props.overview;
  const unreachable = props.overview.hosts.filter((h) =>
    ["unreachable", "timeout", "auth_failed", "host_key_changed"].includes(h.collectionState),
  ).length;
  if (collectors.length === 0) {
    return (
      <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
        <span aria-hidden="true">▲ </span>No collector has reported yet: host data is not being
        refreshed. Start one with <code>holmes collector</code>.
      </p>
    );
  }
  return (
    <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
      {collectors.map((c) => (
        <li key={c.instance} className={c.isSilent ? "text-red-700 dark:text-red-300" : ""}>
          <span className="font-medium text-zinc-900 dark:text-zinc-100">
            {c.isSilent ? "✖ Collector silent" : "✔ Collector"}
          </span>{" "}
          {c.instance}: last cycle {(c.lastCycleDurationMs / 1000).toFixed(1)} s,{" "}
          <TimeAgo at={c.lastCycleAt} now={now} />, {c.hostsPolled} polled
          {c.hostsFailed > 0 ? `, ${c.hostsFailed} failed` : ""}
        </li>
      ))}
      <li>
        {unreachable} host{unreachable === 1 ? "" : "s"} unreachable (in view) · {counts.stale}{" "}
        stale
      </li>
    </ul>
  );
}

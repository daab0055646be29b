"use client";

import { TimeAgo } from "@holmes/ui";
import type { EvidenceList } from "./evidence-types";

const KIND_WORDS: Record<string, string> = {
  "slot-serial-changed": "Slot → serial changed",
  "events-diverged": "Event counts diverge",
  "lvm-seqno-backwards": "LVM seqno went back",
  "array-gone": "Array gone",
};

/** Changes between versions that matter to a recovery; the open ones are findings too. */
export function EvidenceAlerts(props: { alerts: EvidenceList["alerts"] }) {
  if (props.alerts.length === 0) return null;
  return (
    <section aria-labelledby="evidence-alerts" className="space-y-2">
      <h2 id="evidence-alerts" className="text-lg font-semibold">
        Changes to know about
      </h2>
      <ul className="space-y-1 text-sm">
        {props.alerts.map((alert) => (
          <li
            key={alert.id}
            className={
              alert.resolvedAt
                ? "rounded-md bg-zinc-100 px-3 py-2 dark:bg-zinc-900"
                : "rounded-md bg-amber-100 px-3 py-2 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
            }
          >
            <span className="font-medium">⚠ {KIND_WORDS[alert.kind] ?? alert.kind}</span> ·{" "}
            {alert.message} · <TimeAgo at={alert.observedAt} />
            {alert.resolvedAt && " · over"}
          </li>
        ))}
      </ul>
    </section>
  );
}

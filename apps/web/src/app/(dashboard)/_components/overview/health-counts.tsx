"use client";

import type { HostHealth } from "@holmes/core";
import { healthStyle } from "@holmes/ui";

const ORDER: HostHealth[] = ["critical", "warning", "stale", "healthy", "unknown"];

/** Counts by health; each is a toggle that filters the grid (and says so to screen readers). */
export function HealthCounts(props: {
  counts: Record<HostHealth, number>;
  selected: HostHealth[];
  onToggle: (health: HostHealth) => void;
}) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Hosts by health">
      {ORDER.map((health) => {
        const style = healthStyle(health);
        const isSelected = props.selected.includes(health);
        return (
          <li key={health}>
            <button
              type="button"
              aria-pressed={isSelected}
              onClick={() => props.onToggle(health)}
              className={`flex w-full flex-col items-start rounded-xl px-4 py-3 text-left ring-1 ring-inset transition ${style.className} ${
                isSelected
                  ? "ring-2 ring-offset-2 ring-offset-zinc-50 dark:ring-offset-zinc-950"
                  : ""
              } ${props.counts[health] === 0 ? "opacity-60" : ""}`}
            >
              <span className="text-2xl font-semibold tabular-nums">{props.counts[health]}</span>
              <span className="text-xs font-medium">
                <span aria-hidden="true">{style.icon} </span>
                {style.label}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

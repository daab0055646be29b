import type { FindingSeverity } from "@holmes/core";

/** Health of a host or finding as shown everywhere: colour plus icon plus word, never colour alone. */
export type Health = FindingSeverity | "healthy" | "stale" | "unknown";

const STYLES: Record<Health, { icon: string; label: string; className: string }> = {
  critical: {
    icon: "✖",
    label: "Critical",
    className:
      "bg-red-100 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  },
  warning: {
    icon: "▲",
    label: "Warning",
    className:
      "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  },
  info: {
    icon: "ℹ",
    label: "Info",
    className:
      "bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  },
  healthy: {
    icon: "✔",
    label: "Healthy",
    className:
      "bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  },
  stale: {
    icon: "◔",
    label: "Stale",
    className:
      "bg-zinc-200 text-zinc-800 ring-zinc-400 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-600",
  },
  unknown: {
    icon: "?",
    label: "Not polled yet",
    className:
      "bg-zinc-100 text-zinc-600 ring-zinc-300 dark:bg-zinc-900 dark:text-zinc-400 dark:ring-zinc-700",
  },
};

export function healthStyle(health: Health) {
  return STYLES[health];
}

export function SeverityBadge(props: { health: Health; label?: string }) {
  const style = STYLES[props.health];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
    >
      <span aria-hidden="true">{style.icon}</span>
      {props.label ?? style.label}
    </span>
  );
}

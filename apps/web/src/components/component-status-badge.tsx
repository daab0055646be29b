import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "@holmes/core";

/** Icon and word as well as colour, so the state reads without colour vision or in print. */
const STYLES: Record<ComponentStatus, { icon: string; className: string }> = {
  operational: {
    icon: "✔",
    className:
      "bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  },
  degraded: {
    icon: "▲",
    className:
      "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  },
  partial_outage: {
    icon: "◆",
    className:
      "bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  },
  major_outage: {
    icon: "✖",
    className:
      "bg-red-100 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  },
};

export function componentStatusStyle(status: ComponentStatus) {
  return STYLES[status];
}

export function ComponentStatusBadge(props: { status: ComponentStatus; label?: string }) {
  const style = STYLES[props.status];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${style.className}`}
    >
      <span aria-hidden="true">{style.icon}</span>
      {props.label ?? COMPONENT_STATUS_LABELS[props.status]}
    </span>
  );
}

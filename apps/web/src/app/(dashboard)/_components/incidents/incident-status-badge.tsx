import type { IncidentStatus } from "@holmes/core";

const STYLES: Record<IncidentStatus, { icon: string; className: string }> = {
  investigating: {
    icon: "●",
    className:
      "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  },
  identified: {
    icon: "◎",
    className:
      "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  },
  monitoring: {
    icon: "◐",
    className:
      "bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  },
  resolved: {
    icon: "✔",
    className:
      "bg-emerald-50 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  },
};

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export function IncidentStatusBadge(props: { status: string }) {
  const status = (props.status in STYLES ? props.status : "investigating") as IncidentStatus;
  const style = STYLES[status];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${style.className}`}
    >
      <span aria-hidden="true">{style.icon}</span>
      {STATUS_LABELS[status]}
    </span>
  );
}

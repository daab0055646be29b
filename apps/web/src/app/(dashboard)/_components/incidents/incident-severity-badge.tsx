import { useId } from "react";

/** Worst is reddest; the label always says the level, so colour is never the only signal. */
const STYLES: Record<number, string> = {
  1: "bg-red-600 text-white ring-red-700 dark:bg-red-500 dark:ring-red-400",
  2: "bg-orange-100 text-orange-900 ring-orange-400 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-700",
  3: "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  4: "bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
};

/**
 * "SEV2", with the admin-written definition on hover and on keyboard focus (a tooltip, not just
 * a `title`, so it also shows for keyboard users and screen readers get it as a description).
 */
export function IncidentSeverityBadge(props: {
  level: number;
  name?: string | null;
  definition?: string | null;
}) {
  const label = props.name ?? `SEV${props.level}`;
  const tipId = useId();
  const className = `inline-flex items-center rounded-md px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLES[props.level] ?? STYLES[4]}`;
  if (!props.definition) return <span className={className}>{label}</span>;
  return (
    <span className="group relative inline-flex">
      <button type="button" aria-describedby={tipId} className={`${className} cursor-help`}>
        {label}
      </button>
      <span
        id={tipId}
        role="tooltip"
        className="pointer-events-none invisible absolute top-full left-0 z-20 mt-1 w-72 rounded-md border border-zinc-200 bg-white p-2 text-xs font-normal text-zinc-800 shadow-lg group-focus-within:visible group-hover:visible dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100"
      >
        <strong>{label}</strong>: {props.definition}
      </span>
    </span>
  );
}

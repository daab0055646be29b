import type { RouterOutputs } from "@holmes/api";

type Source = RouterOutputs["runbook"]["catalogue"]["runbooks"][number]["source"];

/** Shipped with Holmes (a file) or written by an admin (custom, with its version). */
export function RunbookSourceBadge(props: { source: Source }) {
  return props.source.kind === "file" ? (
    <span className="rounded-full bg-zinc-100 px-2 py-0.5 dark:bg-zinc-800">shipped</span>
  ) : (
    <span className="rounded-full bg-violet-100 px-2 py-0.5 text-violet-900 dark:bg-violet-950 dark:text-violet-200">
      custom v{props.source.version}
    </span>
  );
}

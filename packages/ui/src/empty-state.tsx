import type { ReactNode } from "react";

/** What a panel shows when there is truly nothing yet: says why, and what would fill it. */
export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
      <p className="text-base font-medium">{props.title}</p>
      {props.children && (
        <div className="mx-auto mt-2 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          {props.children}
        </div>
      )}
      {props.action && <div className="mt-4">{props.action}</div>}
    </div>
  );
}

import type { ReactNode } from "react";

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      className={`rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900 ${props.className ?? ""}`}
    >
      {(props.title || props.actions) && (
        <header className="flex items-center justify-between gap-4 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <h2 className="text-sm font-semibold">{props.title}</h2>
          {props.actions}
        </header>
      )}
      <div className="p-4">{props.children}</div>
    </section>
  );
}

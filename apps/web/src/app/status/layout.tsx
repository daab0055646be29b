import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: { default: "Status", template: "%s · Status" },
  description: "Current status, incidents and their updates",
  alternates: { types: { "application/atom+xml": "/status/feed.atom" } },
};

/** The public pages: no login, no navigation into Holmes itself. */
export default function StatusLayout(props: { children: ReactNode }) {
  return (
    <div className="mx-auto flex min-h-screen max-w-3xl flex-col px-4 py-8">
      <header className="mb-8 flex flex-wrap items-center justify-between gap-3">
        <Link href="/status" className="text-xl font-bold tracking-tight">
          Service status
        </Link>
        <a
          href="/status/feed.atom"
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Subscribe (Atom feed)
        </a>
      </header>
      <main className="flex-1 space-y-10">{props.children}</main>
      <footer className="mt-12 text-xs text-zinc-500 dark:text-zinc-400">
        Times are in UTC. This page refreshes every minute.
      </footer>
    </div>
  );
}

"use client";

import type { SessionUser } from "@holmes/api";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { ThemeToggle } from "./theme-toggle";

const LINKS = [
  { href: "/", label: "Fleet" },
  { href: "/findings", label: "Findings" },
  { href: "/hosts", label: "Host list" },
  { href: "/incidents", label: "Incidents" },
  { href: "/runbooks", label: "Runbooks" },
  { href: "/postmortems", label: "Post-mortems" },
] as const;

export function AppNav(props: { user: SessionUser }) {
  const pathname = usePathname();
  const router = useRouter();
  const links =
    props.user.role === "admin"
      ? [
          ...LINKS,
          { href: "/admin", label: "Admin" },
          { href: "/admin/inventory", label: "Inventory" },
        ]
      : LINKS;
  // The most specific matching link is the active one.
  const activeHref = links
    .map((link) => link.href)
    .filter((href) =>
      href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`),
    )
    .sort((a, b) => b.length - a.length)[0];

  async function handleSignOut() {
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <nav
      aria-label="Main"
      className="flex shrink-0 flex-col gap-1 border-b border-zinc-200 bg-white p-4 md:w-56 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <Link href="/" className="mb-4 text-lg font-bold tracking-tight">
        Holmes
      </Link>
      {links.map((link) => {
        const isActive = link.href === activeHref;
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={isActive ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm ${isActive ? "bg-sky-100 font-semibold text-sky-900 dark:bg-sky-950 dark:text-sky-100" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
          >
            {link.label}
          </Link>
        );
      })}
      <div className="mt-auto space-y-2 pt-6 text-sm">
        <p className="truncate text-zinc-600 dark:text-zinc-400" title={props.user.email}>
          {props.user.name} · <span className="font-medium">{props.user.role}</span>
        </p>
        <div className="flex gap-2">
          <ThemeToggle />
          <button
            type="button"
            onClick={handleSignOut}
            className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Sign out
          </button>
        </div>
      </div>
    </nav>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { caller } from "~/trpc/server";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage(props: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await props.searchParams;
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/";
  if (await caller.auth.me()) redirect(target);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-2xl font-semibold tracking-tight">Holmes</h1>
        <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          Sign in to see your storage fleet.
        </p>
        <SignInForm next={target} />
      </div>
    </main>
  );
}

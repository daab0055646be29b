import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "~/trpc/react";
import { caller } from "~/trpc/server";
import { AppNav } from "./_components/app-nav";

export default async function DashboardLayout(props: { children: ReactNode }) {
  const me = await caller.auth.me();
  if (!me) redirect("/sign-in");
  return (
    <TRPCReactProvider>
      <div className="flex min-h-screen flex-col md:flex-row">
        <AppNav user={me} />
        <main className="flex-1 px-4 py-6 md:px-8">{props.children}</main>
      </div>
    </TRPCReactProvider>
  );
}

import { EmptyState, PageHeader } from "@holmes/ui";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Runbooks" };

export default function Page() {
  return (
    <>
      <PageHeader title="Runbooks" />
      <EmptyState title="No runbooks yet.">
        Guided runbooks with live host checks arrive with the runbooks work.
      </EmptyState>
    </>
  );
}

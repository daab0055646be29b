import { EmptyState, PageHeader } from "@holmes/ui";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Post-mortems" };

export default function Page() {
  return (
    <>
      <PageHeader title="Post-mortems" />
      <EmptyState title="No post-mortems yet.">
        Post-mortems are drafted from resolved incidents; none exist yet.
      </EmptyState>
    </>
  );
}

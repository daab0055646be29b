import { EmptyState, PageHeader } from "@holmes/ui";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Fleet" };

export default function FleetPage() {
  return (
    <>
      <PageHeader
        title="Fleet"
        description="Arrays, disks and NFS mounts across every host Holmes polls."
      />
      <EmptyState title="No hosts are being polled yet.">
        Hosts appear here once the collector has polled them over SSH.
      </EmptyState>
    </>
  );
}

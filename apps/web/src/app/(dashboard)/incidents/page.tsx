import { EmptyState, PageHeader } from "@holmes/ui";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Incidents" };

export default function Page() {
  return (
    <>
      <PageHeader title="Incidents" />
      <EmptyState title="No incidents yet.">
        Declaring incidents, posting status updates and the live timeline arrive with the incidents
        work. Nothing is shown here until then: Holmes never shows sample data as if it were real.
      </EmptyState>
    </>
  );
}

import { EmptyState } from "@holmes/ui";
import Link from "next/link";

export default function IncidentNotFound() {
  return (
    <EmptyState
      title="No such incident"
      action={
        <Link href="/incidents" className="text-sm text-sky-700 underline dark:text-sky-300">
          Back to the incident list
        </Link>
      }
    >
      There is no incident with that number. Incident links look like /incidents/INC-42.
    </EmptyState>
  );
}

import { EmptyState } from "@holmes/ui";
import Link from "next/link";

export default function HostNotFound() {
  return (
    <EmptyState
      title="No such host"
      action={
        <Link href="/hosts" className="text-sm text-sky-700 underline dark:text-sky-300">
          Back to the host list
        </Link>
      }
    >
      Holmes has no host by that name or id. It may have been removed from the inventory.
    </EmptyState>
  );
}

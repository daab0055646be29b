import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { caller } from "~/trpc/server";
import { IncidentSummary } from "../../_components/incident-summary";
import { PublicUpdates } from "../../_components/public-updates";

type Props = { params: Promise<{ number: string }> };

/** Only incidents with a public update exist here; any other number is a plain 404. */
async function loadIncident(params: Props["params"]) {
  const { number } = await params;
  if (!/^[1-9][0-9]{0,9}$/.test(number)) notFound();
  try {
    return await caller.statusPage.incident({ number: Number(number) });
  } catch (error) {
    if (error instanceof TRPCError && ["NOT_FOUND", "BAD_REQUEST"].includes(error.code)) {
      notFound();
    }
    throw error;
  }
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const incident = await loadIncident(props.params);
  return { title: `INC-${incident.number}: ${incident.title}` };
}

export default async function PublicIncidentPage(props: Props) {
  const incident = await loadIncident(props.params);
  return (
    <>
      <p>
        <Link href="/status" className="text-sm text-sky-700 hover:underline dark:text-sky-300">
          ← Current status
        </Link>
      </p>
      <article className="space-y-6 rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="sr-only">
          INC-{incident.number}: {incident.title}
        </h1>
        <IncidentSummary incident={incident} />
        <PublicUpdates updates={incident.updates} />
      </article>
    </>
  );
}

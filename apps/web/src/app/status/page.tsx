import type { Metadata } from "next";
import { caller } from "~/trpc/server";
import { ComponentList } from "./_components/component-list";
import { IncidentHistory } from "./_components/incident-history";
import { IncidentSummary } from "./_components/incident-summary";
import { OverallBanner } from "./_components/overall-banner";
import { PublicUpdates } from "./_components/public-updates";

export const metadata: Metadata = { title: "Status" };

const HISTORY_DAYS = 90;

export default async function StatusPage() {
  const summary = await caller.statusPage.summary();
  const statuses = [
    ...summary.components.map((c) => c.status),
    ...summary.active.map((i) => i.impact),
  ];
  return (
    <>
      {/* A status page is left open during an outage; it should not go stale silently. */}
      <meta httpEquiv="refresh" content="60" />
      <OverallBanner statuses={statuses} asOf={new Date()} />
      {summary.active.length > 0 && (
        <section aria-labelledby="active-heading" className="space-y-4">
          <h2 id="active-heading" className="text-lg font-semibold">
            Active incidents
          </h2>
          {summary.active.map((incident) => (
            <article
              key={incident.number}
              className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <IncidentSummary incident={incident} isLinked />
              <PublicUpdates updates={incident.updates} />
            </article>
          ))}
        </section>
      )}
      <section aria-labelledby="components-heading" className="space-y-4">
        <h2 id="components-heading" className="text-lg font-semibold">
          Components
        </h2>
        <ComponentList components={summary.components} />
      </section>
      <section aria-labelledby="history-heading" className="space-y-4">
        <h2 id="history-heading" className="text-lg font-semibold">
          Past incidents (last {HISTORY_DAYS} days)
        </h2>
        <IncidentHistory incidents={summary.history} days={HISTORY_DAYS} />
      </section>
    </>
  );
}

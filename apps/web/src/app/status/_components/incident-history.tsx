import { formatDay, groupByDay } from "./format";
import { IncidentSummary, type PublicIncident } from "./incident-summary";

/** Resolved incidents of the last 90 days under the UTC day each started. */
export function IncidentHistory(props: { incidents: PublicIncident[]; days: number }) {
  if (props.incidents.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No incidents in the last {props.days} days.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      {groupByDay(props.incidents, (i) => i.startedAt).map((group) => (
        <section key={group.key} aria-labelledby={`day-${group.key}`}>
          <h3
            id={`day-${group.key}`}
            className="mb-2 border-b border-zinc-200 pb-1 text-sm font-semibold dark:border-zinc-800"
          >
            <time dateTime={group.key}>{formatDay(group.day)}</time>
          </h3>
          <ul className="space-y-3">
            {group.items.map((incident) => (
              <li key={incident.number}>
                <IncidentSummary incident={incident} isLinked />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

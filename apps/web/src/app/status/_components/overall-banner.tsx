import { type ComponentStatus, worstComponentStatus } from "@holmes/core";
import { componentStatusStyle } from "~/components/component-status-badge";
import { formatUtc } from "./format";

const HEADLINES: Record<ComponentStatus, string> = {
  operational: "All systems operational",
  degraded: "Some systems are degraded",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};

/** One line for the whole page: the worst of the components and of the open incidents. */
export function OverallBanner(props: { statuses: ComponentStatus[]; asOf: Date }) {
  const status = worstComponentStatus(props.statuses);
  const style = componentStatusStyle(status);
  return (
    <div
      className={`flex flex-wrap items-center justify-between gap-3 rounded-xl p-5 ring-1 ${style.className}`}
    >
      <h1 className="flex items-center gap-3 text-lg font-semibold">
        <span aria-hidden="true" className="text-2xl">
          {style.icon}
        </span>
        {HEADLINES[status]}
      </h1>
      <p className="text-xs">
        As of <time dateTime={props.asOf.toISOString()}>{formatUtc(props.asOf)}</time>
      </p>
    </div>
  );
}

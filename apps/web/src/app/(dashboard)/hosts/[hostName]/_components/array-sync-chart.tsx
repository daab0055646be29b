"use client";

import { toSyncSeries } from "@holmes/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { type Range, RangeSwitch } from "./range-switch";
import { SeriesChart } from "./series-chart";

/** How far each array's resync/rebuild got over time: a stalled rebuild shows as a flat line. */
export function ArraySyncChart(props: { hostId: string }) {
  const [range, setRange] = useState<Range>("24h");
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.host.series.queryOptions({ hostId: props.hostId, range, subject: { kind: "arrays" } }),
    refetchInterval: 60_000,
  });
  return (
    <div className="space-y-2">
      <RangeSwitch value={range} onChange={setRange} label="Sync history range" />
      <SeriesChart
        title={`Array sync progress over ${range}`}
        query={query}
        series={query.data ? toSyncSeries(query.data.arraySync) : null}
        unit="%"
        empty="No sync samples in this range."
      />
    </div>
  );
}

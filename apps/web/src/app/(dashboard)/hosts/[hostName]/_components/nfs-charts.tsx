"use client";

import { toNfsRttSeries, toRetransSeries } from "@holmes/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { type Range, RangeSwitch } from "./range-switch";
import { SeriesChart } from "./series-chart";

/** Per-operation RTT (ms per call) and retransmissions per minute, from cumulative counters. */
export function NfsCharts(props: { hostId: string; mountPoint: string }) {
  const [range, setRange] = useState<Range>("24h");
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.host.series.queryOptions({
      hostId: props.hostId,
      range,
      subject: { kind: "mount", mountPoint: props.mountPoint },
    }),
    refetchInterval: 60_000,
  });
  const series = query.data?.nfs[0] ?? null;
  const empty = `No traffic samples for ${props.mountPoint} in the last ${range} (rates need two polls).`;
  return (
    <div className="space-y-2">
      <RangeSwitch value={range} onChange={setRange} label={`Range for ${props.mountPoint}`} />
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h4 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Round-trip time per operation
          </h4>
          <SeriesChart
            title={`NFS round-trip time per operation on ${props.mountPoint}`}
            query={query}
            series={series ? toNfsRttSeries(series.rttMs) : null}
            unit=" ms/call"
            empty={empty}
          />
        </div>
        <div>
          <h4 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Retransmissions per minute
          </h4>
          <SeriesChart
            title={`NFS retransmissions per minute on ${props.mountPoint}`}
            query={query}
            series={series ? toRetransSeries(series.retransPerMinute) : null}
            empty={empty}
          />
        </div>
      </div>
    </div>
  );
}

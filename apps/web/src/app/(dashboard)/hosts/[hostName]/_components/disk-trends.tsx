"use client";

import { toNvmePercentSeries, toSmartCounterSeries, toTemperatureSeries } from "@holmes/ui";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import type { Range } from "./range-switch";
import { SeriesChart } from "./series-chart";
import type { HostView } from "./use-host-view";

type Disk = HostView["disks"][number];

/** The disk's counters and temperature over the chosen range (bucketed by the API). */
export function DiskTrends(props: { hostId: string; disk: Disk; range: Range }) {
  const { disk, range } = props;
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.host.series.queryOptions({
      hostId: props.hostId,
      range,
      subject: { kind: "disk", serial: disk.serial ?? "" },
    }),
    refetchInterval: 60_000,
  });
  const lines = query.data?.smart[0]?.lines ?? null;
  return (
    <div className="space-y-3">
      <h4 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Error counters</h4>
      <SeriesChart
        title={`Error counters of ${disk.name} over ${range}`}
        query={query}
        series={lines ? toSmartCounterSeries(lines) : null}
        empty={
          lines
            ? `✔ No error counter of ${disk.name} rose above zero in the last ${range}.`
            : `No SMART samples of ${disk.name} in the last ${range}.`
        }
      />
      {disk.nvme && (
        <h4 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">NVMe wear</h4>
      )}
      {disk.nvme && (
        <SeriesChart
          title={`NVMe wear of ${disk.name} over ${range}`}
          query={query}
          series={lines ? toNvmePercentSeries(lines) : null}
          unit="%"
          empty="No NVMe wear samples in this range."
        />
      )}
      <h4 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Temperature</h4>
      <SeriesChart
        title={`Temperature of ${disk.name} over ${range}`}
        query={query}
        series={lines ? toTemperatureSeries(lines) : null}
        unit=" °C"
        empty="No temperature samples in this range."
      />
    </div>
  );
}

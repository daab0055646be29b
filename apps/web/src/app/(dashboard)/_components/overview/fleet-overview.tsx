"use client";

import { fleetFilterToQuery, type HostHealth, parseFleetFilter } from "@holmes/core";
import { Card } from "@holmes/ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback } from "react";
import { Panel } from "~/components/panel";
import { useUrlFilter } from "~/lib/use-url-filter";
import { useTRPC } from "~/trpc/react";
import { FindingsTable } from "../findings/findings-table";
import { CollectorStatus } from "./collector-status";
import { FleetFilters } from "./fleet-filters";
import { HealthCounts } from "./health-counts";
import { HostHeatmap } from "./host-heatmap";
import { OPEN_FINDINGS_INPUT, overviewInput } from "./overview-input";

export function FleetOverview(props: { canAcknowledge: boolean }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useUrlFilter(parseFleetFilter, fleetFilterToQuery);
  const { data: overview } = useSuspenseQuery({
    ...trpc.fleet.overview.queryOptions(overviewInput(filter)),
    refetchInterval: 10_000,
  });
  const { data: rules } = useSuspenseQuery(trpc.finding.rules.queryOptions());
  const toggleHealth = useCallback(
    (health: HostHealth) =>
      setFilter({
        ...filter,
        healths: filter.healths.includes(health)
          ? filter.healths.filter((h) => h !== health)
          : [...filter.healths, health],
      }),
    [filter, setFilter],
  );
  return (
    <div className="space-y-6">
      <HealthCounts counts={overview.counts} selected={filter.healths} onToggle={toggleHealth} />
      <CollectorStatus overview={overview} />
      <Card
        title={`Hosts (${overview.hosts.length} of ${overview.total})`}
        actions={
          <Link href="/hosts" className="text-sm text-sky-700 underline dark:text-sky-300">
            Host list
          </Link>
        }
      >
        <div className="space-y-4">
          <FleetFilters
            filter={filter}
            groups={overview.groups}
            rules={rules}
            onChange={setFilter}
          />
          <HostHeatmap hosts={overview.hosts} />
        </div>
      </Card>
      <Panel title="Open findings">
        <OpenFindings now={overview.now} canAcknowledge={props.canAcknowledge} />
      </Panel>
    </div>
  );
}

function OpenFindings(props: { now: Date; canAcknowledge: boolean }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({
    ...trpc.finding.list.queryOptions(OPEN_FINDINGS_INPUT),
    refetchInterval: 10_000,
  });
  return (
    <Card
      title={`Open findings (${data.total})`}
      actions={
        <Link href="/findings" className="text-sm text-sky-700 underline dark:text-sky-300">
          All findings →
        </Link>
      }
    >
      {data.items.length === 0 ? (
        <p className="text-sm text-zinc-500">
          Nothing open. Every rule is satisfied on every host.
        </p>
      ) : (
        <FindingsTable
          findings={data.items}
          now={props.now}
          canAcknowledge={props.canAcknowledge}
        />
      )}
    </Card>
  );
}

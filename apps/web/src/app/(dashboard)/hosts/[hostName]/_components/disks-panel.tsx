"use client";

import { Card } from "@holmes/ui";
import { useState } from "react";
import { DiskCard } from "./disk-card";
import { type Range, RangeSwitch } from "./range-switch";
import { useHostView } from "./use-host-view";

/** Scrutiny-style disk cards; one range switch drives every card's trend charts. */
export function DisksPanel(props: { host: string }) {
  const { data: view } = useHostView(props.host);
  const [range, setRange] = useState<Range>("24h");
  if (view.disks.length === 0) {
    return (
      <Card title="Disks">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No SMART data yet. SMART is read on its own, longer interval (10 min by default), or
          smartctl is missing on the host.
        </p>
      </Card>
    );
  }
  return (
    <section aria-labelledby="disks-title" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="disks-title" className="text-lg font-semibold">
          Disks ({view.disks.length})
        </h2>
        <RangeSwitch value={range} onChange={setRange} label="Disk trend range" />
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-2 2xl:grid-cols-3">
        {view.disks.map((disk) => (
          <DiskCard
            key={disk.name}
            disk={disk}
            hostId={view.summary.id}
            now={view.now}
            range={range}
            findings={view.findings.filter(
              (f) => f.objectKind === "disk" && f.objectName === disk.name,
            )}
          />
        ))}
      </div>
    </section>
  );
}

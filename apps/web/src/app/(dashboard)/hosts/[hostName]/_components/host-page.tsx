"use client";

import { Panel } from "~/components/panel";
import { ArraysPanel } from "./arrays-panel";
import { CollectionErrorsPanel } from "./collection-errors-panel";
import { DisksPanel } from "./disks-panel";
import { HostFindings } from "./host-findings";
import { HostSummary } from "./host-summary";
import { KernelEventsPanel } from "./kernel-events-panel";
import { LoopDevicesPanel } from "./loop-devices-panel";
import { LvmPanel } from "./lvm-panel";
import { NfsPanel } from "./nfs-panel";
import { TopologyPanel } from "./topology-panel";

/**
 * The host page. Each panel has its own error boundary and loading state (Panel), and reads the
 * shared, periodically refetched host query: one broken panel never blanks the others.
 */
export function HostPage(props: { host: string; canRespond: boolean }) {
  const { host } = props;
  return (
    <div className="space-y-6">
      <Panel title="Host summary">
        <HostSummary host={host} />
      </Panel>
      <Panel title="Open findings">
        <HostFindings host={host} />
      </Panel>
      <Panel title="md arrays">
        <ArraysPanel host={host} canRespond={props.canRespond} />
      </Panel>
      <Panel title="Disks">
        <DisksPanel host={host} />
      </Panel>
      <Panel title="NFS mounts">
        <NfsPanel host={host} />
      </Panel>
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Panel title="Loop devices">
          <LoopDevicesPanel host={host} />
        </Panel>
        <Panel title="LVM">
          <LvmPanel host={host} />
        </Panel>
      </div>
      <Panel title="Storage topology">
        <TopologyPanel host={host} />
      </Panel>
      <Panel title="Kernel events">
        <KernelEventsPanel host={host} />
      </Panel>
      <Panel title="Collection errors">
        <CollectionErrorsPanel host={host} />
      </Panel>
    </div>
  );
}

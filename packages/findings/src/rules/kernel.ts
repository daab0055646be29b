import type { FindingDraft, HostState, KernelEventState } from "@holmes/core";
import { draftFor, type Rule } from "../rule";

function byDevice(events: KernelEventState[]): Map<string, KernelEventState[]> {
  const groups = new Map<string, KernelEventState[]>();
  for (const event of events) {
    const key = event.device ?? "unknown device";
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return groups;
}

const eventsOf = (state: HostState, kind: string) =>
  state.kernelEvents.filter((event) => event.kind === kind);

export const xfsShutdown: Rule = {
  id: "kernel.xfs_shutdown",
  summary: "XFS forced a filesystem shutdown",
  runbookId: "xfs-shutdown-loop",
  evaluate: (state) =>
    [...byDevice(eventsOf(state, "xfs_shutdown")).entries()].map(([device, events]) =>
      draftFor(xfsShutdown, {
        severity: "critical",
        objectKind: "host",
        objectName: device,
        title: `XFS on ${device} shut down`,
        explanation:
          "XFS stopped all I/O to protect itself after an error from the device below it (or corruption it found). Everything on it fails until it is unmounted, the cause below is fixed, and it is mounted again (log replay); run xfs_repair only if the mount fails.",
        values: { device, count: events.length, last: events.at(-1)?.at.toISOString() ?? null },
        lines: events.slice(-5).map((event) => event.rawLine),
      }),
    ),
};

export const blockIoErrors: Rule = {
  id: "kernel.block_io_errors",
  summary: "Block I/O errors logged for a device",
  runbookId: "md-replace-member",
  evaluate: (state) =>
    [...byDevice(eventsOf(state, "block_io_error")).entries()].map(([device, events]) =>
      draftFor(blockIoErrors, {
        severity: events.length >= 10 ? "critical" : "warning",
        objectKind: "disk",
        objectName: device,
        title: `${events.length} I/O errors on ${device}`,
        explanation:
          "Reads or writes to this device failed at the block layer. On an array member md retries and may kick the disk; on a plain disk the filesystem sees the error. Check the disk's SMART data and cabling.",
        values: { device, count: events.length },
        lines: events.slice(-5).map((event) => event.rawLine),
      }),
    ),
};

export const swiotlbFull: Rule = {
  id: "kernel.swiotlb_full",
  summary: "SW-IOMMU (swiotlb) bounce buffers exhausted",
  runbookId: null,
  evaluate: (state): FindingDraft[] => {
    const events = eventsOf(state, "swiotlb_full");
    if (events.length === 0) return [];
    return [
      draftFor(swiotlbFull, {
        severity: "critical",
        objectKind: "host",
        objectName: state.host.name,
        title: `Out of SW-IOMMU space (${events.length}×)`,
        explanation:
          "The kernel ran out of bounce buffers for DMA: I/O to devices that need them fails, and hosts in this state have crashed. Raise the swiotlb size (swiotlb= on the kernel command line) or enable the hardware IOMMU, then reboot in a window.",
        values: { count: events.length },
        lines: events.slice(-3).map((event) => event.rawLine),
      }),
    ];
  },
};

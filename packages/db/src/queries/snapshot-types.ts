import type {
  disks,
  kernelEvents,
  loopDevices,
  mdArrays,
  mdMembers,
  mounts,
  nfsSamples,
  probeRuns,
  smartSamples,
  volumeGroups,
} from "../schema";

type Row<T extends { $inferInsert: unknown }> = Omit<T["$inferInsert"], "hostId" | "observedAt">;

/** Everything one successful poll learned about a host, already normalized by the collector. */
export type HostSnapshot = {
  observedAt: Date;
  kernelRelease: string | null;
  osName: string | null;
  missingTools: string[];
  arrays: Row<typeof mdArrays>[];
  members: Row<typeof mdMembers>[];
  /** null: SMART was not read in this poll (it runs on its own, longer interval). */
  disks: Row<typeof disks>[] | null;
  mounts: Row<typeof mounts>[];
  loopDevices: Row<typeof loopDevices>[];
  volumeGroups: Row<typeof volumeGroups>[];
  kernelEvents: Omit<typeof kernelEvents.$inferInsert, "hostId" | "id" | "receivedAt">[];
  smartSamples: Omit<typeof smartSamples.$inferInsert, "hostId" | "observedAt">[];
  nfsSamples: Omit<typeof nfsSamples.$inferInsert, "hostId" | "observedAt">[];
};

/**
 * The current-state tables a snapshot replaces. A caller that knows a table's content is what it
 * wrote last time (the collector keeps a hash per host) may skip it: its rows' observedAt then
 * means "last changed at", while host_collection.lastSuccessAt says when the host last answered.
 */
export type CurrentStateTable =
  | "arrays"
  | "members"
  | "disks"
  | "mounts"
  | "loopDevices"
  | "volumeGroups";

export type ProbeRunRecord = Omit<typeof probeRuns.$inferInsert, "id" | "hostId">;

/** One host's successful poll, as recordSnapshots takes it. */
export type SnapshotWrite = {
  hostId: string;
  snapshot: HostSnapshot;
  run: ProbeRunRecord;
  /** Tables whose content the caller knows is what it wrote last time (they are not rewritten). */
  unchanged?: ReadonlySet<CurrentStateTable>;
};

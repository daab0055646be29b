import type {
  ArrayState,
  DiskState,
  EvidenceAlertState,
  HostState,
  MountState,
  NfsMountState,
} from "@holmes/core";
import type { HostSnapshot } from "@holmes/db/queries/fleet-state";
import {
  emptyHistory,
  type HostHistory,
  type SlotSerial,
  slotKey,
} from "@holmes/db/queries/host-history";

/**
 * A host's state after a poll this process just stored, built from the snapshot in memory rather
 * than read back: the same HostState `loadHostState` would return (host-state-memory.int.test.ts
 * compares the two after the same polls). Each function mirrors one write of recordSnapshot.
 */

/** What the successful poll wrote besides the snapshot: its run and the host's identity. */
export type StoredPoll = {
  snapshot: HostSnapshot;
  status: "ok" | "partial";
  /** The run's parse problems, as stored in probe_runs.parse_errors. */
  parseErrors: ReadonlyArray<{ commandId: string; message: string }>;
  host: {
    id: string;
    name: string;
    pinnedHostKey: string | null;
    presentedHostKey: string | null;
  };
};

/**
 * What the database holds of a host no poll has succeeded on yet, as loadHostState would read it.
 * Only a successful poll writes arrays, members, disks, mounts, loop devices, SMART and NFS
 * samples, kernel events, slot serials and evidence, so there are none; failed attempts leave
 * their last error. A first success is then followed in memory like any later one, instead of
 * reading a dozen empty tables back (on a new fleet, every host at once).
 */
export function stateBeforeFirstSuccess(input: {
  host: StoredPoll["host"];
  lastErrorBefore: { code: string | null; message: string | null };
  now: Date;
  pollIntervalMs: number;
}): { state: HostState; history: HostHistory } {
  const { host } = input;
  const state: HostState = {
    now: input.now,
    host: { id: host.id, name: host.name, kernelRelease: null, osName: null },
    pollIntervalMs: input.pollIntervalMs,
    collection: {
      state: "never",
      lastSuccessAt: null,
      lastErrorCode: input.lastErrorBefore.code,
      lastErrorMessage: input.lastErrorBefore.message,
      consecutiveFailures: 0,
      missingTools: [],
      pinnedHostKey: host.pinnedHostKey,
      presentedHostKey: host.presentedHostKey,
      parseErrors: [],
    },
    arrays: [],
    disks: [],
    mounts: [],
    loopDevices: [],
    kernelEvents: [],
    slotChanges: [],
    evidenceAlerts: [],
  };
  return { state, history: emptyHistory() };
}

/** A value as jsonb gives it back: undefined fields gone, dates as strings. */
const viaJsonb = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A number as a `real` column gives it back: float4, printed in its shortest exact form. */
export function viaReal(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(single.toPrecision(digits));
    if (Math.fround(shortest) === single) return shortest;
  }
  return single;
}

/** Text columns ordered as Postgres orders them under the C collation (code points). */
const byText =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** The history after the poll's appends: SMART and NFS samples, kernel events, slot serials. */
export function advanceHistory(
  history: HostHistory,
  snapshot: HostSnapshot,
  since: Date,
): HostHistory {
  const at = snapshot.observedAt;
  const smartCounters = new Map(history.smartCounters);
  for (const sample of snapshot.smartSamples) {
    const newest = smartCounters.get(sample.diskSerial)?.[0];
    const counters = viaJsonb(sample.counters);
    smartCounters.set(sample.diskSerial, newest ? [counters, newest] : [counters]);
  }
  const nfsRetransmissions = new Map(history.nfsRetransmissions);
  for (const sample of snapshot.nfsSamples) {
    const values = nfsRetransmissions.get(sample.mountPoint);
    const value = sample.retransmissions ?? null;
    nfsRetransmissions.set(
      sample.mountPoint,
      values?.length ? [value, values[0] ?? null] : [value],
    );
  }
  const kernelEvents = [
    ...history.kernelEvents,
    ...snapshot.kernelEvents.map((event) => ({
      kind: event.kind,
      severity: event.severity,
      device: event.device ?? null,
      rawLine: event.rawLine,
      loggedAt: event.loggedAt ?? null,
      receivedAt: at,
    })),
  ].filter((event) => event.receivedAt >= since);
  return {
    smartCounters,
    nfsRetransmissions,
    kernelEvents,
    slotSerials: trackSlotSerials(history.slotSerials, snapshot),
  };
}

/** As fleet-state's trackSlotSerials upserts: working members with a slot and a serial own it. */
function trackSlotSerials(
  slots: ReadonlyMap<string, SlotSerial>,
  snapshot: HostSnapshot,
): Map<string, SlotSerial> {
  const next = new Map(slots);
  for (const member of snapshot.members) {
    if (member.slot === null || member.slot === undefined || !member.diskSerial) continue;
    if (member.isSpare || member.isFaulty) continue;
    const key = slotKey(member.arrayName, member.slot);
    const existing = next.get(key);
    const isChanged = existing !== undefined && existing.serial !== member.diskSerial;
    next.set(key, {
      arrayName: member.arrayName,
      slot: member.slot,
      serial: member.diskSerial,
      previousSerial: isChanged ? existing.serial : (existing?.previousSerial ?? null),
      changedAt: isChanged ? snapshot.observedAt : (existing?.changedAt ?? null),
    });
  }
  return next;
}

function arraysOf(snapshot: HostSnapshot, degradedByDesign: ReadonlySet<string>): ArrayState[] {
  return [...snapshot.arrays].sort(byText((a) => a.name)).map((array) => ({
    name: array.name,
    uuid: array.uuid ?? null,
    level: array.level ?? null,
    state: array.state,
    readOnly: array.readOnly ?? false,
    degraded: array.degraded ?? false,
    raidDisks: array.raidDisks ?? null,
    activeDisks: array.activeDisks ?? null,
    statusString: array.statusString ?? null,
    layout: array.layout ?? null,
    syncAction: array.syncAction ?? null,
    syncPercent: viaReal(array.syncPercent),
    syncSpeedKbps: array.syncSpeedKbps ?? null,
    syncFinishMinutes: viaReal(array.syncFinishMinutes),
    isDegradedByDesign: degradedByDesign.has(array.name),
    members: snapshot.members
      .filter((member) => member.arrayName === array.name)
      .map((member) => ({
        device: member.device,
        slot: member.slot ?? null,
        role: member.role ?? null,
        isFaulty: member.isFaulty ?? false,
        isSpare: member.isSpare ?? false,
        diskSerial: member.diskSerial ?? null,
      })),
  }));
}

type DiskRow = Omit<DiskState, "previousCounters">;

function diskRowsOf(disks: NonNullable<HostSnapshot["disks"]>): DiskRow[] {
  return [...disks].sort(byText((d) => d.name)).map((disk) => {
    const health = viaJsonb(disk.health ?? {}) as Partial<DiskRow>;
    return {
      name: disk.name,
      protocol: disk.protocol ?? null,
      model: disk.model ?? null,
      serial: disk.serial ?? null,
      smartPassed: disk.smartPassed ?? null,
      temperatureC: disk.temperatureC ?? null,
      powerOnHours: disk.powerOnHours ?? null,
      isStandby: disk.isStandby ?? false,
      attributes: health.attributes ?? [],
      nvme: health.nvme ?? null,
      scsi: health.scsi ?? null,
      hoursSinceLastSelfTest: health.hoursSinceLastSelfTest ?? null,
      errorLogCount: health.errorLogCount ?? null,
    };
  });
}

/** Newest first, nulls skipped: what loadMounts makes of a mount's two newest samples. */
function retransmissionsOf(values: ReadonlyArray<number | null> | undefined) {
  const known = (values ?? []).filter((value): value is number => value !== null);
  const [latest, previous] = known;
  return latest === undefined ? null : { latest, previous: previous ?? null };
}

function mountsOf(snapshot: HostSnapshot, history: HostHistory): MountState[] {
  return [...snapshot.mounts].sort(byText((m) => m.mountPoint)).map((mount) => ({
    mountPoint: mount.mountPoint,
    source: mount.source,
    fstype: mount.fstype,
    options: mount.options,
    nfs: mount.nfs ? viaJsonb(mount.nfs as NfsMountState) : null,
    isDeleted: mount.isDeleted ?? false,
    retransmissions: retransmissionsOf(history.nfsRetransmissions.get(mount.mountPoint)),
  }));
}

/** Open evidence alerts and, of the kinds that are moments, those still in the window. */
export function alertsInWindow(
  alerts: readonly EvidenceAlertState[],
  since: Date,
): EvidenceAlertState[] {
  return alerts.filter((alert) => alert.kind === "events-diverged" || alert.observedAt >= since);
}

/**
 * The host's state right after `poll` was stored, from the state before it. `history` must
 * already include the poll (advanceHistory); the disks stay as they were when SMART was not read.
 */
export function stateAfterPoll(input: {
  previous: HostState;
  history: HostHistory;
  poll: StoredPoll;
  degradedByDesign: ReadonlySet<string>;
  evidenceAlerts: readonly EvidenceAlertState[];
  now: Date;
  pollIntervalMs: number;
  since: Date;
}): HostState {
  const { previous, history, poll, since } = input;
  const { snapshot } = poll;
  const diskRows: DiskRow[] = snapshot.disks ? diskRowsOf(snapshot.disks) : previous.disks;
  return {
    now: input.now,
    host: {
      id: poll.host.id,
      name: poll.host.name,
      kernelRelease: snapshot.kernelRelease,
      osName: snapshot.osName,
    },
    pollIntervalMs: input.pollIntervalMs,
    collection: {
      state: poll.status,
      lastSuccessAt: snapshot.observedAt,
      // A success leaves the last error in place (it says what went wrong last time).
      lastErrorCode: previous.collection.lastErrorCode,
      lastErrorMessage: previous.collection.lastErrorMessage,
      consecutiveFailures: 0,
      missingTools: [...snapshot.missingTools],
      pinnedHostKey: poll.host.pinnedHostKey,
      presentedHostKey: poll.host.presentedHostKey,
      parseErrors: viaJsonb([...poll.parseErrors]),
    },
    arrays: arraysOf(snapshot, input.degradedByDesign),
    disks: diskRows.map((disk) => ({
      ...disk,
      previousCounters: disk.serial ? (history.smartCounters.get(disk.serial)?.[1] ?? null) : null,
    })),
    mounts: mountsOf(snapshot, history),
    loopDevices: snapshot.loopDevices.map((loop) => ({
      name: loop.name,
      backFile: loop.backFile ?? null,
      isBackFileDeleted: loop.isBackFileDeleted ?? false,
    })),
    kernelEvents: history.kernelEvents
      .filter((event) => event.receivedAt >= since)
      .map((event) => ({
        kind: event.kind,
        severity: event.severity,
        device: event.device,
        rawLine: event.rawLine,
        at: event.loggedAt ?? event.receivedAt,
      })),
    slotChanges: [...history.slotSerials.values()].flatMap((row) =>
      row.previousSerial !== null && row.changedAt !== null && row.changedAt >= since
        ? [{ ...row, previousSerial: row.previousSerial, changedAt: row.changedAt }]
        : [],
    ),
    evidenceAlerts: alertsInWindow(input.evidenceAlerts, since),
  };
}

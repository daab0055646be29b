import type { FindingDraft, HostState, KernelEventState, MountState } from "@holmes/core";
import { draftFor, type Rule } from "../rule";

const RUNBOOK_NFS = "nfs-mount-health";

const nfsMounts = (state: HostState) => state.mounts.filter((mount) => mount.nfs !== null);
const where = (mount: MountState) =>
  mount.nfs?.server ? `${mount.nfs.server}:${mount.nfs.export ?? ""}` : mount.source;

export const softReadWrite: Rule = {
  id: "nfs.soft_rw",
  summary: "NFS mounted read-write with `soft`",
  runbookId: RUNBOOK_NFS,
  evaluate: (state) =>
    nfsMounts(state)
      // softerr fails the same way, with ETIMEDOUT instead of EIO.
      .filter((mount) => (mount.nfs?.soft || mount.nfs?.softerr) && mount.nfs.readOnly !== true)
      .map((mount) =>
        draftFor(softReadWrite, {
          severity: "warning",
          objectKind: "mount",
          objectName: mount.mountPoint,
          title: `${mount.mountPoint} is a read-write NFS mount with soft`,
          explanation: `With soft, a request that times out (timeo × retrans) returns an error to the application instead of retrying. Writes can be lost or half applied while the program carries on: silent corruption. Use hard for anything written to (${where(mount)}).`,
          values: {
            server: where(mount),
            options: mount.options,
            timeo: mount.nfs?.timeo ?? null,
            retrans: mount.nfs?.retrans ?? null,
          },
        }),
      ),
};

export const intrOption: Rule = {
  id: "nfs.intr",
  summary: "NFS mounted with `intr`, which kernels since 2.6.25 ignore",
  runbookId: RUNBOOK_NFS,
  evaluate: (state) =>
    nfsMounts(state)
      .filter((mount) => mount.nfs?.intr === true)
      .map((mount) =>
        draftFor(intrOption, {
          severity: "info",
          objectKind: "mount",
          objectName: mount.mountPoint,
          title: `${mount.mountPoint} uses intr, which does nothing`,
          explanation:
            "Since Linux 2.6.25 intr/nointr are ignored: only SIGKILL interrupts a hung NFS request. The option suggests hung processes can be interrupted when they cannot; remove it so nobody relies on it.",
          values: { server: where(mount), options: mount.options },
        }),
      ),
};

export const staleMount: Rule = {
  id: "nfs.stale_mount",
  summary: "A mount whose mount point was deleted (`\\040(deleted)`)",
  runbookId: "nfs-failover",
  evaluate: (state) =>
    state.mounts
      .filter((mount) => mount.isDeleted)
      .map((mount) =>
        draftFor(staleMount, {
          severity: "warning",
          objectKind: "mount",
          objectName: mount.mountPoint,
          title: `${mount.mountPoint} is mounted on a deleted directory`,
          explanation:
            "The kernel marks the mount point \\040(deleted): the directory was removed or replaced while mounted, often after a failover or a lazy unmount. New opens of the path do not reach this filesystem; processes still using it do. Unmount it and mount again.",
          values: { source: mount.source, fstype: mount.fstype },
        }),
      ),
};

export const retransmissionsRising: Rule = {
  id: "nfs.retransmissions_rising",
  summary: "NFS RPC retransmissions went up since the previous poll",
  runbookId: RUNBOOK_NFS,
  evaluate: (state, settings) =>
    nfsMounts(state).flatMap((mount): FindingDraft[] => {
      const counts = mount.retransmissions;
      if (!counts || counts.previous === null) return [];
      const added = counts.latest - counts.previous;
      if (added < settings.nfsRetransmissionsPerPollWarning) return [];
      return [
        draftFor(retransmissionsRising, {
          severity: "warning",
          objectKind: "mount",
          objectName: mount.mountPoint,
          title: `${mount.mountPoint}: ${added} RPC retransmissions since the last poll`,
          explanation: `The client had to resend requests to ${where(mount)}: the server or the network between is dropping or delaying them. Check the server's load and the path to it before clients start hanging.`,
          values: { server: where(mount), previous: counts.previous, latest: counts.latest },
        }),
      ];
    }),
};

/** The latest event of each NFS server, so "not responding" clears once "OK" follows it. */
function latestByServer(events: KernelEventState[]) {
  const latest = new Map<string, KernelEventState>();
  for (const event of events) {
    if (event.kind !== "nfs_not_responding" && event.kind !== "nfs_ok") continue;
    const key = event.device ?? "unknown server";
    const current = latest.get(key);
    if (!current || event.at >= current.at) latest.set(key, event);
  }
  return latest;
}

export const serverNotResponding: Rule = {
  id: "nfs.not_responding",
  summary: "The kernel says an NFS server is not responding",
  runbookId: RUNBOOK_NFS,
  evaluate: (state) =>
    [...latestByServer(state.kernelEvents).entries()]
      .filter(([, event]) => event.kind === "nfs_not_responding")
      .map(([server, event]) =>
        draftFor(serverNotResponding, {
          severity: "critical",
          objectKind: "host",
          objectName: `nfs ${server}`,
          title: `NFS server ${server} not responding`,
          explanation:
            "Processes touching its mounts are blocked (hard mounts) or getting errors (soft mounts). Check the server and the network; the kernel logs 'OK' when it answers again.",
          values: { server, since: event.at.toISOString() },
          lines: [event.rawLine],
        }),
      ),
};

export const staleFileHandle: Rule = {
  id: "nfs.stale_file_handle",
  summary: "The kernel logged `Stale file handle`",
  runbookId: "nfs-failover",
  evaluate: (state) => {
    const stale = state.kernelEvents.filter((event) => event.kind === "nfs_stale_handle");
    if (stale.length === 0) return [];
    return [
      draftFor(staleFileHandle, {
        severity: "critical",
        objectKind: "host",
        objectName: state.host.name,
        title: `${stale.length} Stale file handle errors`,
        explanation:
          "The NFS server no longer recognises handles the client holds, typically after a failover to a server that does not share the same filesystem ids. Open files on those mounts fail, and filesystems stacked on loop devices over them shut down. Remount after the server side is consistent.",
        values: { count: stale.length, last: stale.at(-1)?.at.toISOString() ?? null },
        lines: stale.slice(-5).map((event) => event.rawLine),
      }),
    ];
  },
};

import type { FindingDraft, HostState, MountState } from "@holmes/core";
import { draftFor, type Rule } from "../rule";

/** Filesystems with a journal: on an I/O error from their device they shut down to stay consistent. */
const JOURNALING_FS = new Set(["xfs", "ext3", "ext4", "jfs", "reiserfs", "btrfs", "gfs2", "ocfs2"]);
const isNfs = (mount: MountState) => mount.fstype === "nfs" || mount.fstype === "nfs4";

/** The mount a path lives on: the longest mount point that is a prefix of it. */
export function mountOf(path: string, mounts: readonly MountState[]): MountState | null {
  let best: MountState | null = null;
  for (const mount of mounts) {
    const point = mount.mountPoint.endsWith("/") ? mount.mountPoint : `${mount.mountPoint}/`;
    const isUnder = path === mount.mountPoint || path.startsWith(point);
    if (isUnder && (!best || mount.mountPoint.length > best.mountPoint.length)) best = mount;
  }
  return best;
}

export const loopOnNfs: Rule = {
  id: "loop.on_nfs",
  summary: "A journaling filesystem on a loop device whose backing file is on NFS",
  runbookId: "nfs-failover",
  evaluate: (state: HostState) =>
    state.loopDevices.flatMap((loop): FindingDraft[] => {
      if (!loop.backFile) return [];
      const backing = mountOf(loop.backFile, state.mounts);
      if (!backing || !isNfs(backing)) return [];
      const carried = state.mounts.filter(
        (mount) => mount.source === `/dev/${loop.name}` && JOURNALING_FS.has(mount.fstype),
      );
      return carried.map((mount) =>
        draftFor(loopOnNfs, {
          severity: "critical",
          objectKind: "loop",
          objectName: loop.name,
          title: `${mount.fstype} on ${mount.mountPoint} sits on ${loop.name}, backed by NFS`,
          explanation: `${loop.name} reads and writes ${loop.backFile}, which lives on the NFS mount ${backing.mountPoint} (${backing.source}). If the NFS server fails over and hands out stale file handles, every write of the loop device fails and ${mount.fstype} shuts ${mount.mountPoint} down: whatever runs on it stops at once. Move the data to local storage, or make sure the NFS failover preserves file handles, before the next failover.`,
          values: {
            loop: loop.name,
            backFile: loop.backFile,
            nfsMount: backing.mountPoint,
            nfsSource: backing.source,
            filesystem: mount.fstype,
            mountPoint: mount.mountPoint,
            nfsSoft: backing.nfs?.soft ?? null,
          },
        }),
      );
    }),
};

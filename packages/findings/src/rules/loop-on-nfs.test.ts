import { describe, expect, it } from "vitest";
import { hostState, loop, mount, nfsMount, run, single } from "../testing/host-state";
import { loopOnNfs, mountOf } from "./loop-on-nfs";

/** The incident pattern: /srv/data is NFS, loop3 reads an image on it, XFS on loop3. */
const loopOnNfsHost = (overrides: { fstype?: string; backFile?: string | null } = {}) =>
  hostState({
    mounts: [
      mount(),
      nfsMount({ nfs: { soft: true } }),
      mount({
        mountPoint: "/var/lib/app",
        source: "/dev/loop3",
        fstype: overrides.fstype ?? "xfs",
      }),
    ],
    loopDevices: [
      loop({
        name: "loop3",
        backFile:
          overrides.backFile === undefined ? "/srv/data/images/app.img" : overrides.backFile,
      }),
    ],
  });

describe("loop.on_nfs", () => {
  it("is a critical advisory naming the loop, its backing file and the NFS mount", () => {
    const finding = single(run(loopOnNfs, loopOnNfsHost()));
    expect(finding).toMatchObject({
      ruleId: "loop.on_nfs",
      severity: "critical",
      objectKind: "loop",
      objectName: "loop3",
      title: "xfs on /var/lib/app sits on loop3, backed by NFS",
      runbookId: "nfs-failover",
    });
    expect(finding.explanation).toContain("stale file handles");
    expect(finding.evidence.values).toMatchObject({
      backFile: "/srv/data/images/app.img",
      nfsMount: "/srv/data",
      nfsSource: "filer1:/export/data",
      filesystem: "xfs",
      mountPoint: "/var/lib/app",
      nfsSoft: true,
    });
  });

  it("covers other journaling filesystems too", () => {
    expect(single(run(loopOnNfs, loopOnNfsHost({ fstype: "ext4" }))).title).toContain("ext4");
  });

  it("says nothing for a loop backed by a local file", () => {
    expect(run(loopOnNfs, loopOnNfsHost({ backFile: "/var/lib/images/app.img" }))).toEqual([]);
  });

  it("says nothing for a path that only shares a prefix with the NFS mount point", () => {
    expect(run(loopOnNfs, loopOnNfsHost({ backFile: "/srv/database/app.img" }))).toEqual([]);
  });

  it("says nothing when the loop carries no journaling filesystem, or no backing file is known", () => {
    expect(run(loopOnNfs, loopOnNfsHost({ fstype: "iso9660" }))).toEqual([]);
    expect(run(loopOnNfs, loopOnNfsHost({ backFile: null }))).toEqual([]);
    const unmounted = loopOnNfsHost();
    unmounted.mounts = unmounted.mounts.filter((m) => m.source !== "/dev/loop3");
    expect(run(loopOnNfs, unmounted)).toEqual([]);
  });
});

describe("mountOf", () => {
  const mounts = [mount(), nfsMount(), nfsMount({ mountPoint: "/srv/data/archive" })];

  it("picks the longest mount point that holds the path", () => {
    expect(mountOf("/srv/data/archive/x.img", mounts)?.mountPoint).toBe("/srv/data/archive");
    expect(mountOf("/srv/data/x.img", mounts)?.mountPoint).toBe("/srv/data");
    expect(mountOf("/srv/data", mounts)?.mountPoint).toBe("/srv/data");
    expect(mountOf("/srv/database/x.img", mounts)?.mountPoint).toBe("/");
  });

  it("is null when nothing, not even /, is mounted above it", () => {
    expect(mountOf("/srv/x", [nfsMount()])).toBeNull();
  });
});

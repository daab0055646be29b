import { describe, expect, it } from "vitest";
import {
  hostState,
  hoursAgo,
  kernelEvent,
  minutesAgo,
  mount,
  nfsMount,
  run,
  single,
} from "../testing/host-state";
import {
  intrOption,
  retransmissionsRising,
  serverNotResponding,
  softReadWrite,
  staleFileHandle,
  staleMount,
} from "./nfs";

describe("nfs.soft_rw", () => {
  it("is a warning for a read-write soft mount, with its timeouts as evidence", () => {
    const state = hostState({
      mounts: [nfsMount({ nfs: { soft: true, hard: false, timeo: 100, retrans: 3 } })],
    });
    const finding = single(run(softReadWrite, state));
    expect(finding).toMatchObject({
      ruleId: "nfs.soft_rw",
      severity: "warning",
      objectKind: "mount",
      objectName: "/srv/data",
      title: "/srv/data is a read-write NFS mount with soft",
      runbookId: "nfs-mount-health",
    });
    expect(finding.explanation).toContain("silent corruption");
    expect(finding.evidence.values).toMatchObject({
      server: "filer1:/export/data",
      timeo: 100,
      retrans: 3,
    });
    expect(finding.evidence.values.options).toContain("soft");
  });

  it("also flags soft when neither rw nor ro was reported", () => {
    const state = hostState({ mounts: [nfsMount({ nfs: { soft: true, readOnly: null } })] });
    expect(run(softReadWrite, state)).toHaveLength(1);
  });

  it("says nothing for a soft but read-only mount, a hard one, or a local one", () => {
    const state = hostState({
      mounts: [
        nfsMount({ mountPoint: "/srv/iso", nfs: { soft: true, readOnly: true } }),
        nfsMount(),
        mount({ options: "rw,soft" }),
      ],
    });
    expect(run(softReadWrite, state)).toEqual([]);
  });
});

describe("nfs.intr", () => {
  it("is info that intr does nothing since 2.6.25", () => {
    const finding = single(
      run(intrOption, hostState({ mounts: [nfsMount({ nfs: { intr: true } })] })),
    );
    expect(finding).toMatchObject({
      ruleId: "nfs.intr",
      severity: "info",
      objectName: "/srv/data",
    });
    expect(finding.title).toBe("/srv/data uses intr, which does nothing");
    expect(finding.explanation).toContain("2.6.25");
  });

  it("says nothing for nointr or no intr option at all", () => {
    const state = hostState({
      mounts: [nfsMount({ nfs: { intr: false } }), nfsMount({ mountPoint: "/b" })],
    });
    expect(run(intrOption, state)).toEqual([]);
  });
});

describe("nfs.stale_mount", () => {
  it("is a warning for a mount on a deleted directory", () => {
    const state = hostState({ mounts: [nfsMount({ mountPoint: "/srv/data", isDeleted: true })] });
    const finding = single(run(staleMount, state));
    expect(finding).toMatchObject({
      ruleId: "nfs.stale_mount",
      severity: "warning",
      objectKind: "mount",
      objectName: "/srv/data",
      title: "/srv/data is mounted on a deleted directory",
    });
    expect(finding.evidence.values).toMatchObject({
      source: "filer1:/export/data",
      fstype: "nfs4",
    });
  });

  it("says nothing when the mount point still exists", () => {
    expect(run(staleMount, hostState({ mounts: [nfsMount(), mount()] }))).toEqual([]);
  });
});

describe("nfs.retransmissions_rising", () => {
  const withCounts = (latest: number, previous: number | null) =>
    hostState({ mounts: [nfsMount({ retransmissions: { latest, previous } })] });

  it("is a warning with the number added since the last poll", () => {
    const finding = single(run(retransmissionsRising, withCounts(52, 14)));
    expect(finding).toMatchObject({
      ruleId: "nfs.retransmissions_rising",
      severity: "warning",
      objectName: "/srv/data",
      title: "/srv/data: 38 RPC retransmissions since the last poll",
    });
    expect(finding.evidence.values).toMatchObject({ previous: 14, latest: 52 });
  });

  it("says nothing when unchanged, below the per-poll threshold, on the first poll, or after a remount reset the counter", () => {
    for (const [latest, previous] of [
      [14, 14],
      [23, 14],
      [14, null],
      [3, 14],
    ] as const) {
      expect(run(retransmissionsRising, withCounts(latest, previous))).toEqual([]);
    }
  });
});

const notResponding = (at: Date, server = "filer1") =>
  kernelEvent("nfs_not_responding", {
    device: server,
    at,
    rawLine: `[1234.5] nfs: server ${server} not responding, still trying`,
  });
const ok = (at: Date, server = "filer1") =>
  kernelEvent("nfs_ok", {
    device: server,
    at,
    severity: "info",
    rawLine: `[1240.1] nfs: server ${server} OK`,
  });

describe("nfs.not_responding", () => {
  it("is critical with the kernel line while the server has not come back", () => {
    const since = minutesAgo(20);
    const finding = single(
      run(serverNotResponding, hostState({ kernelEvents: [notResponding(since)] })),
    );
    expect(finding).toMatchObject({
      ruleId: "nfs.not_responding",
      severity: "critical",
      objectKind: "host",
      objectName: "nfs filer1",
      title: "NFS server filer1 not responding",
    });
    expect(finding.evidence.values.since).toBe(since.toISOString());
    expect(finding.evidence.lines).toEqual([
      "[1234.5] nfs: server filer1 not responding, still trying",
    ]);
  });

  it("says nothing once the kernel logged OK for that server", () => {
    const state = hostState({ kernelEvents: [notResponding(minutesAgo(20)), ok(minutesAgo(18))] });
    expect(run(serverNotResponding, state)).toEqual([]);
  });

  it("opens again when the server drops after its OK, and keeps servers apart", () => {
    const state = hostState({
      kernelEvents: [
        notResponding(hoursAgo(3)),
        ok(hoursAgo(2)),
        notResponding(minutesAgo(5)),
        notResponding(minutesAgo(30), "filer2"),
        ok(minutesAgo(10), "filer3"),
      ],
    });
    expect(run(serverNotResponding, state).map((f) => f.objectName)).toEqual([
      "nfs filer1",
      "nfs filer2",
    ]);
  });
});

describe("nfs.stale_file_handle", () => {
  it("is critical with the count and the latest lines", () => {
    const lines = Array.from({ length: 7 }, (_, i) =>
      kernelEvent("nfs_stale_handle", {
        at: minutesAgo(60 - i),
        rawLine: `NFS: stale file handle ${i}`,
      }),
    );
    const finding = single(run(staleFileHandle, hostState({ kernelEvents: lines })));
    expect(finding).toMatchObject({
      ruleId: "nfs.stale_file_handle",
      severity: "critical",
      objectKind: "host",
      objectName: "db1",
      title: "7 Stale file handle errors",
    });
    expect(finding.evidence.lines).toHaveLength(5);
    expect(finding.evidence.lines.at(-1)).toBe("NFS: stale file handle 6");
  });

  it("says nothing without stale-handle events", () => {
    const state = hostState({ kernelEvents: [ok(minutesAgo(5)), kernelEvent("xfs_shutdown")] });
    expect(run(staleFileHandle, state)).toEqual([]);
  });
});

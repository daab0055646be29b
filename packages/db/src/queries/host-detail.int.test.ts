import { describe, expect, it } from "vitest";
import { seedStorageHost, testDatabaseKinds, useTestDatabase } from "../testing";
import { hostDetail } from "./host-detail";
import { setArrayExpectation } from "./host-detail-arrays";
import { probeRunOutput } from "./host-detail-history";
import { hostSeries } from "./host-series";

const NOW = new Date("2026-06-01T12:00:00Z");

describe.each(testDatabaseKinds())("host page queries on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("finds a host by name or id and returns null for neither", async () => {
    const { db } = database();
    const { hostId } = await seedStorageHost(db, "detail-lookup", NOW);
    expect((await hostDetail(db, "detail-lookup"))?.summary.id).toBe(hostId);
    expect((await hostDetail(db, hostId))?.summary.name).toBe("detail-lookup");
    expect(await hostDetail(db, "no-such-host")).toBeNull();
    expect(await hostDetail(db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("shows the degraded array's members by slot with the disk behind each", async () => {
    const { db } = database();
    await seedStorageHost(db, "detail-md", NOW);
    const detail = await hostDetail(db, "detail-md");
    const md2 = detail?.arrays.find((a) => a.name === "md2");
    expect(md2).toMatchObject({
      level: "raid10",
      degraded: true,
      syncAction: "recovery",
      syncPercent: expect.closeTo(38.2, 3),
      syncFinishMinutes: expect.closeTo(12.4, 3),
      expectation: null,
    });
    // Slots ascending, the faulty member (no slot) last.
    expect(md2?.members.map((m) => [m.slot, m.device, m.role])).toEqual([
      [0, "sdc1", "active"],
      [1, "sdg1", "rebuilding"],
      [2, "sde1", "active"],
      [3, "sdf1", "active"],
      [null, "sdd1", "faulty"],
    ]);
    const failed = md2?.members.find((m) => m.device === "sdd1");
    expect(failed).toMatchObject({
      isFaulty: true,
      diskSerial: "ZC100002",
      disk: { name: "sdd", model: "ST4000NM0035-1V4107" },
    });
  });

  it("summarises collection, disks, mounts, loops, LVM, events, failed runs and findings", async () => {
    const { db } = database();
    await seedStorageHost(db, "detail-all", NOW);
    const detail = await hostDetail(db, "detail-all");
    if (!detail) throw new Error("no detail");
    expect(detail.summary).toMatchObject({
      isSimulated: true,
      groups: ["storage"],
      osName: "Rocky Linux 9.3 (Blue Onyx)",
      collection: { state: "timeout", lastErrorCode: "TIMEOUT", consecutiveFailures: 1 },
    });
    expect(detail.summary.collection.lastSuccessAt?.getTime()).toBe(NOW.getTime() - 60_000);
    const sdd = detail.disks.find((d) => d.name === "sdd");
    expect(sdd?.keyAttributes.map((a) => [a.id, a.raw])).toEqual([
      [5, 900],
      [197, 48],
    ]);
    expect(sdd).toMatchObject({ errorLogCount: 3, hoursSinceLastSelfTest: 5, nvme: null });
    const images = detail.mounts.find((m) => m.mountPoint === "/mnt/images");
    expect(images?.nfs).toMatchObject({ server: "fs1", export: "/export/images", soft: true });
    expect(detail.loopDevices).toEqual([
      expect.objectContaining({
        name: "loop0",
        isOnNfs: true,
        backingMount: expect.objectContaining({ mountPoint: "/mnt/images" }),
        mountedAt: { mountPoint: "/srv/db1", fstype: "xfs" },
      }),
    ]);
    expect(detail.volumeGroups[0]?.logicalVolumes[0]).toMatchObject({
      name: "data",
      devices: ["/dev/md2"],
    });
    expect(detail.kernelEvents.map((e) => e.rawLine.slice(-3))).toEqual(["(2)", "(1)", "(0)"]);
    expect(detail.problemRuns.map((r) => r.status)).toEqual(["failed", "partial"]);
    expect(detail.problemRuns[1]?.parseErrors[0]?.commandId).toBe("mountstats");
    expect(detail.findings.map((f) => f.ruleId)).toEqual(["loop.on_nfs", "md.degraded"]);
  });

  it("returns a run's raw outputs decompressed and capped, only for its own host", async () => {
    const { db } = database();
    const { hostId } = await seedStorageHost(db, "detail-raw", NOW);
    const other = await seedStorageHost(db, "detail-raw-other", NOW);
    const detail = await hostDetail(db, hostId);
    const partial = detail?.problemRuns.find((r) => r.status === "partial");
    if (!partial) throw new Error("no partial run");
    expect(partial.rawOutputBytes).toBeGreaterThan(0);
    const output = await probeRunOutput(db, { hostId, runId: partial.id, maxCharsPerOutput: 100 });
    const stats = output?.sections.find((s) => s.id === "mountstats");
    expect(stats).toMatchObject({ isCapped: true, outputChars: 5033 });
    expect(stats?.output).toHaveLength(100);
    expect(stats?.output.startsWith("device fs1:/export/images poll 1")).toBe(true);
    const foreign = { hostId: other.hostId, runId: partial.id, maxCharsPerOutput: 100 };
    expect(await probeRunOutput(db, foreign)).toBeNull();
  });

  it("buckets SMART, NFS rate and sync progress series", async () => {
    const { db } = database();
    const { hostId } = await seedStorageHost(db, "detail-series", NOW);
    const range = "24h" as const;
    const disk = await hostSeries(db, {
      hostId,
      range,
      now: NOW,
      subject: { kind: "disk", serial: "ZC100002" },
    });
    expect(disk.smart).toHaveLength(1);
    expect(disk.smart[0]?.lines.ata5?.map((p) => p.value)).toEqual([300, 600, 900]);
    expect(disk.smart[0]?.lines.temperatureC?.map((p) => p.value)).toEqual([35, 36, 37]);
    const nfs = await hostSeries(db, {
      hostId,
      range,
      now: NOW,
      subject: { kind: "mount", mountPoint: "/mnt/images" },
    });
    expect(nfs.nfs[0]?.rttMs.READ?.map((p) => p.value)).toEqual([5, 5]);
    expect(nfs.nfs[0]?.retransPerMinute.map((p) => p.value)).toEqual([3, 3]);
    const sync = await hostSeries(db, { hostId, range, now: NOW, subject: { kind: "arrays" } });
    expect(sync.arraySync[0]?.percent.map((p) => Math.round(p.value ?? 0))).toEqual([18, 28, 38]);
    const month = await hostSeries(db, {
      hostId,
      range: "30d",
      now: NOW,
      subject: { kind: "disk", serial: "ZC100002" },
    });
    // 2-hour buckets: the three samples of the last 21 minutes fall into one or two of them.
    expect(month.smart[0]?.lines.ata5?.at(-1)?.value).toBe(900);
    expect(month.smart[0]?.lines.ata5?.length).toBeLessThanOrEqual(2);
  });

  it("marks an array degraded by design and refuses an array the host does not have", async () => {
    const { db } = database();
    const { hostId } = await seedStorageHost(db, "detail-expect", NOW);
    const mark = { hostId, isDegradedByDesign: true, note: "built with one disk", now: NOW };
    await expect(
      setArrayExpectation(db, { ...mark, arrayName: "md9", userId: null }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setArrayExpectation(db, { ...mark, arrayName: "md2", userId: null });
    const detail = await hostDetail(db, hostId);
    expect(detail?.arrays[0]?.expectation).toMatchObject({
      isDegradedByDesign: true,
      note: "built with one disk",
    });
  });
});

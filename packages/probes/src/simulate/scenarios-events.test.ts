import { describe, expect, it } from "vitest";
import {
  parseKernelLog,
  parseLosetup,
  parseMdadmExamine,
  parseMountinfo,
  parseMountstats,
} from "../parsers";
import { createFleet, hostAt } from "./fleet";
import type { HostModel } from "./model";
import { renderCommand } from "./render/command";
import { SCENARIOS } from "./scenarios/registry";
import { MINUTE, type ScenarioId } from "./scenarios/timeline";
import { journalArgv, LSBLK_ARGV, parsedOk, run } from "./testing/poll";

const fleet = createFleet({ hosts: 6, seed: 9, scenarios: "all" });

function at(scenario: ScenarioId, elapsedMs: number): { host: HostModel; atMs: number } {
  const atMs = fleet.epochMs + elapsedMs;
  const host = hostAt(fleet, fleet.scenarioHosts[scenario] ?? "", atMs);
  if (!host) throw new Error(`${scenario} has no host`);
  return { host, atMs };
}

const mark = (scenario: ScenarioId, name: string) => SCENARIOS[scenario].marks[name] ?? Number.NaN;
const logOf = (host: HostModel, atMs: number, argv = journalArgv(fleet.epochMs)) =>
  parsedOk(parseKernelLog(run(host, argv, atMs).stdout), "kernel log").lines;
const kindsOf = (host: HostModel, atMs: number) =>
  logOf(host, atMs).flatMap((l) => (l.event ? [l.event.kind] : []));

describe("scenario 4: nfs-failover", () => {
  const id = "nfs-failover";

  it("keeps a loop image whose back-file lives on the NFS mount", () => {
    const { host, atMs } = at(id, 0);
    const loops = parsedOk(
      parseLosetup(run(host, ["losetup", "--list", "--json"], atMs).stdout),
      "losetup",
    );
    const mounts = parsedOk(
      parseMountinfo(run(host, ["cat", "/proc/self/mountinfo"], atMs).stdout),
      "mountinfo",
    );
    const nfsTargets = mounts.filter((m) => m.nfs !== null).map((m) => m.target);
    const loop0 = loops.find((l) => l.name === "/dev/loop0");
    expect(nfsTargets.some((target) => loop0?.backFile?.startsWith(`${target}/`))).toBe(true);
    const images = mounts.find((m) => m.target === "/mnt/images");
    expect(images?.nfs).toMatchObject({ soft: true, vers: "3" });
    expect(run(host, ["cat", "/etc/fstab"], atMs).stdout).toMatch(
      /fs1:\/export\/images .*soft,timeo=150,retrans=3,intr/,
    );
    expect(kindsOf(host, atMs)).toEqual([]);
  });
});

describe("scenario 4: nfs-failover, during the failover", () => {
  const id = "nfs-failover";

  it("logs stale handles and a dead server, then XFS on loop0 shuts down", () => {
    const { host, atMs } = at(id, mark(id, "failover") + 30_000);
    const events = logOf(host, atMs).flatMap((l) => (l.event ? [l.event] : []));
    const kinds = events.map((e) => e.kind);
    expect(kinds).toContain("nfs_not_responding");
    expect(kinds).toContain("nfs_stale_handle");
    expect(kinds).not.toContain("nfs_ok");
    expect(events.find((e) => e.kind === "nfs_not_responding")?.server).toBe("fs1");
    expect(events.find((e) => e.kind === "xfs_log_io_error")).toMatchObject({
      device: "loop0",
      errno: 116,
    });
    expect(events.filter((e) => e.kind === "xfs_shutdown").map((e) => e.device)).toEqual([
      "loop0",
      "loop0",
    ]);
  });
});

describe("scenario 4: nfs-failover, afterwards", () => {
  const id = "nfs-failover";

  it("reports the server OK after the window, with more retransmissions than before", () => {
    const retrans = ({ host, atMs }: { host: HostModel; atMs: number }) =>
      parsedOk(
        parseMountstats(run(host, ["cat", "/proc/self/mountstats"], atMs).stdout),
        "mountstats",
      )
        .mounts.filter((m) => m.device?.startsWith("fs1:"))
        .map((m) => Number(m.retransmissions));
    const before = retrans(at(id, mark(id, "failover") - MINUTE));
    const after = at(id, mark(id, "recovered") + MINUTE);
    for (const [i, value] of retrans(after).entries())
      expect(value).toBeGreaterThan((before[i] ?? 0) + 500);
    expect(kindsOf(after.host, after.atMs)).toContain("nfs_ok");
  });
});

describe("scenario 5: raid6-grow-old-kernel", () => {
  const id = "raid6-grow-old-kernel";

  it("is a RHEL 5 host: 2.6.18, 0.90 superblocks, legacy and missing tools", () => {
    const { host, atMs } = at(id, 0);
    expect(run(host, ["uname", "-r"], atMs).stdout).toBe("2.6.18-419.el5\n");
    const examine = parsedOk(
      parseMdadmExamine(run(host, ["mdadm", "--examine", "/dev/sdb1"], atMs).stdout),
      "sdb1",
    );
    expect(examine).toMatchObject({
      version: "0.90.00",
      raidLevel: "raid6",
      raidDevices: 6,
      spareDevices: 1,
    });
    expect(renderCommand(host, LSBLK_ARGV, atMs)).toEqual({ missing: true });
    expect(renderCommand(host, journalArgv(0), atMs)).toEqual({ missing: true });
    expect(run(host, ["cat", "/etc/os-release"], atMs).exitCode).toBe(1);
    expect(
      run(host, ["pvs", "--reportformat", "json", "--units", "b", "--nosuffix"], atMs).exitCode,
    ).toBe(3);
  });

  it("logs the refused grow after the attempt, and only then", () => {
    const dmesg = (t: number) => {
      const { host, atMs } = at(id, t);
      return logOf(host, atMs, ["dmesg"]).map((l) => l.message);
    };
    expect(dmesg(mark(id, "growAttempt") - 1000)).not.toContain(
      "md: couldn't update array info. -22",
    );
    expect(dmesg(mark(id, "growAttempt") + 1000)).toContain("md: couldn't update array info. -22");
    const { host } = at(id, mark(id, "growAttempt") + 1000);
    expect(host.kernelLog.filter((l) => l.source === "mdadm").map((l) => l.message)).toEqual([
      "mdadm: Cannot set device size/shape for /dev/md0: Invalid argument",
    ]);
  });
});

describe("scenario 6: swiotlb-crash", () => {
  const id = "swiotlb-crash";

  it("logs the SW-IOMMU exhaustion before it crashes", () => {
    const { host, atMs } = at(id, mark(id, "crashed") - 1000);
    expect(host.isReachable).toBe(true);
    const full = logOf(host, atMs).flatMap((l) =>
      l.event?.kind === "swiotlb_full" ? [l.event] : [],
    );
    expect(full.filter((e) => e.device === "0000:05:00.0" && e.bytes === 65536)).toHaveLength(4);
  });

  it("is unreachable inside its window and reachable after, on a new boot", () => {
    for (const t of [
      mark(id, "crashed") + 1000,
      mark(id, "rebooted") + 1000,
      mark(id, "reachable") - 1000,
    ]) {
      expect(at(id, t).host.isReachable).toBe(false);
    }
    const { host, atMs } = at(id, mark(id, "reachable") + 1000);
    expect(host.isReachable).toBe(true);
    const lines = logOf(host, atMs);
    const reboot = lines.findIndex((l) => l.raw === "-- Reboot --");
    const swiotlb = lines.findIndex((l) => l.event?.kind === "swiotlb_full");
    expect(swiotlb).toBeGreaterThanOrEqual(0);
    expect(reboot).toBeGreaterThan(swiotlb);
    expect(lines[reboot + 1]?.message).toMatch(/^Linux version /);
    const dmesg = logOf(host, atMs, ["dmesg"]);
    expect(dmesg[0]?.timestamp).toEqual({ kind: "monotonic", seconds: 0 });
    expect(dmesg.some((l) => l.event?.kind === "swiotlb_full")).toBe(false);
    const ages = parsedOk(
      parseMountstats(run(host, ["cat", "/proc/self/mountstats"], atMs).stdout),
      "ms",
    ).mounts;
    const age = ages.find((m) => m.ageSeconds !== null)?.ageSeconds ?? Number.POSITIVE_INFINITY;
    expect(age).toBeLessThan((mark(id, "reachable") - mark(id, "rebooted")) / 1000 + 2);
  });
});

describe("scenario 6: swiotlb-crash, after the reboot", () => {
  const id = "swiotlb-crash";

  it("resyncs md1 after the unclean shutdown", () => {
    const { host, atMs } = at(id, mark(id, "reachable") + MINUTE);
    expect(host.mdArrays.find((a) => a.name === "md1")?.sync?.action).toBe("resync");
    expect(kindsOf(host, atMs)).toEqual(
      expect.arrayContaining(["md_array_unclean", "md_resync_started"]),
    );
  });
});

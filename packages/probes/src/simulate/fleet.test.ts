import { describe, expect, it } from "vitest";
import { createFleet, DEFAULT_EPOCH_MS, fleetHostname, hostAt, scenarioTime } from "./fleet";
import type { HostModel } from "./model";
import { renderCommand } from "./render/command";
import { SCENARIOS } from "./scenarios/registry";
import { MINUTE, SCENARIO_IDS } from "./scenarios/timeline";
import { journalArgv, LSBLK_ARGV, lvmArgv, smartArgv, stdoutOf } from "./testing/poll";

/** Every command of a full poll (both rounds) for one host, in the collector's argv form. */
function pollArgvs(host: HostModel): string[][] {
  const argvs = [
    ["cat", "/proc/mdstat"],
    ["cat", "/proc/self/mountinfo"],
    ["cat", "/proc/self/mountstats"],
    ["uname", "-r"],
    ["cat", "/etc/os-release"],
    ["cat", "/etc/fstab"],
    ["cat", "/etc/mdadm/mdadm.conf"],
    LSBLK_ARGV,
    ["findmnt", "-J"],
    ["losetup", "--list", "--json"],
    ["smartctl", "--scan", "--json=c"],
    ["mdadm", "--detail", "--scan"],
    lvmArgv("pvs"),
    lvmArgv("vgs"),
    lvmArgv("lvs"),
    journalArgv(DEFAULT_EPOCH_MS),
  ];
  for (const array of host.mdArrays) {
    argvs.push(["mdadm", "--detail", `/dev/${array.name}`]);
    for (const member of array.members) argvs.push(["mdadm", "--examine", `/dev/${member.device}`]);
  }
  for (const disk of host.disks)
    argvs.push(smartArgv(disk.name), ["sfdisk", "--dump", `/dev/${disk.name}`]);
  for (const vg of host.vgs) argvs.push(["cat", `/etc/lvm/backup/${vg.name}`]);
  return argvs;
}

function renderPoll(fleet: ReturnType<typeof createFleet>, atMs: number): string[] {
  return fleet.hosts.flatMap((entry) => {
    const host = hostAt(fleet, entry.hostname, atMs) as HostModel;
    return pollArgvs(host).map((argv) => JSON.stringify(renderCommand(host, argv, atMs)));
  });
}

describe("createFleet", () => {
  it("names hosts by rack and spreads one host per scenario over the fleet", () => {
    expect([0, 1, 39, 40, 999].map(fleetHostname)).toEqual([
      "stor-a01",
      "stor-a02",
      "stor-a40",
      "stor-b01",
      "stor-y40",
    ]);
    const fleet = createFleet({ hosts: 24, seed: 1, scenarios: "all" });
    expect(fleet.scenarioHosts).toEqual({
      "md-split-on-create": "stor-a03",
      "disk-wearout-rebuild": "stor-a07",
      "superblock-overwrite": "stor-a11",
      "nfs-failover": "stor-a15",
      "raid6-grow-old-kernel": "stor-a19",
      "swiotlb-crash": "stor-a23",
    });
    expect(fleet.hosts.filter((h) => h.scenario === null)).toHaveLength(24 - SCENARIO_IDS.length);
    expect(createFleet({ hosts: 3, seed: 1, scenarios: ["nfs-failover"] }).scenarioHosts).toEqual({
      "nfs-failover": "stor-a02",
    });
  });

  it("is deterministic: the same seed renders byte-identical polls, another seed does not", () => {
    const at = DEFAULT_EPOCH_MS + 16 * MINUTE;
    const first = renderPoll(createFleet({ hosts: 24, seed: 99, scenarios: "all" }), at);
    expect(renderPoll(createFleet({ hosts: 24, seed: 99, scenarios: "all" }), at)).toEqual(first);
    expect(renderPoll(createFleet({ hosts: 24, seed: 100, scenarios: "all" }), at)).not.toEqual(
      first,
    );
  });
});

describe("createFleet variety", () => {
  it("keeps a host the same whatever the fleet size", () => {
    const small = createFleet({ hosts: 24, seed: 5, scenarios: [] });
    const large = createFleet({ hosts: 200, seed: 5, scenarios: [] });
    expect(hostAt(large, "stor-a10", DEFAULT_EPOCH_MS)).toEqual(
      hostAt(small, "stor-a10", DEFAULT_EPOCH_MS),
    );
  });

  it("draws a varied fleet: 2-12 disks, every protocol, RAID1/10/6, NFS, loops, a host without smartctl", () => {
    const hosts = createFleet({ hosts: 200, seed: 2, scenarios: [] }).hosts.map((h) => h.base);
    const diskCounts = hosts.map((h) => h.disks.length);
    expect(Math.min(...diskCounts)).toBe(2);
    expect(Math.max(...diskCounts)).toBe(12);
    expect(new Set(hosts.flatMap((h) => h.disks.map((d) => d.protocol)))).toEqual(
      new Set(["ATA", "NVMe", "SCSI"]),
    );
    expect(new Set(hosts.flatMap((h) => h.mdArrays.map((a) => a.level)))).toEqual(
      new Set(["raid1", "raid10", "raid6"]),
    );
    expect(hosts.some((h) => h.mounts.filter((m) => m.nfs).length === 3)).toBe(true);
    expect(hosts.some((h) => h.loops.length > 0)).toBe(true);
    expect(hosts.some((h) => h.missingCommands.includes("smartctl"))).toBe(true);
    expect(hosts.some((h) => h.disks.some((d) => d.isStandby))).toBe(true);
    const nfs = hosts.flatMap((h) => h.mounts.flatMap((m) => (m.nfs ? [m.nfs] : [])));
    expect(nfs.filter((n) => n.isSoft).length).toBeLessThan(nfs.length / 5);
  });
});

describe("createFleet performance", () => {
  it("builds 1,000 hosts and renders a full poll quickly (generous bounds, not a benchmark)", () => {
    const started = performance.now();
    const large = createFleet({ hosts: 1000, seed: 3, scenarios: "all" });
    // Hosts are built on first use; touch every one so the bound covers the real work.
    expect(large.hosts.every((h) => h.base.disks.length > 0)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    const at = large.epochMs + 17 * MINUTE;
    const polled = performance.now();
    for (const entry of large.hosts.slice(0, 100)) {
      const state = hostAt(large, entry.hostname, at) as HostModel;
      for (const argv of pollArgvs(state)) renderCommand(state, argv, at);
    }
    expect((performance.now() - polled) / 100).toBeLessThan(25);
  });
});

describe("scenario timing", () => {
  it("cycles every 30 scenario minutes and runs faster with `speed`", () => {
    const fleet = createFleet({ hosts: 6, seed: 1, scenarios: "all", speed: 10 });
    const split = SCENARIOS["md-split-on-create"].marks.split ?? 0;
    const name = fleet.scenarioHosts["md-split-on-create"] ?? "";
    const wall = (scenarioMs: number) => fleet.epochMs + scenarioMs / 10;
    expect(hostAt(fleet, name, wall(split - MINUTE))?.mdArrays).toHaveLength(0);
    expect(hostAt(fleet, name, wall(split + MINUTE))?.mdArrays).toHaveLength(2);
    expect(hostAt(fleet, name, wall(30 * MINUTE + split - MINUTE))?.mdArrays).toHaveLength(0);
    expect(scenarioTime(fleet, "md-split-on-create", wall(31 * MINUTE))).toMatchObject({
      cycle: 1,
      elapsedMs: MINUTE,
    });
  });
});

const fleet = createFleet({ hosts: 24, seed: 1, scenarios: "all" });
const host = hostAt(fleet, "stor-a01", fleet.epochMs) as HostModel;

describe("scenario timelines on their own", () => {
  it("map a base host and the time since the start to a state, stamping lines from that start", () => {
    const scenario = SCENARIOS["nfs-failover"];
    const base = createFleet({ hosts: 6, seed: 1, scenarios: "all" }).hosts[3]?.base as HostModel;
    const failover = scenario.marks.failover ?? 0;
    expect(scenario.stateAt(base, failover - 1)).toBe(base);
    const during = scenario.stateAt(base, failover + 30_000);
    const added = during.kernelLog.slice(base.kernelLog.length);
    expect(added[0]).toEqual({
      atMs: failover,
      message: "nfs: server fs1 not responding, still trying",
      source: "kernel",
    });
    expect(scenario.stateAt(base, failover + 30_000)).toEqual(during);
  });
});

describe("renderCommand", () => {
  it("answers unknown argv like a shell that has no such command", () => {
    expect(renderCommand(host, ["rm", "-rf", "/"], fleet.epochMs)).toEqual({
      stdout: "sh: 1: rm: not found\n",
      exitCode: 127,
    });
    expect(renderCommand(host, ["cat", "/etc/shadow"], fleet.epochMs)).toMatchObject({
      exitCode: 127,
    });
  });

  it("accepts the sudo -n prefix and both smartctl --scan spellings", () => {
    const plain = renderCommand(host, ["mdadm", "--detail", "--scan"], fleet.epochMs);
    expect(
      renderCommand(host, ["sudo", "-n", "mdadm", "--detail", "--scan"], fleet.epochMs),
    ).toEqual(plain);
    const compact = stdoutOf(
      renderCommand(host, ["smartctl", "--scan", "--json=c"], fleet.epochMs),
    );
    const pretty = stdoutOf(renderCommand(host, ["smartctl", "--scan", "--json"], fleet.epochMs));
    expect(compact.split("\n")).toHaveLength(2);
    expect(pretty.split("\n").length).toBeGreaterThan(10);
    expect(JSON.parse(pretty)).toEqual(JSON.parse(compact.replace('"--json=c"', '"--json"')));
  });
});

describe("renderCommand failures and files", () => {
  it("reports a missing tool as missing and a missing file like cat does", () => {
    const old = hostAt(
      fleet,
      fleet.scenarioHosts["raid6-grow-old-kernel"] ?? "",
      fleet.epochMs,
    ) as HostModel;
    expect(renderCommand(old, LSBLK_ARGV, fleet.epochMs)).toEqual({ missing: true });
    expect(renderCommand(old, ["cat", "/proc/self/mountinfo"], fleet.epochMs)).toEqual({
      stdout: "cat: /proc/self/mountinfo: No such file or directory\n",
      exitCode: 1,
    });
    expect(renderCommand(host, ["cat", "/etc/lvm/backup/nope"], fleet.epochMs)).toMatchObject({
      exitCode: 1,
    });
    expect(renderCommand(host, ["mdadm", "--detail", "/dev/md9"], fleet.epochMs)).toMatchObject({
      exitCode: 1,
    });
    expect(renderCommand(host, ["sfdisk", "--dump", "/dev/sdz"], fleet.epochMs)).toMatchObject({
      exitCode: 1,
    });
  });

  it("finds one mdadm.conf per distribution family", () => {
    const debianOrRhel = [
      ["cat", "/etc/mdadm/mdadm.conf"],
      ["cat", "/etc/mdadm.conf"],
    ].map((argv) => (renderCommand(host, argv, fleet.epochMs) as { exitCode: number }).exitCode);
    expect(debianOrRhel.sort()).toEqual([0, 1]);
  });

  it("renders journalctl lines only inside the --since window", () => {
    const nfsHost = fleet.scenarioHosts["nfs-failover"] ?? "";
    const at = fleet.epochMs + 12 * MINUTE;
    const state = hostAt(fleet, nfsHost, at) as HostModel;
    const window = (sinceMs: number) => renderCommand(state, journalArgv(sinceMs), at);
    expect(window(at)).toEqual({ stdout: "-- No entries --\n", exitCode: 0 });
    expect(stdoutOf(window(fleet.epochMs))).toContain("nfs: server fs1 OK");
  });
});

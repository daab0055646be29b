import { describe, expect, it } from "vitest";
import {
  parseKernelLog,
  parseLvmReport,
  parseMdadmDetail,
  parseMdstat,
  parseSmartctl,
} from "../parsers";
import { createFleet, hostAt } from "./fleet";
import type { HostModel } from "./model";
import { SCENARIOS } from "./scenarios/registry";
import { MINUTE, type ScenarioId } from "./scenarios/timeline";
import { journalArgv, lvmArgv, parsedOk, run, smartArgv } from "./testing/poll";

const fleet = createFleet({ hosts: 12, seed: 42, scenarios: "all" });

function at(scenario: ScenarioId, elapsedMs: number): { host: HostModel; atMs: number } {
  const atMs = fleet.epochMs + elapsedMs;
  const name = fleet.scenarioHosts[scenario] ?? "";
  const host = hostAt(fleet, name, atMs);
  if (!host) throw new Error(`${scenario} has no host`);
  return { host, atMs };
}

function mark(scenario: ScenarioId, name: string): number {
  return SCENARIOS[scenario].marks[name] ?? Number.NaN;
}

const mdstatOf = (host: HostModel, atMs: number) =>
  parsedOk(parseMdstat(run(host, ["cat", "/proc/mdstat"], atMs).stdout), "mdstat");
const eventsOf = (host: HostModel, atMs: number) =>
  parsedOk(
    parseKernelLog(run(host, journalArgv(fleet.epochMs), atMs).stdout),
    "journal",
  ).lines.flatMap((l) => (l.event ? [l.event] : []));

/** smartctl of the disk that wears out in scenario 2. */
function smartOf(host: HostModel, atMs: number) {
  const result = run(host, smartArgv("sdd"), atMs);
  return { report: parsedOk(parseSmartctl(result.stdout), "sdd"), exitCode: result.exitCode };
}

describe("scenario 1: md-split-on-create", () => {
  const id = "md-split-on-create";

  it("has no array before the create", () => {
    const { host, atMs } = at(id, mark(id, "split") - MINUTE);
    expect(mdstatOf(host, atMs).arrays).toEqual([]);
  });

  it("comes up split: md0 active, md127 inactive holding the other members as spares", () => {
    const { host, atMs } = at(id, mark(id, "split") + MINUTE);
    const [md0, md127] = mdstatOf(host, atMs).arrays;
    expect(md0).toMatchObject({ name: "md0", state: "active", level: "raid0" });
    expect(md0?.members.map((m) => [m.device, m.spare])).toEqual([
      ["sdc", false],
      ["sdb", false],
    ]);
    expect(md127).toMatchObject({ name: "md127", state: "inactive", level: null });
    expect(md127?.members.map((m) => [m.device, m.spare])).toEqual([
      ["sde", true],
      ["sdd", true],
    ]);
    const busy = eventsOf(host, atMs).filter((e) => e.kind === "md_import_device_busy");
    expect(busy.map((e) => e.errno)).toEqual([16, 16]);
    const detail = parsedOk(
      parseMdadmDetail(run(host, ["mdadm", "--detail", "/dev/md127"], atMs).stdout),
      "md127",
    );
    expect(detail.stateFlags).toEqual(["inactive"]);
    expect(detail.uuid).toBe(
      parsedOk(parseMdadmDetail(run(host, ["mdadm", "--detail", "/dev/md0"], atMs).stdout), "md0")
        .uuid,
    );
  });
});

describe("scenario 1: md-split-on-create, after the fix", () => {
  const id = "md-split-on-create";

  it("is one four-disk md0 after the admin re-creates it, and starts over next cycle", () => {
    const { host, atMs } = at(id, mark(id, "fixed") + 2 * MINUTE);
    const arrays = mdstatOf(host, atMs).arrays;
    expect(arrays.map((a) => [a.name, a.members.length])).toEqual([["md0", 4]]);
    const next = at(id, SCENARIOS[id].cycleMs + MINUTE);
    expect(mdstatOf(next.host, next.atMs).arrays).toEqual([]);
  });
});

describe("scenario 2: disk-wearout-rebuild", () => {
  const id = "disk-wearout-rebuild";

  it("only ever raises the wear counters (5, 187, 188, 196, 197, 198) until the disk fails", () => {
    let previous: number[] | null = null;
    for (let t = 0; t <= mark(id, "failed"); t += 30_000) {
      const { host, atMs } = at(id, t);
      const { report } = smartOf(host, atMs);
      const raws = [5, 187, 188, 196, 197, 198].map(
        (attr) => report.attributes.find((a) => a.id === attr)?.raw ?? -1,
      );
      for (const [i, raw] of raws.entries()) expect(raw).toBeGreaterThanOrEqual(previous?.[i] ?? 0);
      previous = raws;
    }
    expect(previous?.[0]).toBeGreaterThan(3000);
  });

  it("fails the disk, degrades md2 and logs the failure", () => {
    const { host, atMs } = at(id, mark(id, "failed") + 2_000);
    const { report, exitCode } = smartOf(host, atMs);
    expect(report.passed).toBe(false);
    expect(exitCode & 8).toBe(8);
    expect(report.selfTests[0]).toMatchObject({ type: "Extended offline", passed: false });
    const md2 = mdstatOf(host, atMs).arrays.find((a) => a.name === "md2");
    expect(md2).toMatchObject({ degraded: true, activeDisks: 3, statusString: "U_UU" });
    expect(md2?.members.find((m) => m.device === "sdd1")?.faulty).toBe(true);
    const failed = eventsOf(host, atMs).find((e) => e.kind === "md_member_failed");
    expect(failed).toMatchObject({ array: "md2", device: "sdd1" });
  });
});

describe("scenario 2: disk-wearout-rebuild, the rebuild", () => {
  const id = "disk-wearout-rebuild";

  it("rebuilds onto the spare with rising percent and falling finish estimate", () => {
    const points = [1, 3, 5, 8, 11].map((m) => at(id, mark(id, "rebuilding") + m * MINUTE));
    const syncs = points.map(
      ({ host, atMs }) => mdstatOf(host, atMs).arrays.find((a) => a.name === "md2")?.sync,
    );
    const percents = syncs.map((s) => s?.percent ?? -1);
    const finishes = syncs.map((s) => s?.finishMinutes ?? -1);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(new Set(percents).size).toBe(percents.length);
    expect(finishes).toEqual([...finishes].sort((a, b) => b - a));
    expect(syncs.every((s) => s?.action === "recovery" && (s.speedKBps ?? 0) > 100_000)).toBe(true);
    const { host, atMs } = points[2] ?? at(id, 0);
    const detail = parsedOk(
      parseMdadmDetail(run(host, ["mdadm", "--detail", "/dev/md2"], atMs).stdout),
      "md2",
    );
    expect(detail.stateFlags).toEqual(["clean", "degraded", "recovering"]);
    expect(detail.rebuildStatusPercent).toBe(Math.floor(percents[2] ?? 0));
    expect(detail.devices.find((d) => d.device === "/dev/sdg1")?.stateFlags).toEqual([
      "spare",
      "rebuilding",
    ]);
    expect(
      eventsOf(host, atMs).some((e) => e.kind === "md_recovery_started" && e.array === "md2"),
    ).toBe(true);
  });

  it("is whole again after the rebuild, with the failed member still attached", () => {
    const { host, atMs } = at(id, mark(id, "rebuilt") + MINUTE);
    const md2 = mdstatOf(host, atMs).arrays.find((a) => a.name === "md2");
    expect(md2).toMatchObject({ activeDisks: 4, statusString: "UUUU", sync: null });
    expect(eventsOf(host, atMs).some((e) => e.kind === "md_recovery_done")).toBe(true);
  });
});

describe("scenario 3: superblock-overwrite", () => {
  const id = "superblock-overwrite";

  it("loses every array but keeps the ten disks and their serials", () => {
    const before = at(id, mark(id, "reinstalling") - MINUTE);
    expect(mdstatOf(before.host, before.atMs).arrays.map((a) => a.name)).toEqual(["md0", "md1"]);
    expect(run(before.host, ["mdadm", "--examine", "/dev/sdc2"], before.atMs).exitCode).toBe(0);
    expect(at(id, mark(id, "reinstalling") + MINUTE).host.isReachable).toBe(false);
    const after = at(id, SCENARIOS[id].cycleMs - MINUTE);
    expect(after.host.isReachable).toBe(true);
    expect(mdstatOf(after.host, after.atMs).arrays).toEqual([]);
    expect(run(after.host, ["mdadm", "--examine", "/dev/sdc2"], after.atMs)).toEqual({
      stdout: "mdadm: No md superblock detected on /dev/sdc2.\n",
      exitCode: 1,
    });
    const serials = (h: HostModel, t: number) =>
      h.disks.map(
        (d) => parsedOk(parseSmartctl(run(h, smartArgv(d.name), t).stdout), d.name).serial,
      );
    expect(serials(after.host, after.atMs)).toEqual(serials(before.host, before.atMs));
    expect(serials(after.host, after.atMs)).toHaveLength(10);
  });

  it("has a different vg0 afterwards: new UUID, lower seqno, on /dev/sda2", () => {
    const vgOf = ({ host, atMs }: { host: HostModel; atMs: number }) =>
      parsedOk(parseLvmReport(run(host, lvmArgv("pvs"), atMs).stdout), "pvs").pvs[0];
    expect(vgOf(at(id, 0))).toMatchObject({ pvName: "/dev/md1", vgName: "vg0" });
    expect(vgOf(at(id, SCENARIOS[id].cycleMs - MINUTE))).toMatchObject({
      pvName: "/dev/sda2",
      vgName: "vg0",
    });
    const before = at(id, 0).host.vgs[0];
    const after = at(id, SCENARIOS[id].cycleMs - MINUTE).host.vgs[0];
    expect(after?.uuid).not.toBe(before?.uuid);
    expect(after?.seqno ?? 0).toBeLessThan(before?.seqno ?? 0);
  });
});

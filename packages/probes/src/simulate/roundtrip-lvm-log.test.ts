import { KernelLogSchema, LvmReportSchema, VgMetadataSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { parseKernelLog, parseLvmReport, parseVgcfgbackup } from "../parsers";
import { lvMapperPath } from "./build-lvm";
import { createFleet, hostAt } from "./fleet";
import type { HostModel } from "./model";
import { journalArgv, lvmArgv, parsedOk, run } from "./testing/poll";

const fleet = createFleet({ hosts: 24, seed: 5, scenarios: "all" });
const samples = [0, 11, 16.5, 25].flatMap((minute) => {
  const at = fleet.epochMs + minute * 60_000;
  return fleet.hosts.map((h) => ({
    host: hostAt(fleet, h.hostname, at) as HostModel,
    at,
    label: `${h.hostname} @${minute}m`,
  }));
});

describe("pvs/vgs/lvs round trip", () => {
  it.each(samples.filter((s) => !s.host.legacyCommands.pvs))("$label", ({ host, at }) => {
    const pvs = parsedOk(parseLvmReport(run(host, lvmArgv("pvs"), at).stdout), "pvs");
    const vgs = parsedOk(parseLvmReport(run(host, lvmArgv("vgs"), at).stdout), "vgs");
    const lvs = parsedOk(parseLvmReport(run(host, lvmArgv("lvs"), at).stdout), "lvs");
    for (const report of [pvs, vgs, lvs]) LvmReportSchema.parse(report);
    const extent = (vgName: string | null) =>
      (host.vgs.find((v) => v.name === vgName)?.extentSizeSectors ?? 0) * 512;
    expect(pvs.pvs.map((pv) => [pv.pvName, pv.vgName, pv.pvSize])).toEqual(
      host.vgs.flatMap((vg) =>
        vg.pvs.map((pv) => [pv.device, vg.name, pv.peCount * extent(vg.name)]),
      ),
    );
    expect(vgs.vgs.map((vg) => [vg.vgName, vg.lvCount, vg.pvCount])).toEqual(
      host.vgs.map((vg) => [vg.name, vg.lvs.length, vg.pvs.length]),
    );
    expect(lvs.lvs.map((lv) => [lv.vgName, lv.lvName, lv.lvSize, lv.isOpen])).toEqual(
      host.vgs.flatMap((vg) =>
        vg.lvs.map((lv) => {
          const path = lvMapperPath(vg.name, lv.name);
          const isOpen = host.swaps.includes(path) || host.mounts.some((m) => m.source === path);
          return [vg.name, lv.name, lv.extents * extent(vg.name), isOpen];
        }),
      ),
    );
  });
});

describe("vgcfgbackup round trip", () => {
  it.each(samples.filter((s) => s.host.vgs.length > 0))("vgcfgbackup $label", ({ host, at }) => {
    for (const vg of host.vgs) {
      const meta = parsedOk(
        parseVgcfgbackup(run(host, ["cat", `/etc/lvm/backup/${vg.name}`], at).stdout),
        vg.name,
      );
      VgMetadataSchema.parse(meta);
      expect(meta).toMatchObject({
        vgName: vg.name,
        vgId: vg.uuid,
        seqno: vg.seqno,
        extentSizeSectors: vg.extentSizeSectors,
      });
      expect(meta.pvs.map((pv) => [pv.id, pv.deviceHint, pv.peCount, pv.devSizeSectors])).toEqual(
        vg.pvs.map((pv) => [pv.uuid, pv.device, pv.peCount, pv.devSizeSectors]),
      );
      expect(
        meta.lvs.map((lv) => [
          lv.name,
          lv.id,
          lv.segments[0]?.extentCount,
          lv.segments[0]?.stripes[0]?.startExtent,
        ]),
      ).toEqual(vg.lvs.map((lv) => [lv.name, lv.uuid, lv.extents, lv.pvStartExtent]));
    }
  });
});

describe("kernel log round trip", () => {
  it.each(samples)("$label", ({ host, at }) => {
    const since = fleet.epochMs - 3_600_000;
    const hasJournal = !host.missingCommands.includes("journalctl");
    const text = run(host, hasJournal ? journalArgv(since) : ["dmesg"], at).stdout;
    const log = parsedOk(parseKernelLog(text), "kernel log");
    KernelLogSchema.parse(log);
    const bootStart = [...host.boots].reverse().find((b) => b.startMs <= at)?.startMs ?? 0;
    const from = hasJournal ? Math.floor(since / 1000) * 1000 : bootStart;
    const expected = host.kernelLog
      .filter((l) => l.source === "kernel" && l.atMs >= from && l.atMs <= at)
      .sort((a, b) => a.atMs - b.atMs);
    const messages = log.lines.filter((l) => !l.raw.startsWith("-- ")).map((l) => l.message);
    expect(messages).toEqual(expected.map((l) => l.message));
    if (hasJournal) {
      const stamped = log.lines.filter((l) => l.timestamp?.kind === "wallclock");
      expect(stamped.map((l) => l.host)).toEqual(expected.map(() => host.hostname));
    } else if (host.hasPrintkTime) {
      const seconds = log.lines.map((l) =>
        l.timestamp?.kind === "monotonic" ? l.timestamp.seconds : null,
      );
      expect(seconds).toEqual(expected.map((l) => (l.atMs - bootStart) / 1000));
    }
  });
});

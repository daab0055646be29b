import {
  type MdadmDetail,
  MdadmDetailSchema,
  MdadmExamineSchema,
  MdadmScanSchema,
  MdstatReportSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { parseMdadmDetail, parseMdadmDetailScan, parseMdadmExamine, parseMdstat } from "../parsers";
import { inSyncCount, isDegraded, mdUuid, syncFinishSeconds, syncPerMille } from "./build-md";
import { createFleet, hostAt } from "./fleet";
import type { HostModel, MdArrayModel, MdMember } from "./model";
import { memberEvents } from "./render/md-common";
import { parsedOk, run } from "./testing/poll";

// Every host of the demo fleet, healthy and scenario alike, at moments spread over a cycle.
const fleet = createFleet({ hosts: 24, seed: 7, scenarios: "all" });
const MINUTES = [0, 7, 10.5, 13, 15.1, 16, 21, 27.5, 29.9];
const samples = MINUTES.flatMap((minute) => {
  const at = fleet.epochMs + minute * 60_000;
  return fleet.hosts.map((h) => ({
    host: hostAt(fleet, h.hostname, at) as HostModel,
    at,
    label: `${h.hostname} @${minute}m`,
  }));
});

function expectedFlags(member: MdMember): { faulty: boolean; spare: boolean } {
  return { faulty: member.state === "faulty", spare: member.state === "spare" };
}

describe("mdstat round trip", () => {
  it.each(samples)("$label", ({ host, at }) => {
    const report = parsedOk(parseMdstat(run(host, ["cat", "/proc/mdstat"], at).stdout), "mdstat");
    MdstatReportSchema.parse(report);
    expect(report.personalities).toEqual(host.mdPersonalities);
    expect(report.arrays.map((a) => a.name)).toEqual(host.mdArrays.map((a) => a.name));
    for (const model of host.mdArrays) {
      const parsed = report.arrays.find((a) => a.name === model.name);
      expect(parsed?.state).toBe(model.isActive ? "active" : "inactive");
      expect(parsed?.level).toBe(model.isActive ? model.level : null);
      const members = [...(parsed?.members ?? [])].sort((a, b) => a.slot - b.slot);
      expect(
        members.map((m) => ({ device: m.device, slot: m.slot, faulty: m.faulty, spare: m.spare })),
      ).toEqual(
        [...model.members]
          .sort((a, b) => a.descNr - b.descNr)
          .map((m) => ({
            device: m.device,
            slot: m.descNr,
            ...expectedFlags(m),
            spare: m.state === "spare" || !model.isActive,
          })),
      );
      if (!model.isActive) continue;
      expect(parsed?.blocks).toBe(model.arraySizeKb);
      expect(parsed?.superVersion).toBe(model.metadata === "0.90" ? null : model.metadata);
      if (model.level !== "raid0") {
        expect(parsed?.raidDisks).toBe(model.raidDisks);
        expect(parsed?.activeDisks).toBe(inSyncCount(model));
        expect(parsed?.statusString).toBe(slotFlags(model));
      }
      expect(parsed?.degraded).toBe(
        isDegraded(model) || model.members.some((m) => m.state === "faulty"),
      );
      expect(parsed?.sync).toEqual(expectedSync(model));
    }
  });
});

/** One character per raid slot: U while an in-sync member holds it. */
function slotFlags(model: MdArrayModel): string {
  return Array.from({ length: model.raidDisks }, (_, slot) =>
    model.members.some((m) => m.slot === slot && m.state === "in_sync") ? "U" : "_",
  ).join("");
}

function expectedSync(model: MdArrayModel) {
  if (!model.sync) return null;
  const perMille = syncPerMille(model.sync);
  const seconds = syncFinishSeconds(model.sync);
  return {
    action: model.sync.action,
    state: "running",
    percent: perMille / 10,
    doneBlocks: model.sync.doneKb,
    totalBlocks: model.sync.totalKb,
    finishMinutes: Number(`${Math.floor(seconds / 60)}.${Math.floor((seconds % 60) / 6)}`),
    speedKBps: model.sync.speedKBps,
  };
}

describe("mdadm --detail round trip", () => {
  it.each(samples.filter((s) => s.host.mdArrays.length > 0))("$label", ({ host, at }) => {
    for (const model of host.mdArrays) {
      const detail = parsedOk(
        parseMdadmDetail(run(host, ["mdadm", "--detail", `/dev/${model.name}`], at).stdout),
        model.name,
      );
      MdadmDetailSchema.parse(detail);
      expect(detail.uuid).toBe(mdUuid(model.uuid));
      expect(detail.raidLevel).toBe(model.level);
      expect(detail.totalDevices).toBe(model.members.length);
      if (!model.isActive) {
        expect(detail.stateFlags).toEqual(["inactive"]);
        continue;
      }
      expect(detail.arraySizeKb).toBe(model.arraySizeKb);
      expect(detail.raidDevices).toBe(model.raidDisks);
      expect(detail.activeDevices).toBe(inSyncCount(model));
      expect(detail.failedDevices).toBe(model.members.filter((m) => m.state === "faulty").length);
      expect(detail.spareDevices).toBe(
        model.members.filter((m) => m.state === "spare" || m.state === "rebuilding").length,
      );
      expect(detail.stateFlags.includes("degraded")).toBe(isDegraded(model));
      expect(detail.stateFlags.includes("recovering")).toBe(model.sync?.action === "recovery");
      const percent = model.sync ? Math.floor(syncPerMille(model.sync) / 10) : null;
      expect(detail.rebuildStatusPercent).toBe(model.sync?.action === "recovery" ? percent : null);
      expect(detail.resyncStatusPercent).toBe(model.sync?.action === "resync" ? percent : null);
      expectDetailDevices(model, detail.devices);
    }
  });
});

function expectDetailDevices(model: MdArrayModel, devices: MdadmDetail["devices"]) {
  for (const member of model.members) {
    const row = devices.find((d) => d.device === `/dev/${member.device}`);
    expect(row?.number).toBe(member.descNr);
    const isInSlot = member.state === "in_sync" || member.state === "rebuilding";
    expect(row?.raidDevice).toBe(isInSlot ? member.slot : null);
    const flags = {
      in_sync: ["active", "sync"],
      rebuilding: ["spare", "rebuilding"],
      spare: ["spare"],
      faulty: ["faulty"],
    };
    expect(row?.stateFlags.slice(0, 2)).toEqual(flags[member.state]);
  }
  const removed = devices.filter((d) => d.stateFlags.includes("removed")).map((d) => d.raidDevice);
  const held = new Set(
    model.members
      .filter((m) => m.state === "in_sync" || m.state === "rebuilding")
      .map((m) => m.slot),
  );
  expect(removed).toEqual(
    Array.from({ length: model.raidDisks }, (_, i) => i).filter((slot) => !held.has(slot)),
  );
}

describe("mdadm --examine and --detail --scan round trip", () => {
  it.each(samples.filter((s) => s.host.mdArrays.length > 0))("$label", ({ host, at }) => {
    const scan = parsedOk(
      parseMdadmDetailScan(run(host, ["mdadm", "--detail", "--scan"], at).stdout),
      "scan",
    );
    MdadmScanSchema.parse(scan);
    expect(scan.map((e) => ({ uuid: e.uuid, inactive: e.inactive }))).toEqual(
      host.mdArrays.map((a) => ({ uuid: mdUuid(a.uuid), inactive: !a.isActive })),
    );
    for (const model of host.mdArrays) {
      for (const member of model.members) {
        const examine = parsedOk(
          parseMdadmExamine(run(host, ["mdadm", "--examine", `/dev/${member.device}`], at).stdout),
          member.device,
        );
        MdadmExamineSchema.parse(examine);
        expect(examine.arrayUuid).toBe(mdUuid(model.uuid));
        expect(examine.raidLevel).toBe(model.level);
        expect(examine.raidDevices).toBe(model.raidDisks);
        expect(examine.events).toBe(memberEvents(model, member));
        expect(examine.version).toBe(model.metadata === "0.90" ? "0.90.00" : "1.2");
        expect(examine.deviceRole).toBe(member.state === "spare" ? "spare" : member.slot);
        if (model.metadata === "1.2") expect(examine.deviceUuid).toBe(mdUuid(member.deviceUuid));
      }
    }
  });
});

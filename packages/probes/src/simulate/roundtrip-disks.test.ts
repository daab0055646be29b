import {
  type LsblkDevice,
  LsblkReportSchema,
  type SmartReport,
  SmartReportSchema,
  SmartScanDeviceSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { parseLsblk, parseSmartctl, parseSmartctlScan } from "../parsers";
import { createFleet, hostAt } from "./fleet";
import type { DiskModel, HostModel } from "./model";
import { exitBits } from "./render/smartctl";
import { LSBLK_ARGV, parsedOk, run, smartArgv } from "./testing/poll";

// 60 hosts give every drive model, the standby and missing-smartctl cases and all scenarios.
const fleet = createFleet({ hosts: 60, seed: 11, scenarios: "all" });
const samples = [0, 9.5, 15.5, 22].flatMap((minute) => {
  const at = fleet.epochMs + minute * 60_000;
  return fleet.hosts.map((h) => ({
    host: hostAt(fleet, h.hostname, at) as HostModel,
    at,
    label: `${h.hostname} @${minute}m`,
  }));
});
const withSmartctl = samples.filter((s) => !s.host.missingCommands.includes("smartctl"));

describe("smartctl -x round trip", () => {
  it.each(withSmartctl)("$label", ({ host, at }) => {
    for (const disk of host.disks) {
      const result = run(host, smartArgv(disk.name), at);
      const report = parsedOk(parseSmartctl(result.stdout), disk.name);
      SmartReportSchema.parse(report);
      expect(report.exitStatus.raw).toBe(result.exitCode);
      if (disk.isStandby) {
        expect(report.skippedPowerMode).toBe("STANDBY");
        expect(result.exitCode).toBe(2);
        continue;
      }
      expect(result.exitCode).toBe(exitBits(disk));
      expectIdentity(disk, report);
      expectHealth(disk, report);
    }
  });
});

function expectIdentity(disk: DiskModel, report: SmartReport) {
  expect(report.protocol).toBe(disk.protocol);
  expect(report.serial).toBe(disk.serial);
  expect(report.firmware).toBe(disk.firmware);
  expect(report.capacityBytes).toBe(disk.capacityBytes);
  expect(report.model).toBe(disk.protocol === "SCSI" ? `${disk.vendor} ${disk.model}` : disk.model);
  if (disk.protocol === "ATA") expect(report.wwn).toBe(disk.wwn);
  if (disk.protocol !== "NVMe") expect(report.rotationRate).toBe(disk.rotationRate);
}

function expectHealth(disk: DiskModel, report: SmartReport) {
  const smart = disk.smart;
  expect(report.passed).toBe(smart.passed);
  expect(report.temperatureC).toBe(smart.temperatureC);
  expect(report.powerOnHours).toBe(smart.powerOnHours);
  // SCSI drives report start/stop cycles instead of a power cycle count.
  expect(report.powerCycleCount).toBe(disk.protocol === "SCSI" ? null : smart.powerCycles);
  const raws = (list: Array<{ id: number; raw: number }>) =>
    Object.fromEntries(list.map((a) => [a.id, a.raw]));
  expect(raws(report.attributes)).toEqual(raws(smart.attributes));
  for (const id of [5, 187, 188, 196, 197, 198]) {
    expect(report.attributes.find((a) => a.id === id)?.raw).toBe(
      smart.attributes.find((a) => a.id === id)?.raw,
    );
  }
  if (disk.protocol === "ATA") {
    expect(report.errorLogCount).toBe(smart.errorLogCount);
    expect(report.selfTests.map((t) => t.status)).toEqual(smart.selfTests.map((t) => t.status));
    expect(report.selfTests[0]?.passed).toBe(smart.selfTests[0]?.statusValue === 0);
  }
  if (smart.nvme) {
    expect(report.nvme).toMatchObject({
      criticalWarning: smart.nvme.criticalWarning,
      mediaErrors: smart.nvme.mediaErrors,
      percentageUsed: smart.nvme.percentageUsed,
      availableSpare: smart.nvme.availableSpare,
      unsafeShutdowns: smart.nvme.unsafeShutdowns,
      dataUnitsWritten: smart.nvme.dataUnitsWritten,
      numErrLogEntries: smart.nvme.numErrLogEntries,
    });
  }
  if (smart.scsi) expect(report.scsi?.grownDefects).toBe(smart.scsi.grownDefects);
}

describe("smartctl --scan and failure modes", () => {
  it.each(withSmartctl.slice(0, 60))("$label", ({ host, at }) => {
    const scan = parsedOk(
      parseSmartctlScan(run(host, ["smartctl", "--scan", "--json=c"], at).stdout),
      "scan",
    );
    for (const device of scan) SmartScanDeviceSchema.parse(device);
    const names = host.disks.map((d) =>
      d.protocol === "NVMe" ? `/dev/${d.name.replace(/n1$/, "")}` : `/dev/${d.name}`,
    );
    expect(scan.map((d) => d.name).sort()).toEqual(names.sort());
    expect(scan.map((d) => d.protocol).sort()).toEqual(host.disks.map((d) => d.protocol).sort());
  });

  it("reports an unknown device as an open failure (exit bit 1)", () => {
    const { host, at } = withSmartctl[0] ?? { host: null, at: 0 };
    if (!host) throw new Error("no host");
    const result = run(host, smartArgv("sdzz"), at);
    const report = parsedOk(parseSmartctl(result.stdout), "sdzz");
    expect(result.exitCode).toBe(2);
    expect(report.exitStatus.hasDeviceOpenFailed).toBe(true);
    expect(report.messages[0]).toContain("/dev/sdzz");
  });
});

describe("lsblk round trip", () => {
  it.each(samples.filter((s) => !s.host.missingCommands.includes("lsblk")))(
    "$label",
    ({ host, at }) => {
      const report = parsedOk(parseLsblk(run(host, LSBLK_ARGV, at).stdout), "lsblk");
      LsblkReportSchema.parse(report);
      const top = report.devices.map((d) => d.name);
      expect(top).toEqual([
        ...host.loops.map((l) => l.name),
        ...orderedDisks(host).map((d) => d.name),
      ]);
      for (const disk of host.disks) {
        const node = report.devices.find((d) => d.name === disk.name);
        expect(node).toMatchObject({
          serial: disk.serial,
          model: disk.model,
          sizeBytes: disk.capacityBytes,
          wwn: disk.wwn.startsWith("eui.") ? disk.wwn : `0x${disk.wwn}`,
          transport: disk.transport,
          rotational: disk.rotationRate > 0,
          majMin: `${disk.major}:${disk.minor}`,
          type: "disk",
        });
        expect(
          node?.children
            .filter((c) => c.type === "part")
            .map((c) => [c.name, c.fstype, c.sizeBytes]),
        ).toEqual(disk.partitions.map((p) => [p.name, p.fstype, p.sizeSectors * 512]));
        for (const part of disk.partitions)
          expectHolders(
            host,
            node?.children.find((c) => c.name === part.name),
          );
      }
    },
  );
});

function orderedDisks(host: HostModel): DiskModel[] {
  return [
    ...host.disks.filter((d) => d.protocol !== "NVMe"),
    ...host.disks.filter((d) => d.protocol === "NVMe"),
  ];
}

/** Each array on a member shows up under it, with its logical volumes and their mount points. */
function expectHolders(host: HostModel, node: LsblkDevice | undefined) {
  const arrays = host.mdArrays.filter((a) => a.members.some((m) => m.device === node?.name));
  const vgHere = host.vgs.find((v) => v.pvs.some((pv) => pv.device === `/dev/${node?.name}`));
  const lvKnames = vgHere ? vgHere.lvs.map((lv) => `dm-${lv.dmMinor}`) : [];
  expect(node?.children.map((c) => c.kname)).toEqual([...arrays.map((a) => a.name), ...lvKnames]);
  for (const lv of node?.children.filter((c) => c.type === "lvm") ?? []) expectMountpoint(host, lv);
  for (const array of arrays) {
    const md = node?.children.find((c) => c.name === array.name);
    expect(md?.type).toBe(array.isActive ? array.level : "md");
    expect(md?.sizeBytes).toBe(array.isActive ? array.arraySizeKb * 1024 : 0);
    expect(md?.pkname).toBe(node?.name);
    const vg = host.vgs.find((v) => v.pvs.some((pv) => pv.device === `/dev/${array.name}`));
    expect(md?.children.map((c) => c.kname)).toEqual(
      vg && array.isActive ? vg.lvs.map((lv) => `dm-${lv.dmMinor}`) : [],
    );
    for (const lv of md?.children ?? []) expectMountpoint(host, lv);
  }
}

function expectMountpoint(host: HostModel, lv: LsblkDevice) {
  const mount = host.mounts.find((m) => m.source === lv.path);
  const expected =
    lv.path && host.swaps.includes(lv.path) ? ["[SWAP]"] : mount ? [mount.target] : [];
  expect(lv.mountpoints).toEqual(expected);
}

import type { LsblkDevice, LsblkReport, SmartReport } from "@holmes/core";
import type { HostSnapshot } from "@holmes/db/queries/fleet-state";

type DiskRow = NonNullable<HostSnapshot["disks"]>[number];
type SmartSample = HostSnapshot["smartSamples"][number];

/** The ATA attributes the findings score (Backblaze's failure predictors) kept as time series. */
const TRACKED_ATTRIBUTES = [5, 187, 188, 196, 197, 198, 199] as const;

/** Whole disks from the block tree: what gets a `smartctl` read. */
export function diskNames(lsblk: LsblkReport): string[] {
  return lsblk.devices.filter((d) => d.type === "disk").map((d) => d.kname ?? d.name);
}

/**
 * Maps every block device name (partitions, md members) to the serial of the disk it lives on,
 * walking the lsblk tree from each disk down. Drive letters move between boots; serials do not.
 */
export function serialIndex(lsblk: LsblkReport | null): (device: string) => string | null {
  const serials = new Map<string, string>();
  const visit = (device: LsblkDevice, serial: string | null) => {
    const own = device.type === "disk" ? (device.serial ?? serial) : serial;
    if (own) {
      serials.set(device.name, own);
      if (device.kname) serials.set(device.kname, own);
    }
    // Only partitions inherit a serial: an md or LVM child spans several disks.
    for (const child of device.children) visit(child, child.type === "part" ? own : null);
  };
  for (const device of lsblk?.devices ?? []) visit(device, null);
  return (device) => serials.get(device.replace(/^\/dev\//, "")) ?? null;
}

export function toDiskRow(name: string, report: SmartReport): DiskRow {
  return {
    name,
    protocol: report.protocol,
    model: report.model,
    serial: report.serial,
    wwn: report.wwn,
    firmware: report.firmware,
    capacityBytes: report.capacityBytes,
    rotationRate: report.rotationRate,
    smartPassed: report.passed,
    temperatureC: report.temperatureC === null ? null : Math.round(report.temperatureC),
    powerOnHours: report.powerOnHours,
    smartExitStatus: report.exitStatus.raw,
    isStandby: report.skippedPowerMode !== null,
    health: {
      attributes: report.attributes,
      nvme: report.nvme,
      scsi: report.scsi,
      lastSelfTestHours: report.lastSelfTestHours,
      hoursSinceLastSelfTest: report.hoursSinceLastSelfTest,
      selfTestErrorCount: report.selfTestErrorCount,
      errorLogCount: report.errorLogCount,
      exitStatus: report.exitStatus,
      messages: report.messages,
    },
  };
}

export function toSmartSample(report: SmartReport): SmartSample | null {
  if (!report.serial || report.skippedPowerMode !== null) return null;
  const counters: Record<string, number> = {};
  for (const attribute of report.attributes) {
    if (
      (TRACKED_ATTRIBUTES as readonly number[]).includes(attribute.id) &&
      Number.isFinite(attribute.raw)
    ) {
      counters[`ata${attribute.id}`] = attribute.raw;
    }
  }
  if (report.nvme) {
    for (const [key, value] of Object.entries({
      nvmeMediaErrors: report.nvme.mediaErrors,
      nvmePercentageUsed: report.nvme.percentageUsed,
      nvmeAvailableSpare: report.nvme.availableSpare,
      nvmeCriticalWarning: report.nvme.criticalWarning,
    })) {
      if (typeof value === "number") counters[key] = value;
    }
  }
  if (typeof report.scsi?.grownDefects === "number")
    counters.scsiGrownDefects = report.scsi.grownDefects;
  return {
    diskSerial: report.serial,
    temperatureC: report.temperatureC === null ? null : Math.round(report.temperatureC),
    counters,
  };
}

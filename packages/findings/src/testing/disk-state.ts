import type {
  DiskState,
  SmartAtaAttribute,
  SmartNvmeCriticalWarningBits,
  SmartNvmeHealth,
  SmartScsi,
  SmartScsiErrorCounters,
} from "@holmes/core";

/** Disk builders: healthy ATA, NVMe and SCSI drives that a test then breaks in one place. */

export function ataAttribute(id: number, raw: number, name = `attribute ${id}`): SmartAtaAttribute {
  return {
    id,
    name,
    value: 100,
    worst: 100,
    threshold: id === 5 ? 10 : 0,
    raw,
    rawString: String(raw),
    whenFailed: "",
    isPrefailure: id === 5,
  };
}

/** The six failure predictors, all zero: what a healthy ATA drive reports. */
export const healthyPredictors = () =>
  [5, 187, 188, 196, 197, 198].map((id) => ataAttribute(id, 0));

/** Replaces (or adds) attributes by id, keeping the healthy rest. */
export function withAttributes(...changed: SmartAtaAttribute[]): SmartAtaAttribute[] {
  const ids = new Set(changed.map((attribute) => attribute.id));
  return [...healthyPredictors().filter((attribute) => !ids.has(attribute.id)), ...changed];
}

/** A healthy SATA hard disk, read while spinning, self-tested six hours ago. */
export function disk(overrides: Partial<DiskState> = {}): DiskState {
  const name = overrides.name ?? "sda";
  return {
    name,
    protocol: "ATA",
    model: "WDC WD40EFRX-68N32N0",
    serial: `SER-${name}`,
    smartPassed: true,
    temperatureC: 34,
    powerOnHours: 21_000,
    isStandby: false,
    attributes: healthyPredictors(),
    nvme: null,
    scsi: null,
    hoursSinceLastSelfTest: 6,
    errorLogCount: 0,
    previousCounters: null,
    ...overrides,
  };
}

export const NO_WARNING_BITS: SmartNvmeCriticalWarningBits = {
  availableSpareLow: false,
  temperature: false,
  reliabilityDegraded: false,
  readOnly: false,
  volatileMemoryBackupFailed: false,
  persistentMemoryRegionUnreliable: false,
};

export function nvmeHealth(overrides: Partial<SmartNvmeHealth> = {}): SmartNvmeHealth {
  return {
    criticalWarning: 0,
    criticalWarningBits: NO_WARNING_BITS,
    mediaErrors: 0,
    percentageUsed: 4,
    availableSpare: 100,
    availableSpareThreshold: 10,
    unsafeShutdowns: 12,
    powerCycles: 40,
    dataUnitsRead: 1_000_000,
    dataUnitsWritten: 2_000_000,
    numErrLogEntries: 0,
    warningTempMinutes: 0,
    criticalTempMinutes: 0,
    ...overrides,
  };
}

export function nvmeDisk(
  overrides: Partial<Omit<DiskState, "nvme">> & { nvme?: Partial<SmartNvmeHealth> } = {},
): DiskState {
  const { nvme, ...rest } = overrides;
  return disk({
    name: "nvme0n1",
    protocol: "NVMe",
    model: "Samsung SSD 980 PRO 1TB",
    temperatureC: 41,
    attributes: [],
    errorLogCount: null,
    ...rest,
    nvme: nvmeHealth(nvme),
  });
}

const noCounterErrors: SmartScsiErrorCounters = {
  errorsCorrectedByEccFast: 0,
  errorsCorrectedByEccDelayed: 0,
  errorsCorrectedByRereadsRewrites: 0,
  totalErrorsCorrected: 0,
  correctionAlgorithmInvocations: 0,
  gigabytesProcessed: 1_200,
  totalUncorrectedErrors: 0,
};

export function scsiHealth(
  overrides: Partial<Omit<SmartScsi, "errorCounters">> & {
    uncorrected?: { read?: number; write?: number; verify?: number };
  } = {},
): SmartScsi {
  const { uncorrected, ...rest } = overrides;
  const counters = (errors = 0) => ({ ...noCounterErrors, totalUncorrectedErrors: errors });
  return {
    vendor: "SEAGATE",
    product: "ST4000NM0023",
    revision: "0004",
    transportProtocol: "SAS (SPL-3)",
    grownDefects: 0,
    errorCounters: {
      read: counters(uncorrected?.read),
      write: counters(uncorrected?.write),
      verify: counters(uncorrected?.verify),
    },
    startStopCycles: 30,
    specifiedStartStopCycles: 50_000,
    loadUnloadCycles: 400,
    specifiedLoadUnloadCycles: 600_000,
    ...rest,
  };
}

export function scsiDisk(
  overrides: Partial<Omit<DiskState, "scsi">> & { scsi?: Parameters<typeof scsiHealth>[0] } = {},
): DiskState {
  const { scsi, ...rest } = overrides;
  return disk({
    name: "sdc",
    protocol: "SCSI",
    model: "SEAGATE ST4000NM0023",
    attributes: [],
    errorLogCount: null,
    ...rest,
    scsi: scsiHealth(scsi),
  });
}

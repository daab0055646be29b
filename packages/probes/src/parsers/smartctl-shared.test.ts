import { describeParseError, type SmartReport, SmartReportSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { fixture, fixtureNames, hasSharedFixtures } from "../testing/fixtures";
import { parseSmartctl } from "./smartctl";

// Expected values were read from the captures with jq, independently of the parser.

function parseShared(file: string): SmartReport {
  const result = parseSmartctl(fixture(`smartctl-json/${file}`));
  if (!result.ok) expect.fail(`${file}: ${describeParseError(result.error)}`);
  return SmartReportSchema.parse(result.value);
}

type IdentityRow = [
  file: string,
  protocol: string,
  deviceName: string,
  model: string,
  serial: string,
  wwn: string | null,
  firmware: string,
  capacityBytes: number,
  rotationRate: number | null,
];

// biome-ignore format: one capture per line reads as a table
const IDENTITY: IdentityRow[] = [
  ["netdata-ata-hdd.json", "ATA", "/dev/sda", "WDC WD181KRYZ-01AGBB0", "REDACTED", "5000cca2b6f3bfe2", "REDACTED", 18000207937536, 7200],
  ["netdata-ata-ssd.json", "ATA", "/dev/sdc", "WDC  WDS400T1R0A-68A4W0", "REDACTED", "5001b448b0708fba", "REDACTED", 4000787030016, 0],
  ["netdata-nvme0.json", "NVMe", "/dev/nvme0", "Seagate FireCuda 530 ZP4000GM30023", "REDACTED", null, "REDACTED", 4000787030016, null],
  ["netdata-nvme1.json", "NVMe", "/dev/nvme1", "Seagate FireCuda 530 ZP4000GM30023", "REDACTED", null, "REDACTED", 4000787030016, null],
  ["netdata-scsi-sas.json", "SCSI", "/dev/sda", "REDACTED", "REDACTED", null, "REDACTED", 4000787030016, 7200],
  ["smartctl_exporter-ata-hdd-hgst-ultrastar-error-log-exit64.json", "ATA", "/dev/sdb", "HGST HUS724020ALE640", "REDACTED", "5000cca0499602d2", "REDACTED", 2000398934016, 7200],
  ["smartctl_exporter-ata-hdd-seagate-exos-x16.json", "ATA", "/dev/sda", "ST16000NM001G-2KK103", "REDACTED", "5000c500499602d2", "REDACTED", 16000900661248, 7200],
  ["smartctl_exporter-ata-hdd-seagate-old-error-log-exit64.json", "ATA", "/dev/sdb", "ST3200820AS", "REDACTED", null, "REDACTED", 200048565760, null],
  ["smartctl_exporter-ata-hdd-toshiba-mg09.json", "ATA", "/dev/sdd", "TOSHIBA MG09ACA18TE", "REDACTED", "50000390499602d2", "REDACTED", 18000207937536, 7200],
  ["smartctl_exporter-ata-hdd-wd-ultrastar-hc550.json", "ATA", "/dev/sdd", "WUH721818ALE6L4", "REDACTED", "5000cca0499602d2", "REDACTED", 18000207937536, 7200],
  ["smartctl_exporter-ata-hdd-wdc-red-wd20efrx.json", "ATA", "/dev/sdb", "WDC WD20EFRX-68EUZN0", "REDACTED", "50014ee0499602d2", "REDACTED", 2000398934016, 5400],
  ["smartctl_exporter-ata-ssd-intel-s4510.json", "ATA", "/dev/sdr", "INTEL SSDSC2KB019T8", "REDACTED", "55cd2e40499602d2", "REDACTED", 1920383410176, 0],
  ["smartctl_exporter-ata-ssd-kingston-a400.json", "ATA", "/dev/sda", "KINGSTON SA400M8120G", "REDACTED", "50026b70499602d2", "REDACTED", 120034123776, 0],
  ["smartctl_exporter-ata-ssd-micron-5300.json", "ATA", "/dev/sda", "Micron_5300_MTFDDAK1T9TDS", "REDACTED", "500a0750499602d2", "REDACTED", 1920383410176, 0],
  ["smartctl_exporter-ata-ssd-samsung-sm843t.json", "ATA", "/dev/sda", "SAMSUNG MZ7WD240HAFV-00003", "REDACTED", "50025380499602d2", "REDACTED", 240057409536, 0],
  ["smartctl_exporter-ata-ssd-transcend-msata-smi.json", "ATA", "/dev/sda", "TS32GMTS400", "REDACTED", null, "REDACTED", 32017047552, 0],
  ["smartctl_exporter-nvme-intel-p4510.json", "NVMe", "/dev/nvme0", "INTEL SSDPE2KX080T8", "REDACTED", null, "REDACTED", 8001563222016, null],
  ["smartctl_exporter-nvme-micron-7450.json", "NVMe", "/dev/nvme6", "Micron_7450_MTFDKCB3T8TFR", "REDACTED", null, "REDACTED", 3840755982336, null],
  ["smartctl_exporter-nvme-samsung-970-evo-plus.json", "NVMe", "/dev/nvme0", "Samsung SSD 970 EVO Plus 250GB", "REDACTED", null, "REDACTED", 250059350016, null],
  ["smartctl_exporter-nvme-samsung-pm9a1.json", "NVMe", "/dev/nvme0", "SAMSUNG MZVL21T0HCLR-00B00", "REDACTED", null, "REDACTED", 1024209543168, null],
  ["smartctl_exporter-nvme-toshiba-xg6.json", "NVMe", "/dev/nvme2", "KXG60ZNV512G TOSHIBA", "REDACTED", null, "REDACTED", 512110190592, null],
  ["smartctl_exporter-scsi-hp-fujitsu-15k.json", "SCSI", "/dev/sdc", "HP 73.4G MAS3735NC", "REDACTED", "1234567890abcdef", "HPC3", 73407865856, 15000],
  ["smartctl_exporter-scsi-sas-hitachi-10k.json", "SCSI", "/dev/sdb", "HITACHI H109060SESUN600G", "REDACTED", "1234567890abcdef", "A31A", 600127266816, 10020],
  ["smartctl_exporter-scsi-seagate-15k-u320.json", "SCSI", "/dev/sda", "SEAGATE ST373453LC", "REDACTED", null, "DX10", 73407820800, 15015],
];

type HealthRow = [
  file: string,
  passed: boolean,
  temperatureC: number,
  powerOnHours: number | null,
  powerCycleCount: number | null,
  attributeCount: number,
  exitStatus: number,
  errorLogCount: number | null,
  smartctlVersion: string,
];

// biome-ignore format: one capture per line reads as a table
const HEALTH: HealthRow[] = [
  ["netdata-ata-hdd.json", true, 49, 8244, 12, 18, 0, 0, "7.3"],
  ["netdata-ata-ssd.json", true, 27, 8244, 13, 25, 0, 0, "7.3"],
  ["netdata-nvme0.json", true, 39, 3113, 2, 0, 0, null, "7.3"],
  ["netdata-nvme1.json", true, 36, 4733, 5, 0, 0, null, "7.3"],
  ["netdata-scsi-sas.json", true, 34, 1641, null, 0, 0, null, "7.3"],
  ["smartctl_exporter-ata-hdd-hgst-ultrastar-error-log-exit64.json", true, 26, 83425, 81, 17, 64, 12, "7.3"],
  ["smartctl_exporter-ata-hdd-seagate-exos-x16.json", true, 26, 13114, 15, 22, 0, 0, "7.1"],
  ["smartctl_exporter-ata-hdd-seagate-old-error-log-exit64.json", true, 33, 100161, 79, 18, 64, 98, "7.3"],
  ["smartctl_exporter-ata-hdd-toshiba-mg09.json", true, 30, 4772, 1, 29, 0, 0, "7.3"],
  ["smartctl_exporter-ata-hdd-wd-ultrastar-hc550.json", true, 33, 926, 18, 23, 0, 0, "7.3"],
  ["smartctl_exporter-ata-hdd-wdc-red-wd20efrx.json", true, 34, 47657, 3, 17, 0, 0, "7.3"],
  ["smartctl_exporter-ata-ssd-intel-s4510.json", true, 25, 17704, 23, 27, 0, 0, "7.3"],
  ["smartctl_exporter-ata-ssd-kingston-a400.json", true, 38, 4994, 8, 26, 4, null, "7.3"],
  ["smartctl_exporter-ata-ssd-micron-5300.json", true, 24, 4175, 19, 28, 0, 0, "7.3"],
  ["smartctl_exporter-ata-ssd-samsung-sm843t.json", true, 27, 84619, 6, 17, 0, 0, "7.3"],
  ["smartctl_exporter-ata-ssd-transcend-msata-smi.json", true, 26, 796, 29, 30, 0, 0, "7.3"],
  ["smartctl_exporter-nvme-intel-p4510.json", true, 29, 12164, 22, 0, 0, null, "7.3"],
  ["smartctl_exporter-nvme-micron-7450.json", true, 27, 150, 1, 0, 0, null, "7.3"],
  ["smartctl_exporter-nvme-samsung-970-evo-plus.json", true, 35, 3149, 16, 0, 0, null, "7.3"],
  ["smartctl_exporter-nvme-samsung-pm9a1.json", true, 29, 10423, 6, 0, 0, null, "7.3"],
  ["smartctl_exporter-nvme-toshiba-xg6.json", true, 37, 12173, 30, 0, 0, null, "7.3"],
  ["smartctl_exporter-scsi-hp-fujitsu-15k.json", true, 28, null, null, 0, 0, null, "7.4"],
  ["smartctl_exporter-scsi-sas-hitachi-10k.json", true, 26, 22364, null, 0, 0, null, "7.3"],
  ["smartctl_exporter-scsi-seagate-15k-u320.json", true, 34, 91691, null, 0, 0, null, "7.4"],
];

type AttributeRow = [
  file: string,
  id: number,
  value: number,
  worst: number,
  threshold: number | null,
  raw: number,
  rawString: string,
  whenFailed: "" | null,
  isPrefailure: boolean,
];

// biome-ignore format: one attribute per line reads as a table
const ATTRIBUTES: AttributeRow[] = [
  ["netdata-ata-hdd.json", 5, 100, 100, 1, 0, "0", "", true],
  ["netdata-ata-hdd.json", 194, 43, 43, 0, 240519741489, "49 (Min/Max 24/56)", "", false],
  ["netdata-ata-ssd.json", 9, 100, 100, null, 8244, "8244", null, false],
  ["netdata-ata-ssd.json", 194, 73, 43, null, 184684970011, "27 (Min/Max 21/43)", null, false],
  ["smartctl_exporter-ata-hdd-hgst-ultrastar-error-log-exit64.json", 199, 200, 200, 0, 12, "12", "", false],
  ["smartctl_exporter-ata-hdd-seagate-exos-x16.json", 194, 26, 40, 0, 98784247834, "26 (0 23 0 0 0)", "", false],
  ["smartctl_exporter-ata-hdd-seagate-old-error-log-exit64.json", 9, 1, 1, 0, 100161, "100161", "", false],
  ["smartctl_exporter-ata-hdd-wdc-red-wd20efrx.json", 5, 200, 200, 140, 0, "0", "", true],
  ["smartctl_exporter-ata-ssd-kingston-a400.json", 194, 38, 39, 0, 120261640230, "38 (Min/Max 28/39)", "", false],
  ["smartctl_exporter-ata-ssd-micron-5300.json", 199, 100, 100, 0, 24, "24", "", false],
  ["smartctl_exporter-ata-ssd-transcend-msata-smi.json", 199, 100, 100, 50, 0, "0", "", false],
];

type NvmeRow = [
  file: string,
  criticalWarning: number,
  percentageUsed: number,
  availableSpare: number,
  availableSpareThreshold: number,
  mediaErrors: number,
  unsafeShutdowns: number,
  powerCycles: number,
  dataUnitsRead: number,
  dataUnitsWritten: number,
  numErrLogEntries: number,
];

// biome-ignore format: one capture per line reads as a table
const NVME: NvmeRow[] = [
  ["netdata-nvme0.json", 0, 0, 100, 5, 0, 1, 2, 52, 0, 4],
  ["netdata-nvme1.json", 0, 0, 100, 5, 0, 2, 5, 202, 0, 20],
  ["smartctl_exporter-nvme-intel-p4510.json", 0, 0, 100, 10, 0, 8, 22, 20126802, 184919244, 0],
  ["smartctl_exporter-nvme-micron-7450.json", 0, 0, 100, 10, 0, 0, 1, 2430296, 27054698, 0],
  ["smartctl_exporter-nvme-samsung-970-evo-plus.json", 0, 0, 100, 10, 0, 12, 16, 2025034, 1969459, 22],
  ["smartctl_exporter-nvme-samsung-pm9a1.json", 0, 16, 100, 10, 0, 1, 6, 7193048, 113662783, 0],
  ["smartctl_exporter-nvme-toshiba-xg6.json", 0, 1, 100, 10, 0, 15, 30, 15794760, 3861802, 0],
];

type CounterRow = [
  fast: number,
  delayed: number,
  rereads: number,
  corrected: number,
  invocations: number,
  gigabytes: number,
  uncorrected: number,
];
type ScsiRow = {
  file: string;
  vendor: string;
  transport: string;
  read: CounterRow;
  write: CounterRow;
  verify: CounterRow | null;
  startStop: [number | null, number | null, number | null, number | null];
};

// biome-ignore format: counters line up as in `smartctl -l error`
const SCSI: ScsiRow[] = [
  { file: "netdata-scsi-sas.json", vendor: "HGST", transport: "SAS (SPL-4)",
    read: [647707, 29, 0, 647736, 586730, 36537.378, 0], write: [0, 0, 0, 0, 13549, 2811.293, 0],
    verify: [0, 0, 0, 0, 2146, 0, 0], startStop: [4, 50000, 119, 600000] },
  // Upstream capture: ECC-delayed corrections counted but total_errors_corrected is 0; kept as is.
  { file: "smartctl_exporter-scsi-hp-fujitsu-15k.json", vendor: "HP 73.4G", transport: "Parallel SCSI (SPI-4)",
    read: [0, 1020, 0, 0, 0, 64396.534, 0], write: [0, 338, 0, 0, 0, 28837.334, 0],
    verify: null, startStop: [184, 10000, null, null] },
  { file: "smartctl_exporter-scsi-sas-hitachi-10k.json", vendor: "HITACHI", transport: "SAS (SPL-4)",
    read: [0, 40247, 0, 40247, 304122, 162438.759, 0], write: [0, 26762907, 0, 26762907, 4187545, 127551.26, 0],
    verify: [0, 87, 0, 87, 838388, 1.525, 0], startStop: [70, 50000, 3472, 600000] },
  { file: "smartctl_exporter-scsi-seagate-15k-u320.json", vendor: "SEAGATE", transport: "Parallel SCSI (SPI-4)",
    read: [128691425, 0, 0, 128691425, 128691559, 157558.954, 0], write: [0, 0, 0, 0, 0, 13782.768, 0],
    verify: [342052, 0, 0, 342052, 342052, 577.56, 0], startStop: [null, null, null, null] },
];

function counters(row: CounterRow | null) {
  if (row === null) return null;
  const [fast, delayed, rereads, corrected, invocations, gigabytes, uncorrected] = row;
  return {
    errorsCorrectedByEccFast: fast,
    errorsCorrectedByEccDelayed: delayed,
    errorsCorrectedByRereadsRewrites: rereads,
    totalErrorsCorrected: corrected,
    correctionAlgorithmInvocations: invocations,
    gigabytesProcessed: gigabytes,
    totalUncorrectedErrors: uncorrected,
  };
}

describe.runIf(hasSharedFixtures("smartctl-json"))("parseSmartctl on the shared captures", () => {
  it("has a row for every capture", () => {
    expect(IDENTITY.map((row) => row[0])).toEqual(fixtureNames("smartctl-json"));
    expect(HEALTH.map((row) => row[0])).toEqual(fixtureNames("smartctl-json"));
  });

  it.each(IDENTITY)(
    "%s: identity",
    (file, protocol, deviceName, model, serial, wwn, firmware, capacityBytes, rotationRate) => {
      const report = parseShared(file);
      expect(report.protocol).toBe(protocol);
      expect(report.device?.name).toBe(deviceName);
      expect(report.model).toBe(model);
      expect(report.serial).toBe(serial);
      expect(report.wwn).toBe(wwn);
      expect(report.firmware).toBe(firmware);
      expect(report.capacityBytes).toBe(capacityBytes);
      expect(report.rotationRate).toBe(rotationRate);
    },
  );

  it.each(HEALTH)(
    "%s: health",
    (file, passed, temperatureC, powerOnHours, powerCycleCount, attributeCount, exitStatus, errorLogCount, version) => {
      const report = parseShared(file);
      expect(report.passed).toBe(passed);
      expect(report.temperatureC).toBe(temperatureC);
      expect(report.powerOnHours).toBe(powerOnHours);
      expect(report.powerCycleCount).toBe(powerCycleCount);
      expect(report.attributes).toHaveLength(attributeCount);
      expect(report.exitStatus.raw).toBe(exitStatus);
      expect(report.errorLogCount).toBe(errorLogCount);
      expect(report.smartctlVersion).toBe(version);
      expect(report.messages).toEqual([]);
      expect(report.skippedPowerMode).toBeNull();
      expect(report.nvme === null).toBe(report.protocol !== "NVMe");
      expect(report.scsi === null).toBe(report.protocol !== "SCSI");
    },
  );

  it.each(ATTRIBUTES)(
    "%s: attribute %i",
    (file, id, value, worst, threshold, raw, rawString, whenFailed, isPrefailure) => {
      const attribute = parseShared(file).attributes.find((a) => a.id === id);
      expect(attribute).toMatchObject({
        value,
        worst,
        threshold,
        raw,
        rawString,
        whenFailed,
        isPrefailure,
      });
    },
  );

  it("keeps the threshold-less attributes of a drive without a threshold table as null", () => {
    const attributes = parseShared("netdata-ata-ssd.json").attributes;
    expect(attributes.filter((a) => a.threshold === null).map((a) => a.id)).toHaveLength(24);
    expect(attributes.find((a) => a.id === 232)?.threshold).not.toBeNull();
  });

  it.each(NVME)(
    "%s: NVMe health log",
    (file, criticalWarning, percentageUsed, availableSpare, availableSpareThreshold, mediaErrors, unsafeShutdowns, powerCycles, dataUnitsRead, dataUnitsWritten, numErrLogEntries) => {
      const nvme = parseShared(file).nvme;
      expect(nvme).toMatchObject({
        criticalWarning,
        percentageUsed,
        availableSpare,
        availableSpareThreshold,
        mediaErrors,
        unsafeShutdowns,
        powerCycles,
        dataUnitsRead,
        dataUnitsWritten,
        numErrLogEntries,
      });
      expect(Object.values(nvme?.criticalWarningBits ?? { missing: true })).not.toContain(true);
    },
  );

  it.each(SCSI)(
    "$file: SCSI counters",
    ({ file, vendor, transport, read, write, verify, startStop }) => {
      const scsi = parseShared(file).scsi;
      expect(scsi?.vendor).toBe(vendor);
      expect(scsi?.transportProtocol).toBe(transport);
      expect(scsi?.grownDefects).toBe(0);
      expect(scsi?.errorCounters).toEqual({
        read: counters(read),
        write: counters(write),
        verify: counters(verify),
      });
      expect([
        scsi?.startStopCycles,
        scsi?.specifiedStartStopCycles,
        scsi?.loadUnloadCycles,
        scsi?.specifiedLoadUnloadCycles,
      ]).toEqual(startStop);
    },
  );

  it("reads the ATA error log of a drive with interface CRC errors (exit 64)", () => {
    const report = parseShared("smartctl_exporter-ata-hdd-hgst-ultrastar-error-log-exit64.json");
    expect(report.exitStatus).toMatchObject({
      raw: 64,
      hasErrorLogErrors: true,
      isDiskFailing: false,
      hasSelfTestLogErrors: false,
    });
    expect(report.errorLogEntries.map((e) => e.errorNumber)).toEqual([12, 11, 10, 9, 8]);
    expect(report.errorLogEntries[0]).toEqual({
      errorNumber: 12,
      lifetimeHours: 15760,
      description: "Error: ICRC, ABRT at LBA = 0x07ffaa67 = 134195815",
    });
    expect(report.selfTests).toEqual([]);
    expect(report.lastSelfTestHours).toBeNull();
  });

  it("keeps error log entries without a description (older drive)", () => {
    const report = parseShared("smartctl_exporter-ata-hdd-seagate-old-error-log-exit64.json");
    expect(report.errorLogCount).toBe(98);
    expect(
      report.errorLogEntries.map((e) => [e.errorNumber, e.lifetimeHours, e.description]),
    ).toEqual([
      [98, 7042, null],
      [97, 7042, null],
      [96, 5297, null],
      [95, 5297, null],
      [94, 5168, null],
    ]);
  });

  it("flags the failed SMART command of the Kingston capture (exit 4, no error log)", () => {
    const report = parseShared("smartctl_exporter-ata-ssd-kingston-a400.json");
    expect(report.exitStatus).toMatchObject({
      raw: 4,
      hasSmartCommandFailed: true,
      hasErrorLogErrors: false,
    });
    expect(report.errorLogCount).toBeNull();
    expect(report.errorLogEntries).toEqual([]);
  });

  it("reports SMART as disabled on the U320 disk yet keeps its health verdict", () => {
    const report = parseShared("smartctl_exporter-scsi-seagate-15k-u320.json");
    expect([report.isSmartAvailable, report.isSmartEnabled, report.passed]).toEqual([
      true,
      false,
      true,
    ]);
  });
});

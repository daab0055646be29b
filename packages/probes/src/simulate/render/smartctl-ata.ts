/**
 * The ATA part of `smartctl -x --json` (smartmontools 7.x ataprint.cpp). With -x smartctl reads
 * the GP ("extended") error and self-test logs, so those sections carry `extended`, not
 * `summary`/`standard`.
 */
import type { AtaAttribute, DiskModel, SelfTestEntry } from "../model";

type Json = Record<string, unknown>;

const FLAG_LETTERS = "POSRCK";

export function ataBody(disk: DiskModel, family: string | null): Json {
  const smart = disk.smart;
  const isSsd = disk.rotationRate === 0;
  // JSON.stringify drops undefined, so a drive missing from smartctl's database has no family.
  return {
    model_family: family ?? undefined,
    model_name: disk.model,
    serial_number: disk.serial,
    wwn: splitWwn(disk.wwn),
    firmware_version: disk.firmware,
    user_capacity: { blocks: disk.capacityBytes / 512, bytes: disk.capacityBytes },
    logical_block_size: disk.logicalBlockSize,
    physical_block_size: disk.physicalBlockSize,
    rotation_rate: disk.rotationRate,
    form_factor: isSsd
      ? { ata_value: 3, name: "2.5 inches" }
      : { ata_value: 2, name: "3.5 inches" },
    trim: isSsd ? { supported: true, deterministic: true, zeroed: true } : { supported: false },
    in_smartctl_database: family !== null,
    ata_version: {
      string: "ACS-4 T13/BSR INCITS 529 revision 5",
      major_value: 4080,
      minor_value: 94,
    },
    sata_version: { string: "SATA 3.3", value: 511 },
    interface_speed: { max: speed(14), current: speed(3) },
    smart_support: { available: true, enabled: true },
    smart_status: { passed: smart.passed },
    ata_smart_attributes: { revision: 16, table: ATTRIBUTE_TABLE_SLOT },
    power_on_time: { hours: smart.powerOnHours },
    power_cycle_count: smart.powerCycles,
    temperature: { current: smart.temperatureC },
    ata_smart_error_log: { extended: errorLog(disk) },
    ata_smart_self_test_log: { extended: selfTestLog(smart.selfTests) },
  };
}

function speed(value: number) {
  return { sata_value: value, string: "6.0 Gb/s", units_per_second: 60, bits_per_unit: 100000000 };
}

/** smartctl splits the 64-bit NAA WWN: 4-bit NAA, 24-bit IEEE OUI, 36-bit vendor id. */
function splitWwn(wwn: string) {
  return {
    naa: Number.parseInt(wwn.slice(0, 1), 16),
    oui: Number.parseInt(wwn.slice(1, 7), 16),
    id: Number.parseInt(wwn.slice(7, 16), 16),
  };
}

export function whenFailed(a: AtaAttribute): "" | "now" | "past" {
  if (a.thresh > 0 && a.value <= a.thresh) return "now";
  if (a.thresh > 0 && a.worst <= a.thresh) return "past";
  return "";
}

/**
 * The attribute table is most of an ATA report and is re-rendered on every poll, so it is written
 * as text (an object tree per attribute costs more than the rest of the document) and spliced
 * into the JSON where this placeholder string lands.
 */
export const ATTRIBUTE_TABLE_SLOT = "@@ata_smart_attributes.table@@";

/** `"flags":{…}` for each of the 64 flag combinations, built once. */
const FLAGS_TEXT = Array.from({ length: 64 }, (_, flags) => {
  let letters = "";
  for (let bit = 0; bit < 6; bit++) letters += flags & (1 << bit) ? FLAG_LETTERS[bit] : "-";
  const names = [
    "prefailure",
    "updated_online",
    "performance",
    "error_rate",
    "event_count",
    "auto_keep",
  ];
  const bits = names.map((name, bit) => `"${name}":${(flags & (1 << bit)) !== 0}`).join(",");
  return `"flags":{"value":${flags},"string":"${letters} ",${bits}}`;
});

export function attributeTableText(attributes: readonly AtaAttribute[]): string {
  let out = "[";
  for (const a of attributes) {
    if (out.length > 1) out += ",";
    out += `{"id":${a.id},"name":${JSON.stringify(a.name)},"value":${a.value},"worst":${a.worst},"thresh":${a.thresh},"when_failed":"${whenFailed(a)}",${FLAGS_TEXT[a.flags & 63]},"raw":{"value":${a.raw},"string":${JSON.stringify(a.rawString ?? String(a.raw))}}}`;
  }
  return `${out}]`;
}

/** The GP error log keeps the newest entries; smartctl -x prints up to eight of them. */
function errorLog(disk: DiskModel): Json {
  const count = disk.smart.errorLogCount;
  const log: Json = { revision: 1, sectors: 2, count };
  if (count === 0) return log;
  const shown = Math.min(count, 8);
  log.table = Array.from({ length: shown }, (_, i) => {
    const lba = 1_876_539_362 + (count - i) * 8;
    return {
      error_number: count - i,
      log_index: (count - i - 1) % 16,
      lifetime_hours: disk.smart.powerOnHours - Math.floor(i / 3),
      completion_registers: { error: 64, status: 81, count: 0, lba, device: 64 },
      error_description: `Error: UNC at LBA = 0x${lba.toString(16).padStart(8, "0")} = ${lba}`,
      previous_commands: [],
    };
  });
  return log;
}

function selfTestLog(tests: readonly SelfTestEntry[]): Json {
  const failed = tests.filter((t) => t.statusValue >= 0x30).length;
  return {
    revision: 1,
    sectors: 1,
    table: tests.map((test) => {
      const passed = test.statusValue === 0;
      const status: Json = { value: test.statusValue, string: test.status, passed };
      if (!passed) status.remaining_percent = (test.statusValue & 0x0f) * 10;
      const entry: Json = {
        type: { value: test.type === "Short offline" ? 1 : 2, string: test.type },
        status,
        // The ATA log stores power-on hours in 16 bits.
        lifetime_hours: test.lifetimeHours % 65536,
      };
      if (test.failingLba !== undefined) entry.lba = test.failingLba;
      return entry;
    }),
    count: tests.length,
    error_count_total: failed,
    error_count_outdated: 0,
  };
}

/*
 * Identity and overall health of `smartctl --json -a` output, protocol by protocol: ATA and NVMe
 * give model_name / firmware_version, SCSI gives scsi_vendor / scsi_product / scsi_revision
 * (scsi_model_name from 7.3); NVMe may lack user_capacity when it has many namespaces.
 *
 *   "wwn": { "naa": 5, "oui": 3274, "id": 11659362274 },        → "5000cca2b6f3bfe2"
 *   "user_capacity": { "blocks": 35156656128, "bytes": 18000207937536 },
 *   "smart_status": { "passed": true }, "power_on_time": { "hours": 8244 },
 */
import type { SmartDevice, SmartReport } from "@holmes/core";
import type { JsonFieldReader, JsonObject } from "./json-fields";

// Every document reads these, so they take their properties directly (see JsonFieldReader), in the
// same order as always: with several bad fields, the first one read is the one the error names.

export function readSmartDevice(r: JsonFieldReader, doc: JsonObject): SmartDevice | null {
  const device = r.asObject(doc.device, "", "device");
  if (device === null) return null;
  return {
    name: r.asRequiredString(device.name, "device", "name"),
    infoName: r.asString(device.info_name, "device", "info_name"),
    type: r.asString(device.type, "device", "type"),
  };
}

type SmartIdentity = Pick<
  SmartReport,
  | "protocol"
  | "model"
  | "modelFamily"
  | "serial"
  | "wwn"
  | "firmware"
  | "capacityBytes"
  | "logicalBlockSize"
  | "rotationRate"
>;

export function readSmartIdentity(r: JsonFieldReader, doc: JsonObject): SmartIdentity {
  const protocol = r.asString(r.asObject(doc.device, "", "device")?.protocol, "device", "protocol");
  const capacity = r.asNumber(
    r.asObject(doc.user_capacity, "", "user_capacity")?.bytes,
    "user_capacity",
    "bytes",
  );
  return {
    protocol: protocol === "ATA" || protocol === "NVMe" || protocol === "SCSI" ? protocol : null,
    model: readModel(r, doc),
    modelFamily: r.asString(doc.model_family, "", "model_family"),
    serial: r.asString(doc.serial_number, "", "serial_number"),
    wwn: readWwn(r, doc),
    firmware:
      r.asString(doc.firmware_version, "", "firmware_version") ??
      r.asString(doc.scsi_revision, "", "scsi_revision"),
    // Multi-namespace NVMe controllers report only the controller's total NVM capacity.
    capacityBytes: capacity ?? r.asNumber(doc.nvme_total_capacity, "", "nvme_total_capacity"),
    logicalBlockSize: r.asInteger(doc.logical_block_size, "", "logical_block_size"),
    rotationRate: r.asInteger(doc.rotation_rate, "", "rotation_rate"),
  };
}

function readModel(r: JsonFieldReader, doc: JsonObject): string | null {
  const model =
    r.asString(doc.model_name, "", "model_name") ??
    r.asString(doc.scsi_model_name, "", "scsi_model_name");
  if (model !== null) return model;
  const vendor = r.asString(doc.scsi_vendor, "", "scsi_vendor");
  const product = r.asString(doc.scsi_product, "", "scsi_product");
  if (vendor !== null && product !== null) return `${vendor} ${product}`;
  return product;
}

/**
 * smartctl splits the 64-bit NAA WWN into naa (4 bits), oui (24) and id (36) and prints it as
 * "5 000cca 2b6f0c6e2"; joined, it is the 16 hex digits lsblk shows after "0x". SCSI disks give
 * the logical unit id ("0x5000cca…") instead.
 */
function readWwn(r: JsonFieldReader, doc: JsonObject): string | null {
  const wwn = r.asObject(doc.wwn, "", "wwn");
  if (wwn === null) {
    const lun = r.asString(doc.logical_unit_id, "", "logical_unit_id");
    const hex = lun === null ? null : /^0x([0-9a-fA-F]+)$/.exec(lun);
    return hex?.[1]?.toLowerCase() ?? null;
  }
  const naa = r.asInteger(wwn.naa, "wwn", "naa");
  const oui = r.asInteger(wwn.oui, "wwn", "oui");
  const id = r.asInteger(wwn.id, "wwn", "id");
  if (naa === null || oui === null || id === null) return null;
  if (naa < 0 || naa > 0xf || oui < 0 || oui > 0xffffff || id < 0 || id > 0xfffffffff) {
    return r.fail("wwn", "naa < 16, oui < 2^24 and id < 2^36", wwn);
  }
  return naa.toString(16) + oui.toString(16).padStart(6, "0") + id.toString(16).padStart(9, "0");
}

type SmartHealth = Pick<
  SmartReport,
  | "isSmartAvailable"
  | "isSmartEnabled"
  | "passed"
  | "temperatureC"
  | "powerOnHours"
  | "powerCycleCount"
>;

export function readSmartHealth(r: JsonFieldReader, doc: JsonObject): SmartHealth {
  const support = r.asObject(doc.smart_support, "", "smart_support");
  // NVMe repeats temperature, hours and cycles in its health log; older 7.x builds only there.
  const nvmePath = "nvme_smart_health_information_log";
  const nvmeLog = r.asObject(doc.nvme_smart_health_information_log, "", nvmePath);
  const temperature = r.asNumber(
    r.asObject(doc.temperature, "", "temperature")?.current,
    "temperature",
    "current",
  );
  const hours = r.asInteger(
    r.asObject(doc.power_on_time, "", "power_on_time")?.hours,
    "power_on_time",
    "hours",
  );
  return {
    isSmartAvailable: r.asBoolean(support?.available, "smart_support", "available"),
    isSmartEnabled: r.asBoolean(support?.enabled, "smart_support", "enabled"),
    passed: r.asBoolean(
      r.asObject(doc.smart_status, "", "smart_status")?.passed,
      "smart_status",
      "passed",
    ),
    temperatureC: temperature ?? r.asNumber(nvmeLog?.temperature, nvmePath, "temperature"),
    powerOnHours: hours ?? r.asInteger(nvmeLog?.power_on_hours, nvmePath, "power_on_hours"),
    powerCycleCount:
      r.asInteger(doc.power_cycle_count, "", "power_cycle_count") ??
      r.asInteger(nvmeLog?.power_cycles, nvmePath, "power_cycles"),
  };
}

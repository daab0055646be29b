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

export function readSmartDevice(r: JsonFieldReader, doc: JsonObject): SmartDevice | null {
  const device = r.object(doc, "device", "");
  if (device === null) return null;
  return {
    name: r.requiredString(device, "name", "device"),
    infoName: r.string(device, "info_name", "device"),
    type: r.string(device, "type", "device"),
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
  const protocol = r.string(r.object(doc, "device", ""), "protocol", "device");
  const capacity = r.number(r.object(doc, "user_capacity", ""), "bytes", "user_capacity");
  return {
    protocol: protocol === "ATA" || protocol === "NVMe" || protocol === "SCSI" ? protocol : null,
    model: readModel(r, doc),
    modelFamily: r.string(doc, "model_family", ""),
    serial: r.string(doc, "serial_number", ""),
    wwn: readWwn(r, doc),
    firmware: r.string(doc, "firmware_version", "") ?? r.string(doc, "scsi_revision", ""),
    // Multi-namespace NVMe controllers report only the controller's total NVM capacity.
    capacityBytes: capacity ?? r.number(doc, "nvme_total_capacity", ""),
    logicalBlockSize: r.integer(doc, "logical_block_size", ""),
    rotationRate: r.integer(doc, "rotation_rate", ""),
  };
}

function readModel(r: JsonFieldReader, doc: JsonObject): string | null {
  const model = r.string(doc, "model_name", "") ?? r.string(doc, "scsi_model_name", "");
  if (model !== null) return model;
  const vendor = r.string(doc, "scsi_vendor", "");
  const product = r.string(doc, "scsi_product", "");
  if (vendor !== null && product !== null) return `${vendor} ${product}`;
  return product;
}

/**
 * smartctl splits the 64-bit NAA WWN into naa (4 bits), oui (24) and id (36) and prints it as
 * "5 000cca 2b6f0c6e2"; joined, it is the 16 hex digits lsblk shows after "0x". SCSI disks give
 * the logical unit id ("0x5000cca…") instead.
 */
function readWwn(r: JsonFieldReader, doc: JsonObject): string | null {
  const wwn = r.object(doc, "wwn", "");
  if (wwn === null) {
    const lun = r.string(doc, "logical_unit_id", "");
    const hex = lun === null ? null : /^0x([0-9a-fA-F]+)$/.exec(lun);
    return hex?.[1]?.toLowerCase() ?? null;
  }
  const naa = r.integer(wwn, "naa", "wwn");
  const oui = r.integer(wwn, "oui", "wwn");
  const id = r.integer(wwn, "id", "wwn");
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
  const support = r.object(doc, "smart_support", "");
  // NVMe repeats temperature, hours and cycles in its health log; older 7.x builds only there.
  const nvmeLog = r.object(doc, "nvme_smart_health_information_log", "");
  const nvmePath = "nvme_smart_health_information_log";
  const temperature = r.number(r.object(doc, "temperature", ""), "current", "temperature");
  const hours = r.integer(r.object(doc, "power_on_time", ""), "hours", "power_on_time");
  return {
    isSmartAvailable: r.boolean(support, "available", "smart_support"),
    isSmartEnabled: r.boolean(support, "enabled", "smart_support"),
    passed: r.boolean(r.object(doc, "smart_status", ""), "passed", "smart_status"),
    temperatureC: temperature ?? r.number(nvmeLog, "temperature", nvmePath),
    powerOnHours: hours ?? r.integer(nvmeLog, "power_on_hours", nvmePath),
    powerCycleCount:
      r.integer(doc, "power_cycle_count", "") ?? r.integer(nvmeLog, "power_cycles", nvmePath),
  };
}

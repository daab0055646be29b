/** The NVMe and SCSI parts of `smartctl -x --json` (smartmontools 7.x nvmeprint.cpp, scsiprint.cpp). */
import type { DiskModel } from "../model";

type Json = Record<string, unknown>;

export function nvmeBody(disk: DiskModel): Json {
  const smart = disk.smart;
  const health = smart.nvme;
  const blocks = disk.capacityBytes / 512;
  const eui = disk.wwn.replace(/^eui\./, "");
  const size = { blocks, bytes: disk.capacityBytes };
  return {
    model_name: disk.model,
    serial_number: disk.serial,
    firmware_version: disk.firmware,
    nvme_pci_vendor: { id: 5197, subsystem_id: 5197 },
    nvme_ieee_oui_identifier: Number.parseInt(eui.slice(0, 6), 16),
    nvme_total_capacity: disk.capacityBytes,
    nvme_unallocated_capacity: 0,
    nvme_controller_id: 6,
    nvme_version: { string: "1.4", value: 66560 },
    nvme_number_of_namespaces: 1,
    nvme_namespaces: [namespace(size, eui)],
    user_capacity: size,
    logical_block_size: 512,
    smart_support: { available: true, enabled: true },
    smart_status: { passed: smart.passed, nvme: { value: health?.criticalWarning ?? 0 } },
    nvme_smart_health_information_log: healthLog(disk),
    temperature: { current: smart.temperatureC },
    power_cycle_count: smart.powerCycles,
    power_on_time: { hours: smart.powerOnHours },
    nvme_error_information_log: { size: 64, read: 16, unread: 0 },
  };
}

/** The one namespace, a third full; its EUI-64 is the disk's `eui.` WWN. */
function namespace(size: { blocks: number; bytes: number }, eui: string): Json {
  const used = Math.floor(size.blocks / 3);
  return {
    id: 1,
    size,
    capacity: size,
    utilization: { blocks: used, bytes: used * 512 },
    formatted_lba_size: 512,
    eui64: { oui: Number.parseInt(eui.slice(0, 6), 16), ext_id: Number.parseInt(eui.slice(6), 16) },
  };
}

/** Log page 02h as smartctl names its fields. */
function healthLog(disk: DiskModel): Json | undefined {
  const { nvme: health, temperatureC, powerCycles, powerOnHours } = disk.smart;
  if (!health) return undefined;
  return {
    critical_warning: health.criticalWarning,
    temperature: temperatureC,
    available_spare: health.availableSpare,
    available_spare_threshold: health.availableSpareThreshold,
    percentage_used: health.percentageUsed,
    data_units_read: health.dataUnitsRead,
    data_units_written: health.dataUnitsWritten,
    host_reads: health.hostReads,
    host_writes: health.hostWrites,
    controller_busy_time: health.controllerBusyTime,
    power_cycles: powerCycles,
    power_on_hours: powerOnHours,
    unsafe_shutdowns: health.unsafeShutdowns,
    media_errors: health.mediaErrors,
    num_err_log_entries: health.numErrLogEntries,
    warning_temp_time: health.warningTempMinutes,
    critical_comp_time: health.criticalTempMinutes,
  };
}

export function scsiBody(disk: DiskModel): Json {
  const smart = disk.smart;
  const scsi = smart.scsi;
  return {
    scsi_vendor: disk.vendor,
    scsi_product: disk.model,
    scsi_model_name: `${disk.vendor} ${disk.model}`,
    scsi_revision: disk.firmware,
    scsi_version: "SPC-4",
    user_capacity: { blocks: disk.capacityBytes / 512, bytes: disk.capacityBytes },
    logical_block_size: 512,
    physical_block_size: disk.physicalBlockSize,
    rotation_rate: disk.rotationRate,
    form_factor: { scsi_value: 2, name: "3.5 inches" },
    logical_unit_id: `0x${disk.wwn}`,
    serial_number: disk.serial,
    device_type: { scsi_terminology: "Peripheral Device Type [PDT]", scsi_value: 0, name: "disk" },
    scsi_transport_protocol: { name: "SAS (SPL-4)", value: 6 },
    smart_support: { available: true, enabled: true },
    temperature_warning: { enabled: true },
    smart_status: { passed: smart.passed },
    temperature: { current: smart.temperatureC, drive_trip: 65 },
    power_on_time: { hours: smart.powerOnHours, minutes: 12 },
    scsi_start_stop_cycle_counter: cycleCounter(disk),
    scsi_grown_defect_list: scsi?.grownDefects ?? 0,
    scsi_error_counter_log: {
      read: counters(
        scsi?.readCorrected ?? 0,
        scsi?.gigabytesRead ?? 0,
        scsi?.readUncorrected ?? 0,
      ),
      write: counters(0, scsi?.gigabytesWritten ?? 0, 0),
      verify: counters(0, 0, 0),
    },
  };
}

function cycleCounter(disk: DiskModel): Json {
  const scsi = disk.smart.scsi;
  return {
    year_of_manufacture: "2021",
    week_of_manufacture: "14",
    specified_cycle_count_over_device_lifetime: 50000,
    accumulated_start_stop_cycles: scsi?.startStopCycles ?? 0,
    specified_load_unload_count_over_device_lifetime: 600000,
    accumulated_load_unload_cycles: scsi?.loadUnloadCycles ?? 0,
  };
}

/** smartctl prints gigabytes processed as a string with three decimals. */
function counters(corrected: number, gigabytes: number, uncorrected: number): Json {
  return {
    errors_corrected_by_eccfast: corrected,
    errors_corrected_by_eccdelayed: Math.floor(corrected / 1000),
    errors_corrected_by_rereads_rewrites: 0,
    total_errors_corrected: corrected + Math.floor(corrected / 1000),
    correction_algorithm_invocations: Math.floor(corrected * 0.9),
    gigabytes_processed: gigabytes.toFixed(3),
    total_uncorrected_errors: uncorrected,
  };
}

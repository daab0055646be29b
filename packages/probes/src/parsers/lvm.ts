/*
 * `pvs` / `vgs` / `lvs --reportformat json [--units b --nosuffix] -o …`, and combined reports
 * (`lvm fullreport --reportformat json`, one report entry per VG with several arrays):
 *
 *   { "report": [ { "lv": [ {"lv_name":"root", "vg_name":"system", "lv_attr":"-wi-ao----",
 *       "lv_size":"34359738368", "pool_lv":"", "origin":"", "devices":"/dev/md1(0)"} ] } ] }
 *
 * Source: lvmreport(7), lvs(8), vgs(8), pvs(8). Seen: LVM 2.02.1xx and 2.03.x ("json"), and
 * "json_std" (2.03.17+, numbers as JSON numbers). The columns present depend on `-o`, so every
 * field is optional except the object's own name. lvs prints one row per segment when segment
 * columns (devices, segtype…) are asked; those rows are merged back into one LV.
 */
import {
  type LvmLv,
  type LvmPv,
  type LvmReport,
  type LvmVg,
  type ParseResult,
  parseFailure,
} from "@holmes/core";
import {
  isJsonObject,
  JsonFieldReader,
  type JsonObject,
  notAnObject,
  parseJsonText,
} from "./json-fields";
import { attrIs, LvmRowReader, lvVolumeHealth, parseLvDevices } from "./lvm-fields";

export { parseVgcfgbackup } from "./lvm-vgcfgbackup";

export function parseLvmReport(jsonText: string): ParseResult<LvmReport> {
  const json = parseJsonText(jsonText);
  if (!json.ok) return json;
  if (!isJsonObject(json.value)) return notAnObject("an LVM JSON report", json.value);
  const r = new JsonFieldReader();
  const rows = new LvmRowReader(r);
  const entries = r.objects(r.array(json.value, "report", ""), "report");
  const report: LvmReport = { pvs: [], vgs: [], lvs: [], hasApproximateSizes: false };
  const seen = new Map<string, LvmLv>();
  let arrays = 0;
  entries.forEach((entry, i) => {
    const path = r.path("report", i);
    for (const key of ["pv", "vg", "lv"] as const) {
      const list = r.array(entry, key, path);
      if (list === null) continue;
      arrays++;
      const objects = r.objects(list, `${path}.${key}`);
      for (let j = 0; j < objects.length; j++) {
        const row = objects[j];
        const rowPath = r.path(`${path}.${key}`, j);
        if (row === undefined) continue;
        if (key === "pv") addPv(report, readPv(rows, row, rowPath));
        else if (key === "vg") report.vgs.push(readVg(rows, row, rowPath));
        else addLv(report, seen, readLv(rows, row, rowPath));
      }
    }
  });
  if (arrays === 0 && r.error === undefined) {
    return parseFailure("a report entry with a pv, vg or lv array", "none", { field: "report" });
  }
  report.hasApproximateSizes = rows.hasApproximateSizes;
  return r.finish(report);
}

/**
 * pvs prints one row per PV segment when pvseg columns are asked; keep the first. Missing PVs are
 * all named "[unknown]", so only their UUIDs tell them apart.
 */
function addPv(report: LvmReport, pv: LvmPv): void {
  const isSame = (known: LvmPv) =>
    known.pvUuid !== null && pv.pvUuid !== null
      ? known.pvUuid === pv.pvUuid
      : known.pvName === pv.pvName && pv.pvName !== "[unknown]";
  if (!report.pvs.some(isSame)) report.pvs.push(pv);
}

/**
 * lvs prints one row per segment when segment columns are asked: merge them into one LV. Rows are
 * the same LV by UUID, else by VG and name (never by name alone: two VGs may both have "root").
 */
function addLv(report: LvmReport, seen: Map<string, LvmLv>, lv: LvmLv): void {
  const key =
    lv.lvUuid !== null
      ? `uuid ${lv.lvUuid}`
      : lv.vgName !== null
        ? `lv ${lv.vgName}/${lv.lvName}`
        : null;
  const same = key === null ? undefined : seen.get(key);
  if (same === undefined) {
    if (key !== null) seen.set(key, lv);
    report.lvs.push(lv);
    return;
  }
  same.segmentCount++;
  same.devices.push(...lv.devices);
}

function readPv(rows: LvmRowReader, row: JsonObject, path: string): LvmPv {
  const attr = rows.text(row, "pv_attr", path);
  return {
    pvName:
      rows.text(row, "pv_name", path) ?? rows.r.fail(`${path}.pv_name`, "a PV name", null) ?? "",
    vgName: rows.text(row, "vg_name", path),
    pvUuid: rows.text(row, "pv_uuid", path),
    vgUuid: rows.text(row, "vg_uuid", path),
    pvFmt: rows.text(row, "pv_fmt", path),
    pvAttr: attr,
    pvSize: rows.size(row, "pv_size", path),
    pvFree: rows.size(row, "pv_free", path),
    devSize: rows.size(row, "dev_size", path),
    peStart: rows.size(row, "pe_start", path),
    peCount: rows.count(row, "pv_pe_count", path),
    peAllocCount: rows.count(row, "pv_pe_alloc_count", path),
    isAllocatable: attrIs(attr, 0, "a"),
    isExported: attrIs(attr, 1, "e"),
    isMissing: attrIs(attr, 2, "m"),
  };
}

function readVg(rows: LvmRowReader, row: JsonObject, path: string): LvmVg {
  const attr = rows.text(row, "vg_attr", path);
  const extentSize = rows.size(row, "vg_extent_size", path);
  const extentCount = rows.count(row, "vg_extent_count", path);
  const freeCount = rows.count(row, "vg_free_count", path);
  // `vgs -o vg_extent_size,vg_extent_count,vg_free_count` is exact where vg_size may be rounded.
  const times = (count: number | null) => {
    const bytes = extentSize === null || count === null ? null : extentSize * count;
    return bytes !== null && Number.isFinite(bytes) ? bytes : null;
  };
  return {
    vgName:
      rows.text(row, "vg_name", path) ?? rows.r.fail(`${path}.vg_name`, "a VG name", null) ?? "",
    vgUuid: rows.text(row, "vg_uuid", path),
    vgAttr: attr,
    vgSize: rows.size(row, "vg_size", path) ?? times(extentCount),
    vgFree: rows.size(row, "vg_free", path) ?? times(freeCount),
    extentSize,
    extentCount,
    freeCount,
    pvCount: rows.count(row, "pv_count", path),
    missingPvCount: rows.count(row, "vg_missing_pv_count", path),
    lvCount: rows.count(row, "lv_count", path),
    snapCount: rows.count(row, "snap_count", path),
    seqno: rows.count(row, "vg_seqno", path),
    isPartial: attrIs(attr, 3, "p"),
    isExported: attrIs(attr, 2, "x"),
    isReadOnly: attrIs(attr, 0, "r"),
  };
}

function readLv(rows: LvmRowReader, row: JsonObject, path: string): LvmLv {
  const rawName = rows.text(row, "lv_name", path);
  const attr = rows.text(row, "lv_attr", path);
  return {
    lvName:
      rows.name(row, "lv_name", path) ?? rows.r.fail(`${path}.lv_name`, "an LV name", null) ?? "",
    vgName: rows.text(row, "vg_name", path),
    lvUuid: rows.text(row, "lv_uuid", path),
    lvAttr: attr,
    lvRole: rows.text(row, "lv_role", path),
    lvSize: rows.size(row, "lv_size", path),
    isHidden: rawName?.startsWith("[") === true,
    poolLv: rows.name(row, "pool_lv", path),
    origin: rows.name(row, "origin", path),
    dataLv: rows.name(row, "data_lv", path),
    metadataLv: rows.name(row, "metadata_lv", path),
    segtype: rows.text(row, "segtype", path),
    stripes: rows.count(row, "stripes", path),
    stripeSize: rows.size(row, "stripe_size", path),
    chunkSize: rows.size(row, "chunk_size", path),
    devices: parseLvDevices(rows.text(row, "devices", path)),
    segmentCount: 1,
    dataPercent: rows.percent(row, "data_percent", path),
    metadataPercent: rows.percent(row, "metadata_percent", path),
    copyPercent: rows.percent(row, "copy_percent", path),
    healthStatus: rows.rawText(row, "lv_health_status", path),
    isActive: attrIs(attr, 4, "a"),
    isOpen: attrIs(attr, 5, "o"),
    volumeHealth: lvVolumeHealth(attr),
  };
}

/**
 * `pvs|vgs|lvs --reportformat json --units b --nosuffix` with their default columns (LVM 2.02.158+
 * / 2.03): every value is a string, one row per line, the odd 2-then-4-space indentation of
 * lvm's JSON writer.
 *
 *   {"pv_name":"/dev/md1", "vg_name":"vg0", "pv_fmt":"lvm2", "pv_attr":"a--", "pv_size":"…", "pv_free":"0"}
 */
import { lvMapperPath } from "../build-lvm";
import type { HostModel, LvmLv, LvmVg } from "../model";

export type LvmReportKind = "pv" | "vg" | "lv";

export function renderLvmReport(host: HostModel, kind: LvmReportKind): string {
  const rows = reportRows(host, kind).map(
    (row) =>
      `                  {${row.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(", ")}}`,
  );
  const body = rows.length > 0 ? `${rows.join(",\n")}\n` : "";
  return `  {\n      "report": [\n          {\n              "${kind}": [\n${body}              ]\n          }\n      ]\n  }\n`;
}

type Row = Array<[string, string]>;

function reportRows(host: HostModel, kind: LvmReportKind): Row[] {
  const vgs = [...host.vgs].sort((a, b) => a.name.localeCompare(b.name));
  const extentBytes = (vg: LvmVg) => vg.extentSizeSectors * 512;
  if (kind === "pv") {
    const rows = vgs.flatMap((vg) =>
      vg.pvs.map(
        (pv): Row => [
          ["pv_name", pv.device],
          ["vg_name", vg.name],
          ["pv_fmt", "lvm2"],
          ["pv_attr", "a--"],
          ["pv_size", String(pv.peCount * extentBytes(vg))],
          ["pv_free", String((pv.peCount - pv.peAllocated) * extentBytes(vg))],
        ],
      ),
    );
    return rows.sort((a, b) => (a[0]?.[1] ?? "").localeCompare(b[0]?.[1] ?? ""));
  }
  if (kind === "vg") return vgs.map((vg) => vgRow(vg, extentBytes(vg)));
  return vgs.flatMap((vg) => vg.lvs.map((lv) => lvRow(host, vg, lv, extentBytes(vg))));
}

function vgRow(vg: LvmVg, extentBytes: number): Row {
  const total = vg.pvs.reduce((sum, pv) => sum + pv.peCount, 0);
  const used = vg.pvs.reduce((sum, pv) => sum + pv.peAllocated, 0);
  return [
    ["vg_name", vg.name],
    ["pv_count", String(vg.pvs.length)],
    ["lv_count", String(vg.lvs.length)],
    ["snap_count", "0"],
    ["vg_attr", "wz--n-"],
    ["vg_size", String(total * extentBytes)],
    ["vg_free", String((total - used) * extentBytes)],
  ];
}

function lvRow(host: HostModel, vg: LvmVg, lv: LvmLv, extentBytes: number): Row {
  const path = lvMapperPath(vg.name, lv.name);
  const isOpen = host.swaps.includes(path) || host.mounts.some((m) => m.source === path);
  const empty = [
    "pool_lv",
    "origin",
    "data_percent",
    "metadata_percent",
    "move_pv",
    "mirror_log",
    "copy_percent",
    "convert_lv",
  ];
  return [
    ["lv_name", lv.name],
    ["vg_name", vg.name],
    ["lv_attr", isOpen ? "-wi-ao----" : "-wi-a-----"],
    ["lv_size", String(lv.extents * extentBytes)],
    ...empty.map((key): [string, string] => [key, ""]),
  ];
}

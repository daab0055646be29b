/**
 * What a host answers to the fallbacks the collector runs where the JSON forms are refused:
 *
 *   cat /proc/mounts      rootfs / rootfs rw 0 0
 *                         /dev/root / ext3 rw,data=ordered 0 0          (2.6.18: no mountinfo)
 *   losetup -a            /dev/loop0: [0016]:4099 (/mnt/archive/iso/rhel-5.11-server-x86_64-dvd.iso)
 *   vgs --noheadings --separator | --units b --nosuffix -o vg_name,…
 *                           VolGroup00|4Gk1Xq-…|wz--n-|159786205184|…
 *
 * Every host answers them (a modern one too, though it is never asked); the columns LVM prints
 * are the ones `-o` names, in that order, as lvm does, and an unknown one is refused as lvm does.
 */
import { LVM_COLUMN_FIELDS } from "../../commands/lvm-columns";
import { lvMapperPath } from "../build-lvm";
import type { HostModel, LoopModel, LvmLv, LvmPv, LvmVg } from "../model";
import { escapePath, superOptions } from "./mounts";

type Output = { stdout: string; exitCode: number };

const isLegacyKernel = (host: HostModel) => host.kernel.startsWith("2.6.18");

/**
 * /proc/mounts: device, mount point, type, options, "0 0". Kernels before 2.6.26 print the
 * initial rootfs first, and RHEL 5's initrd mounts the real root as /dev/root; relatime did not
 * exist before 2.6.20, so that kernel never shows it.
 */
export function renderProcMounts(host: HostModel): string {
  const legacy = isLegacyKernel(host);
  const lines = host.mounts.map((mount) => {
    const source = legacy && mount.target === "/" ? "/dev/root" : mount.source;
    const fsOptions = superOptions(mount, host.kernel)
      .split(",")
      .filter((option) => option !== "rw" && option !== "ro");
    const options = [...mount.options.split(","), ...fsOptions].filter(
      (option) => option !== "" && !(legacy && option === "relatime"),
    );
    return `${escapePath(source)} ${escapePath(mount.target)} ${mount.fstype} ${options.join(",")} 0 0\n`;
  });
  return `${legacy ? "rootfs / rootfs rw 0 0\n" : ""}${lines.join("")}`;
}

/**
 * `losetup -a`: util-linux 2.13 prints the backing file's device in hex ("%04llx"), 2.21+ in
 * decimal; offset and sizelimit only when set (never, here).
 */
export function renderLosetupAll(host: HostModel): string {
  return host.loops.map((loop, index) => `${loopLine(host, loop, index)}\n`).join("");
}

function loopLine(host: HostModel, loop: LoopModel, index: number): string {
  const holder = host.mounts
    .filter((m) => loop.backFile === m.target || loop.backFile.startsWith(`${m.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
  const [major = 0, minor = 0] = (holder?.majMin ?? "0:0").split(":").map(Number);
  const device = (major << 8) | minor;
  const shown = isLegacyKernel(host) ? device.toString(16).padStart(4, "0") : String(device);
  // A stable inode number per image, as the backing filesystem would hand out.
  const inode = 4_099 + index * 131;
  return `/dev/${loop.name}: [${shown}]:${inode} (${loop.backFile})`;
}

type LvmKind = "pv" | "vg" | "lv";
type FieldValue = (host: HostModel) => string;

/** `pvs|vgs|lvs --noheadings --separator S --units b --nosuffix -o FIELDS`. */
export function renderLvmColumns(host: HostModel, kind: LvmKind, argv: readonly string[]): Output {
  const fields = (argv[argv.indexOf("-o") + 1] ?? "").split(",");
  const separator = argv[argv.indexOf("--separator") + 1] ?? " ";
  const rows = rowsOf(host, kind);
  const unknown = fields.find((field) => !rows.known.has(field));
  if (unknown !== undefined) return { stdout: `  Unrecognised field: ${unknown}\n`, exitCode: 3 };
  const lines = rows.values.map(
    (row) => `  ${fields.map((field) => row.get(field)?.(host) ?? "").join(separator)}\n`,
  );
  return { stdout: lines.join(""), exitCode: 0 };
}

function rowsOf(host: HostModel, kind: LvmKind) {
  const vgs = [...host.vgs].sort((a, b) => a.name.localeCompare(b.name));
  const values =
    kind === "pv"
      ? vgs
          .flatMap((vg) => vg.pvs.map((pv) => ({ vg, pv })))
          .sort((a, b) => a.pv.device.localeCompare(b.pv.device))
          .map(({ vg, pv }) => pvFields(vg, pv))
      : kind === "vg"
        ? vgs.map(vgFields)
        : vgs.flatMap((vg) => vg.lvs.map((lv) => lvFields(vg, lv)));
  const known = new Set(values[0]?.keys() ?? LVM_COLUMN_FIELDS[kind]);
  return { values, known };
}

const extentBytes = (vg: LvmVg) => vg.extentSizeSectors * 512;

function pvFields(vg: LvmVg, pv: LvmPv): Map<string, FieldValue> {
  return new Map<string, FieldValue>([
    ["pv_name", () => pv.device],
    ["vg_name", () => vg.name],
    ["pv_fmt", () => "lvm2"],
    // LVM 2.02.88 prints two attribute letters; the third ("m", missing) came later.
    ["pv_attr", (host) => (isLegacyKernel(host) ? "a-" : "a--")],
    ["pv_size", () => String(pv.peCount * extentBytes(vg))],
    ["pv_free", () => String((pv.peCount - pv.peAllocated) * extentBytes(vg))],
    ["pv_uuid", () => pv.uuid],
  ]);
}

function vgFields(vg: LvmVg): Map<string, FieldValue> {
  const total = vg.pvs.reduce((sum, pv) => sum + pv.peCount, 0);
  const used = vg.pvs.reduce((sum, pv) => sum + pv.peAllocated, 0);
  return new Map<string, FieldValue>([
    ["vg_name", () => vg.name],
    ["vg_uuid", () => vg.uuid],
    ["vg_attr", () => "wz--n-"],
    ["vg_size", () => String(total * extentBytes(vg))],
    ["vg_free", () => String((total - used) * extentBytes(vg))],
    ["vg_extent_size", () => String(extentBytes(vg))],
    ["vg_extent_count", () => String(total)],
    ["vg_free_count", () => String(total - used)],
    ["pv_count", () => String(vg.pvs.length)],
    ["lv_count", () => String(vg.lvs.length)],
    ["snap_count", () => "0"],
    ["vg_seqno", () => String(vg.seqno)],
  ]);
}

function lvFields(vg: LvmVg, lv: LvmLv): Map<string, FieldValue> {
  const pv = vg.pvs[lv.pvIndex];
  return new Map<string, FieldValue>([
    ["vg_name", () => vg.name],
    ["lv_name", () => lv.name],
    ["lv_uuid", () => lv.uuid],
    // LVM 2.02.88's lv_attr has six letters; active, and open when mounted or swapped on.
    ["lv_attr", (host) => lvAttr(host, vg, lv)],
    ["lv_size", () => String(lv.extents * extentBytes(vg))],
    ["origin", () => ""],
    ["copy_percent", () => ""],
    ["devices", () => (pv ? `${pv.device}(${lv.pvStartExtent})` : "")],
  ]);
}

function lvAttr(host: HostModel, vg: LvmVg, lv: LvmLv): string {
  const path = lvMapperPath(vg.name, lv.name);
  const isOpen = host.swaps.includes(path) || host.mounts.some((m) => m.source === path);
  const attr = isOpen ? "-wi-ao" : "-wi-a-";
  return isLegacyKernel(host) ? attr : `${attr}----`;
}

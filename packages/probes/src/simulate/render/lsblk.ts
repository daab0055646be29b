/**
 * `lsblk -J -b -o NAME,KNAME,PATH,TYPE,SIZE,SERIAL,WWN,MODEL,FSTYPE,MOUNTPOINT,PKNAME,MAJ:MIN,RO,ROTA,TRAN`
 * (util-linux 2.37+: numbers and booleans unquoted). lsblk walks /sys/block/*\/holders, so an md
 * array and everything on it repeats under each member, with PKNAME naming that member.
 */
import { lvMapperPath, lvSizeBytes } from "../build-lvm";
import type { DiskModel, HostModel, LvmVg, MdArrayModel, PartitionModel } from "../model";
import { renderSmartcolsJson, type SmartcolsRow, type SmartcolsValue } from "./smartcols-json";

type Node = {
  name: string;
  kname: string;
  path: string;
  type: string;
  size: number;
  serial?: string | null;
  wwn?: string | null;
  model?: string | null;
  fstype: string | null;
  pkname: string | null;
  majMin: string;
  rota: boolean;
  tran?: string | null;
};

export function renderLsblk(host: HostModel): string {
  const loops = host.loops.map((loop) =>
    row(
      host,
      {
        name: loop.name,
        kname: loop.name,
        path: `/dev/${loop.name}`,
        type: "loop",
        size: loop.sizeBytes,
        fstype: loop.fstype,
        pkname: null,
        majMin: `7:${loop.minor}`,
        rota: false,
      },
      [],
    ),
  );
  const sd = host.disks.filter((d) => d.protocol !== "NVMe");
  const nvme = host.disks.filter((d) => d.protocol === "NVMe");
  return renderSmartcolsJson("blockdevices", [
    ...loops,
    ...[...sd, ...nvme].map((d) => diskRow(host, d)),
  ]);
}

function diskRow(host: HostModel, disk: DiskModel): SmartcolsRow {
  const rota = disk.rotationRate > 0;
  const wwn = disk.wwn.startsWith("eui.") ? disk.wwn : `0x${disk.wwn}`;
  const children = disk.partitions.map((part) => partitionRow(host, disk, part, wwn));
  const node: Node = {
    name: disk.name,
    kname: disk.name,
    path: `/dev/${disk.name}`,
    type: "disk",
    size: disk.capacityBytes,
    serial: disk.serial,
    wwn,
    model: disk.model,
    fstype: disk.fstype,
    pkname: null,
    majMin: `${disk.major}:${disk.minor}`,
    rota,
    tran: disk.transport,
  };
  return row(host, node, [...children, ...holders(host, disk.name, rota)]);
}

function partitionRow(
  host: HostModel,
  disk: DiskModel,
  part: PartitionModel,
  wwn: string,
): SmartcolsRow {
  const rota = disk.rotationRate > 0;
  const node: Node = {
    name: part.name,
    kname: part.name,
    path: `/dev/${part.name}`,
    type: "part",
    size: part.sizeSectors * 512,
    wwn,
    fstype: part.fstype,
    pkname: disk.name,
    majMin: `${part.major}:${part.minor}`,
    rota,
  };
  return row(host, node, holders(host, part.name, rota));
}

/**
 * What holds this device: md arrays it is a member of (a failed member stays one until it is
 * removed), or the logical volumes of the VG whose PV it is.
 */
function holders(host: HostModel, kname: string, rota: boolean): SmartcolsRow[] {
  const arrays = host.mdArrays
    .filter((array) => array.members.some((m) => m.device === kname))
    .map((array) => mdRow(host, array, kname, rota));
  const vg = host.vgs.find((v) => v.pvs.some((pv) => pv.device === `/dev/${kname}`));
  return vg ? [...arrays, ...lvRows(host, vg, kname, rota)] : arrays;
}

function mdRow(host: HostModel, array: MdArrayModel, parent: string, rota: boolean): SmartcolsRow {
  const path = `/dev/${array.name}`;
  const vg = host.vgs.find((v) => v.pvs.some((pv) => pv.device === path));
  const node: Node = {
    name: array.name,
    kname: array.name,
    path,
    type: array.isActive ? array.level : "md",
    size: array.isActive ? array.arraySizeKb * 1024 : 0,
    fstype: vg ? "LVM2_member" : mountedFstype(host, path),
    pkname: parent,
    majMin: `9:${array.minor}`,
    rota,
  };
  return row(host, node, vg && array.isActive ? lvRows(host, vg, array.name, rota) : []);
}

function lvRows(host: HostModel, vg: LvmVg, parent: string, rota: boolean): SmartcolsRow[] {
  return vg.lvs.map((lv) =>
    row(
      host,
      {
        name: `${vg.name.replaceAll("-", "--")}-${lv.name.replaceAll("-", "--")}`,
        kname: `dm-${lv.dmMinor}`,
        path: lvMapperPath(vg.name, lv.name),
        type: "lvm",
        size: lvSizeBytes(vg, lv),
        fstype: lv.fstype,
        pkname: parent,
        majMin: `253:${lv.dmMinor}`,
        rota,
      },
      [],
    ),
  );
}

function mountedFstype(host: HostModel, path: string): string | null {
  return host.mounts.find((m) => m.source === path)?.fstype ?? null;
}

function mountpoint(host: HostModel, path: string): string | null {
  if (host.swaps.includes(path)) return "[SWAP]";
  return host.mounts.find((m) => m.source === path)?.target ?? null;
}

function row(host: HostModel, node: Node, children: SmartcolsRow[]): SmartcolsRow {
  const fields: Array<[string, SmartcolsValue]> = [
    ["name", node.name],
    ["kname", node.kname],
    ["path", node.path],
    ["type", node.type],
    ["size", node.size],
    ["serial", node.serial ?? null],
    ["wwn", node.wwn ?? null],
    ["model", node.model ?? null],
    ["fstype", node.fstype],
    ["mountpoint", mountpoint(host, node.path)],
    ["pkname", node.pkname],
    ["maj:min", node.majMin],
    ["ro", false],
    ["rota", node.rota],
    ["tran", node.tran ?? null],
  ];
  return { fields, children };
}

/**
 * The mount table as /proc/self/mountinfo (proc(5)) and as `findmnt -J` (util-linux 2.37+),
 * which nests each mount under its parent and merges per-mount and superblock options.
 *
 *   36 21 0:52 / /mnt/home rw,relatime shared:12 - nfs4 fs1:/export/home rw,vers=4.2,…,addr=10.20.0.11
 */
import type { HostModel, MountModel } from "../model";
import { mountinfoNfsOptions } from "./nfs-options";
import { renderSmartcolsJson, type SmartcolsRow } from "./smartcols-json";

export function superOptions(mount: MountModel, kernel: string): string {
  return mount.nfs ? mountinfoNfsOptions(mount.nfs, kernel) : mount.superOptions;
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
export function escapePath(path: string): string {
  return path.replace(/[ \t\n\\]/g, (ch) => `\\${ch.charCodeAt(0).toString(8).padStart(3, "0")}`);
}

export function renderMountinfo(host: HostModel): string {
  return host.mounts
    .map((m) => {
      const fields = `${m.id} ${m.parentId} ${m.majMin} ${escapePath(m.root)} ${escapePath(m.target)} ${m.options}`;
      return `${fields} ${m.propagation} - ${m.fstype} ${escapePath(m.source)} ${superOptions(m, host.kernel)}\n`;
    })
    .join("");
}

/** findmnt's OPTIONS column: the per-mount flags, then the filesystem's own options. */
function findmntOptions(mount: MountModel, kernel: string): string {
  const fsOptions = superOptions(mount, kernel)
    .split(",")
    .filter((option) => option !== "rw" && option !== "ro");
  return [mount.options, ...fsOptions].join(",");
}

export function renderFindmnt(host: HostModel): string {
  const byParent = new Map<number, MountModel[]>();
  for (const mount of host.mounts) {
    const siblings = byParent.get(mount.parentId) ?? [];
    siblings.push(mount);
    byParent.set(mount.parentId, siblings);
  }
  const ids = new Set(host.mounts.map((m) => m.id));
  const toRow = (mount: MountModel): SmartcolsRow => ({
    fields: [
      ["target", mount.target],
      ["source", mount.source],
      ["fstype", mount.fstype],
      ["options", findmntOptions(mount, host.kernel)],
    ],
    children: (byParent.get(mount.id) ?? []).map(toRow),
  });
  const roots = host.mounts.filter((m) => !ids.has(m.parentId));
  return renderSmartcolsJson("filesystems", roots.map(toRow));
}

/**
 * `mdadm --detail --scan` and the mdadm.conf an installer writes. mdadm 4.x names arrays by
 * their /dev/md/<name> link; 2.6 (RHEL 5) printed level and device count instead of a name.
 *
 *   ARRAY /dev/md/1 metadata=1.2 spares=1 name=stor-a01:1 UUID=3aaa0122:29827cfa:5331ad66:ca767371
 *   INACTIVE-ARRAY /dev/md127 metadata=1.2 name=stor-a01:0 UUID=…
 */
import { mdUuid } from "../build-md";
import type { HostModel, MdArrayModel } from "../model";
import { ctime } from "./format";
import { mdadmStyle } from "./mdadm-detail";

export function renderMdadmScan(host: HostModel): string {
  const isLegacy = mdadmStyle(host) === "legacy";
  return host.mdArrays.map((array) => `${scanLine(array, isLegacy)}\n`).join("");
}

function scanLine(array: MdArrayModel, isLegacy: boolean): string {
  const uuid = `UUID=${mdUuid(array.uuid)}`;
  const spareCount = array.members.filter((m) => m.state === "spare").length;
  const spares = spareCount > 0 ? ` spares=${spareCount}` : "";
  if (isLegacy) {
    return `ARRAY /dev/${array.name} level=${array.level} num-devices=${array.raidDisks} metadata=${array.metadata}${spares} ${uuid}`;
  }
  if (!array.isActive) {
    return `INACTIVE-ARRAY /dev/${array.name} metadata=${array.metadata} name=${array.homehost}:${array.arrayName} ${uuid}`;
  }
  if (array.metadata === "0.90") return `ARRAY /dev/${array.name} metadata=0.90${spares} ${uuid}`;
  return `ARRAY /dev/md/${array.arrayName} metadata=${array.metadata}${spares} name=${array.homehost}:${array.arrayName} ${uuid}`;
}

/** Where the distribution keeps the file; null when this host has none. */
export function mdadmConfPath(host: HostModel): string | null {
  if (host.mdadmConfUuids === null) return null;
  return host.os.family === "debian" ? "/etc/mdadm/mdadm.conf" : "/etc/mdadm.conf";
}

export function renderMdadmConf(host: HostModel): string {
  const installedSec = host.mdArrays[0]?.creationTimeSec ?? 0;
  const listed = host.mdArrays.filter((a) => host.mdadmConfUuids?.includes(a.uuid));
  if (host.os.family === "debian") {
    const arrays = listed.map(
      (a) =>
        `ARRAY /dev/md/${a.arrayName}  metadata=${a.metadata} UUID=${mdUuid(a.uuid)} name=${a.homehost}:${a.arrayName}\n`,
    );
    return `${DEBIAN_HEADER}${arrays.join("")}\n# This configuration was auto-generated on ${ctime(installedSec)} by mkconf\n`;
  }
  // 0.90 arrays have no name, so anaconda listed them by their /dev/mdN node.
  const node = (a: MdArrayModel) =>
    a.metadata === "0.90" ? `/dev/${a.name}` : `/dev/md/${a.arrayName}`;
  const arrays = listed.map(
    (a) => `ARRAY ${node(a)} level=${a.level} num-devices=${a.raidDisks} UUID=${mdUuid(a.uuid)}\n`,
  );
  return `# mdadm.conf written out by anaconda\nMAILADDR root\nAUTO +imsm +1.x -all\n${arrays.join("")}`;
}

const DEBIAN_HEADER = `# mdadm.conf
#
# !NB! Run update-initramfs -u after updating this file.
# !NB! This will ensure that initramfs has an uptodate copy.
#
# Please refer to mdadm.conf(5) for information about this file.
#

# by default (built-in), scan all partitions (/proc/partitions) and all
# containers for MD superblocks. alternatively, specify devices to scan, using
# wildcards if desired.
#DEVICE partitions containers

# automatically tag new arrays as belonging to the local system
HOMEHOST <system>

# instruct the monitoring daemon where to send mail alerts
MAILADDR root

# definitions of existing MD arrays
`;

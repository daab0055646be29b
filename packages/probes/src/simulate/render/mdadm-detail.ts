/**
 * `mdadm --detail /dev/mdN` as mdadm's Detail.c prints it. mdadm 4.x right-aligns keys to 18
 * characters (it widened them for "Consistency Policy"); the 2.6 series shipped with RHEL 5
 * used 15 and printed the 0.90 version as `00.90.03`.
 *
 *              State : clean, degraded, recovering
 *     Rebuild Status : 12% complete
 *     Number   Major   Minor   RaidDevice State
 *        4       8       81        1      spare rebuilding   /dev/sdf1
 */
import { inSyncCount, mdUuid, syncPerMille } from "../build-md";
import type { HostModel, MdArrayModel, MdMember } from "../model";
import { ctime, humanSize, padStart } from "./format";
import { deviceNumbers } from "./md-common";

export type MdadmStyle = "modern" | "legacy";

export function mdadmStyle(host: HostModel): MdadmStyle {
  return host.kernel.startsWith("2.6.") ? "legacy" : "modern";
}

export function renderMdadmDetail(host: HostModel, array: MdArrayModel): string {
  const style = mdadmStyle(host);
  const width = style === "modern" ? 18 : 15;
  const line = (key: string, value: string | number) => `${padStart(key, width)} : ${value}\n`;
  if (!array.isActive) return inactiveDetail(host, array, line);
  let out = `/dev/${array.name}:\n`;
  out += line(
    "Version",
    style === "legacy" && array.metadata === "0.90" ? "00.90.03" : array.metadata,
  );
  out += line("Creation Time", ctime(array.creationTimeSec));
  out += line("Raid Level", array.level);
  out += line("Array Size", `${array.arraySizeKb}${humanSize(array.arraySizeKb * 1024)}`);
  if (array.level !== "raid0") {
    out += line("Used Dev Size", `${array.usedDevSizeKb}${humanSize(array.usedDevSizeKb * 1024)}`);
  }
  out += line("Raid Devices", array.raidDisks);
  out += line("Total Devices", array.members.length);
  if (array.metadata === "0.90") out += line("Preferred Minor", array.minor);
  out += `${line("Persistence", "Superblock is persistent")}\n`;
  if (array.hasBitmap) out += `${line("Intent Bitmap", "Internal")}\n`;
  out += line("Update Time", ctime(array.updateTimeSec));
  out += line("State", `${stateText(array)} `);
  out += counts(array, line);
  out += geometry(array, style, line);
  out += syncStatus(array, width);
  out += identity(host, array, line);
  return out + deviceTable(host, array);
}

type Line = (key: string, value: string | number) => string;

function stateText(array: MdArrayModel): string {
  const lost = array.raidDisks - inSyncCount(array);
  const tolerance = array.level === "raid6" ? 2 : array.level === "raid0" ? 0 : 1;
  const health = lost === 0 ? "" : lost > tolerance ? ", FAILED" : ", degraded";
  const action = {
    recovery: ", recovering",
    resync: ", resyncing",
    check: ", checking",
    reshape: ", reshaping",
  };
  return `clean${health}${array.sync ? action[array.sync.action] : ""}`;
}

function counts(array: MdArrayModel, line: Line): string {
  const faulty = array.members.filter((m) => m.state === "faulty").length;
  const spares = array.members.filter(
    (m) => m.state === "spare" || m.state === "rebuilding",
  ).length;
  return (
    line("Active Devices", inSyncCount(array)) +
    line("Working Devices", array.members.length - faulty) +
    line("Failed Devices", faulty) +
    `${line("Spare Devices", spares)}\n`
  );
}

function geometry(array: MdArrayModel, style: MdadmStyle, line: Line): string {
  let out = "";
  if (array.level === "raid5" || (array.level === "raid6" && style === "modern")) {
    out += line("Layout", "left-symmetric");
  }
  if (array.level === "raid10") out += line("Layout", "near=2");
  if (array.level === "raid0" && style === "modern") out += line("Layout", "-unknown-");
  if (array.chunkKb !== null) out += `${line("Chunk Size", `${array.chunkKb}K`)}\n`;
  if (style === "modern") {
    const policy = array.level === "raid0" ? "none" : array.hasBitmap ? "bitmap" : "resync";
    out += `${line("Consistency Policy", policy)}\n`;
  }
  return out;
}

function syncStatus(array: MdArrayModel, width: number): string {
  if (!array.sync) return "";
  const names = { recovery: "Rebuild", resync: "Resync", check: "Check", reshape: "Reshape" };
  const percent = Math.floor(syncPerMille(array.sync) / 10);
  return `${padStart(`${names[array.sync.action]} Status`, width)} : ${percent}% complete\n\n`;
}

function identity(host: HostModel, array: MdArrayModel, line: Line): string {
  const isLocal = array.homehost === host.hostname;
  const local = `(local to host ${array.homehost})`;
  if (array.metadata === "0.90") {
    return (
      line("UUID", `${mdUuid(array.uuid)}${isLocal ? ` ${local}` : ""}`) +
      `${line("Events", `0.${array.events}`)}\n`
    );
  }
  return (
    line("Name", `${array.homehost}:${array.arrayName}${isLocal ? `  ${local}` : ""}`) +
    line("UUID", mdUuid(array.uuid)) +
    `${line("Events", array.events)}\n`
  );
}

function deviceTable(host: HostModel, array: MdArrayModel): string {
  let out = "    Number   Major   Minor   RaidDevice State\n";
  for (let slot = 0; slot < array.raidDisks; slot++) {
    const member = array.members.find(
      (m) => m.slot === slot && m.state !== "faulty" && m.state !== "spare",
    );
    if (member) out += row(host, array, member, padStart(slot, 5));
    else out += `       -       0        0    ${padStart(slot, 5)}      removed\n`;
  }
  const others = array.members.filter((m) => m.state === "faulty" || m.state === "spare");
  if (others.length > 0) out += "\n";
  for (const member of others) out += row(host, array, member, "    -");
  return out;
}

function row(host: HostModel, array: MdArrayModel, member: MdMember, raidDevice: string): string {
  const [major, minor] = deviceNumbers(host, member.device);
  const cells = `   ${padStart(member.descNr, 5)}   ${padStart(major, 5)}    ${padStart(minor, 5)}    ${raidDevice}     `;
  return `${cells}${stateWords(array, member, mdadmStyle(host))}   /dev/${member.device}\n`;
}

function stateWords(array: MdArrayModel, member: MdMember, style: MdadmStyle): string {
  switch (member.state) {
    case "faulty":
      return " faulty";
    case "spare":
      return " spare";
    case "rebuilding":
      return " spare rebuilding";
    case "in_sync": {
      // mdadm >= 3.3 names the mirror set of each raid10 near-copy slot.
      const set =
        array.level === "raid10" && style === "modern"
          ? ` set-${"AB"[(member.slot ?? 0) % 2]}`
          : "";
      return ` active sync${set}`;
    }
  }
}

/** mdadm 4.x on an array the kernel knows but could not start. */
function inactiveDetail(host: HostModel, array: MdArrayModel, line: Line): string {
  let out = `/dev/${array.name}:\n`;
  out += line("Version", array.metadata);
  out += line("Raid Level", array.level);
  out += line("Total Devices", array.members.length);
  out += `${line("Persistence", "Superblock is persistent")}\n`;
  out += line("State", "inactive");
  out += `${line("Working Devices", array.members.length)}\n`;
  out += identity(host, array, line);
  out += "    Number   Major   Minor   RaidDevice\n\n";
  for (const member of array.members) {
    const [major, minor] = deviceNumbers(host, member.device);
    out += `       -   ${padStart(major, 5)}    ${padStart(minor, 5)}        -        /dev/${member.device}\n`;
  }
  return out;
}

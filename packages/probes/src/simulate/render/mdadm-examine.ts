/**
 * `mdadm --examine <member>`: what the superblock on one member says (mdadm super1.c and
 * super0.c examine_super*). A member that md has failed keeps its last superblock, so its
 * Events lag the array's and it still claims its old slot.
 *
 *      Device Role : Active device 0
 *      Array State : AA.A ('A' == active, '.' == missing, 'R' == replacing)
 */
import { inSyncCount, mdUuid } from "../build-md";
import type { HostModel, MdArrayModel, MdMember } from "../model";
import { ctime, hashHex, humanSize, padStart } from "./format";
import { deviceNumbers, memberEvents } from "./md-common";

export type ExamineResult = { stdout: string; exitCode: number };

export function renderMdadmExamine(host: HostModel, devicePath: string): ExamineResult {
  const kname = devicePath.replace(/^\/dev\//, "");
  const [major] = deviceNumbers(host, kname);
  if (major === 0) {
    return { stdout: `mdadm: cannot open ${devicePath}: No such file or directory\n`, exitCode: 1 };
  }
  for (const array of host.mdArrays) {
    const member = array.members.find((m) => m.device === kname);
    if (!member) continue;
    const text =
      array.metadata === "0.90" ? examine090(host, array, member) : examine12(host, array, member);
    return { stdout: text, exitCode: 0 };
  }
  return { stdout: `mdadm: No md superblock detected on ${devicePath}.\n`, exitCode: 1 };
}

const line = (key: string, value: string | number) => `${padStart(key, 15)} : ${value}\n`;

function examine12(host: HostModel, array: MdArrayModel, member: MdMember): string {
  const memberSectors = memberSize(host, member.device);
  const avail = memberSectors - array.dataOffsetSectors;
  const used = array.usedDevSizeKb * 2;
  const isRebuilding = member.state === "rebuilding";
  const featureMap = (array.hasBitmap ? 1 : 0) | (isRebuilding ? 2 : 0);
  const local = array.homehost === host.hostname ? `  (local to host ${array.homehost})` : "";
  let out = `/dev/${member.device}:\n${line("Magic", "a92b4efc")}${line("Version", "1.2")}`;
  out += line("Feature Map", `0x${featureMap.toString(16)}`);
  out += line("Array UUID", mdUuid(array.uuid));
  out += line("Name", `${array.homehost}:${array.arrayName}${local}`);
  out += line("Creation Time", ctime(array.creationTimeSec));
  out += line("Raid Level", array.level);
  out += `${line("Raid Devices", array.raidDisks)}\n`;
  out += line("Avail Dev Size", `${avail} sectors${humanSize(avail * 512)}`);
  if (array.level !== "raid0")
    out += line("Array Size", `${array.arraySizeKb} KiB${humanSize(array.arraySizeKb * 1024)}`);
  if (used !== avail) out += line("Used Dev Size", `${used} sectors${humanSize(used * 512)}`);
  out += line("Data Offset", `${array.dataOffsetSectors} sectors`);
  out += line("Super Offset", "8 sectors");
  if (isRebuilding && array.sync)
    out += line("Recovery Offset", `${array.sync.doneKb * 2} sectors`);
  const before = array.dataOffsetSectors - (array.hasBitmap ? 88 : 80);
  out += line("Unused Space", `before=${before} sectors, after=${avail - used} sectors`);
  out += line("State", array.sync?.action === "resync" ? "active" : "clean");
  out += `${line("Device UUID", mdUuid(member.deviceUuid))}\n`;
  if (array.hasBitmap) out += line("Internal Bitmap", "8 sectors from superblock");
  return out + examine12Tail(array, member);
}

function examine12Tail(array: MdArrayModel, member: MdMember): string {
  const events = memberEvents(array, member);
  let out = line("Update Time", ctime(array.updateTimeSec));
  out += line("Bad Block Log", "512 entries available at offset 16 sectors");
  out += line("Checksum", `${hashHex(`${member.deviceUuid}${events}`)} - correct`);
  out += `${line("Events", events)}\n`;
  if (array.level === "raid5" || array.level === "raid6") out += line("Layout", "left-symmetric");
  if (array.level === "raid10") out += line("Layout", "near=2");
  if (array.chunkKb !== null) out += line("Chunk Size", `${array.chunkKb}K`);
  out += "\n";
  const role =
    member.state === "spare" || member.slot === null ? "spare" : `Active device ${member.slot}`;
  out += `   Device Role : ${role}\n`;
  return `${out}   Array State : ${arrayState(array, member)} ('A' == active, '.' == missing, 'R' == replacing)\n`;
}

function arrayState(array: MdArrayModel, member: MdMember): string {
  let state = "";
  for (let slot = 0; slot < array.raidDisks; slot++) {
    // A failed member's superblock was last written while every slot was still filled.
    const isHeld =
      member.state === "faulty" ||
      array.members.some(
        (m) => m.slot === slot && (m.state === "in_sync" || m.state === "rebuilding"),
      );
    state += isHeld ? "A" : ".";
  }
  return state;
}

function examine090(host: HostModel, array: MdArrayModel, member: MdMember): string {
  const local = array.homehost === host.hostname ? ` (local to host ${array.homehost})` : "";
  let out = `/dev/${member.device}:\n${line("Magic", "a92b4efc")}${line("Version", "0.90.00")}`;
  out += line("UUID", `${mdUuid(array.uuid)}${local}`);
  out += line("Creation Time", ctime(array.creationTimeSec));
  out += line("Raid Level", array.level);
  out += line("Used Dev Size", `${array.usedDevSizeKb}${humanSize(array.usedDevSizeKb * 1024)}`);
  out += line("Array Size", `${array.arraySizeKb}${humanSize(array.arraySizeKb * 1024)}`);
  out += line("Raid Devices", array.raidDisks);
  out += line("Total Devices", array.members.length);
  out += `${line("Preferred Minor", array.minor)}\n`;
  out += line("Update Time", ctime(array.updateTimeSec));
  out += line("State", "clean");
  const faulty = array.members.filter((m) => m.state === "faulty").length;
  out += line("Active Devices", inSyncCount(array));
  out += line("Working Devices", array.members.length - faulty);
  out += line("Failed Devices", faulty);
  out += line("Spare Devices", array.members.filter((m) => m.state === "spare").length);
  out += line("Checksum", `${hashHex(`${member.deviceUuid}${array.events}`)} - correct`);
  out += `${line("Events", memberEvents(array, member))}\n`;
  if (array.level === "raid5" || array.level === "raid6") out += line("Layout", "left-symmetric");
  if (array.chunkKb !== null) out += line("Chunk Size", `${array.chunkKb}K`);
  out += "\n      Number   Major   Minor   RaidDevice State\n";
  out += `${row090(host, "this", member)}\n`;
  const ordered = [...array.members].sort((a, b) => a.descNr - b.descNr);
  for (const m of ordered) out += row090(host, padStart(m.descNr, 4), m);
  return out;
}

function row090(host: HostModel, label: string, member: MdMember): string {
  const [major, minor] = deviceNumbers(host, member.device);
  const raidDisk = member.slot ?? member.descNr;
  const words =
    member.state === "spare" ? " spare" : member.state === "faulty" ? " faulty" : " active sync";
  return `${label} ${padStart(member.descNr, 5)}   ${padStart(major, 5)}    ${padStart(minor, 5)}    ${padStart(raidDisk, 5)}     ${words}   /dev/${member.device}\n`;
}

function memberSize(host: HostModel, kname: string): number {
  for (const disk of host.disks) {
    if (disk.name === kname) return disk.capacityBytes / 512;
    const part = disk.partitions.find((p) => p.name === kname);
    if (part) return part.sizeSectors;
  }
  return 0;
}

/**
 * /proc/mdstat as drivers/md/md.c md_seq_show() writes it, including its whitespace: after the
 * status line the kernel prints "\n      " and closes the stanza with "\n", so an array without
 * a bitmap ends in a line of six spaces (seven for an inactive one).
 *
 *   md1 : active raid10 sdd1[3] sdc1[2](F) sdb1[1] sda1[0]
 *         7813770240 blocks super 1.2 512K chunks 2 near-copies [4/3] [UU_U]
 *         [==>..................]  recovery = 12.6% (492179456/3906885120) finish=412.1min speed=138112K/sec
 *         bitmap: 9/30 pages [36KB], 65536KB chunk
 */
import { inSyncCount, syncFinishSeconds, syncPerMille } from "../build-md";
import type { DiskModel, HostModel, MdArrayModel, MdSync } from "../model";

export function renderMdstat(host: HostModel): string {
  const personalities = host.mdPersonalities.map((p) => `[${p}] `).join("");
  let out = `Personalities : ${personalities}\n`;
  for (const array of host.mdArrays) out += stanza(array, host.disks);
  return `${out}unused devices: <none>\n`;
}

function stanza(array: MdArrayModel, disks: readonly DiskModel[]): string {
  // md keeps rdevs on a list it pushes to the front of, so the newest member prints first.
  const members = [...array.members].sort((a, b) => b.descNr - a.descNr);
  const tokens = members.map((m) => {
    if (m.state === "faulty") return ` ${m.device}[${m.descNr}](F)`;
    const isSpare = m.state === "spare" || !array.isActive;
    return ` ${m.device}[${m.descNr}]${isSpare ? "(S)" : ""}`;
  });
  const head = `${array.name} : ${array.isActive ? `active ${array.level}` : "inactive"}${tokens.join("")}`;
  const superPart = array.metadata === "0.90" ? "" : ` super ${array.metadata}`;
  if (!array.isActive) {
    return `${head}\n      ${inactiveBlocks(array, disks)} blocks${superPart}\n       \n`;
  }
  let out = `${head}\n      ${array.arraySizeKb} blocks${superPart}${personalityStatus(array)}\n      `;
  if (array.sync) out += `${syncLine(array.sync)}\n      `;
  if (array.hasBitmap) out += `${bitmapLine(array)}\n`;
  return `${out}\n`;
}

/** An inactive array has no size yet; the kernel sums what its members offer. */
function inactiveBlocks(array: MdArrayModel, disks: readonly DiskModel[]): number {
  let sectors = 0;
  for (const member of array.members) {
    for (const disk of disks) {
      if (disk.name === member.device)
        sectors += disk.capacityBytes / 512 - array.dataOffsetSectors;
      const part = disk.partitions.find((p) => p.name === member.device);
      if (part) sectors += part.sizeSectors - array.dataOffsetSectors;
    }
  }
  return Math.floor(sectors / 2);
}

function personalityStatus(array: MdArrayModel): string {
  const chunk = array.chunkKb ?? 0;
  const slots = slotStatus(array);
  switch (array.level) {
    case "raid0":
      return ` ${chunk}k chunks`;
    case "raid1":
      return slots;
    case "raid10":
      return ` ${chunk}K chunks 2 near-copies${slots}`;
    case "raid5":
    case "raid6":
      return ` level ${array.level.slice(4)}, ${chunk}k chunk, algorithm 2${slots}`;
  }
}

/** ` [4/3] [UU_U]`: a slot shows U only while an in-sync member holds it. */
export function slotStatus(array: MdArrayModel): string {
  let flags = "";
  for (let slot = 0; slot < array.raidDisks; slot++) {
    const held = array.members.some((m) => m.slot === slot && m.state === "in_sync");
    flags += held ? "U" : "_";
  }
  return ` [${array.raidDisks}/${inSyncCount(array)}] [${flags}]`;
}

function syncLine(sync: MdSync): string {
  const perMille = syncPerMille(sync);
  const filled = Math.floor(perMille / 50);
  const bar = `[${"=".repeat(filled)}>${".".repeat(20 - filled)}]`;
  const percent = `${String(Math.floor(perMille / 10)).padStart(3, " ")}.${perMille % 10}%`;
  const seconds = syncFinishSeconds(sync);
  const finish = `${Math.floor(seconds / 60)}.${Math.floor((seconds % 60) / 6)}min`;
  return `${bar}  ${sync.action} =${percent} (${sync.doneKb}/${sync.totalKb}) finish=${finish} speed=${sync.speedKBps}K/sec`;
}

/** One bitmap page counts 2,048 chunks of 64 MiB; pages with dirty chunks stay loaded. */
function bitmapLine(array: MdArrayModel): string {
  const total = Math.ceil(array.usedDevSizeKb / 65536 / 2048);
  const isDirty = array.sync !== null || inSyncCount(array) < array.raidDisks;
  const used = isDirty ? Math.ceil(total * 0.3) : 0;
  return `bitmap: ${used}/${total} pages [${used * 4}KB], 65536KB chunk`;
}

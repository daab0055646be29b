import type { ArrayState, FindingDraft, HostState, MemberState } from "@holmes/core";
import { draftFor, formatMinutes, type Rule } from "../rule";
import { isDiskAtRisk } from "../smart-buckets";

/**
 * Which slots hold copies of the same data, from the level and layout alone.
 * - RAID1: every slot mirrors every other.
 * - RAID10 near=k over D devices: chunk c is written to devices (c·k + j) mod D for j < k
 *   (md/raid10.c); with D a multiple of k those are the pairs (0,1), (2,3)…, otherwise the sets
 *   overlap and rotate, which this enumeration also yields.
 * - RAID10 far=k / offset=k: each copy is shifted one device along, so the sets are windows of k
 *   adjacent devices (mod D).
 * Returns null for levels that do not mirror (parity levels are handled by their tolerance).
 */
export function mirrorSets(level: string | null, layout: string | null, raidDisks: number) {
  if (raidDisks < 1) return null;
  const slots = Array.from({ length: raidDisks }, (_, slot) => slot);
  if (level === "raid1") return [slots];
  if (level !== "raid10") return null;
  const near = Number(layout?.match(/near=(\d+)/)?.[1] ?? 1);
  const shifted = Number(layout?.match(/(?:far|offset)=(\d+)/)?.[1] ?? 1);
  const copies = Math.max(near, shifted, 1);
  if (copies === 1) return slots.map((slot) => [slot]);
  const sets = new Map<string, number[]>();
  for (const start of slots) {
    const set =
      near > 1
        ? Array.from({ length: copies }, (_, j) => (start * copies + j) % raidDisks)
        : Array.from({ length: copies }, (_, j) => (start + j) % raidDisks);
    const unique = [...new Set(set)].sort((a, b) => a - b);
    sets.set(unique.join(","), unique);
  }
  return [...sets.values()];
}

/** Failures a parity level survives. */
const PARITY_TOLERANCE: Record<string, number> = { raid4: 1, raid5: 1, raid6: 2 };

const isWorking = (member: MemberState) =>
  !member.isFaulty && !member.isSpare && member.role !== "rebuilding" && member.slot !== null;

function workingBySlot(array: ArrayState): Map<number, MemberState> {
  const bySlot = new Map<number, MemberState>();
  for (const member of array.members) {
    if (isWorking(member) && member.slot !== null) bySlot.set(member.slot, member);
  }
  return bySlot;
}

/**
 * The slots that hold an in-sync copy. mdstat's status string (`[UU_U]`, one character per slot)
 * is the kernel's own answer and holds even when `mdadm --detail` did not run, which is when a
 * member being rebuilt cannot be told from an in-sync one; the member list is the fallback.
 */
export function inSyncSlots(array: ArrayState): Set<number> {
  const status = array.statusString;
  if (status && status.length === array.raidDisks) {
    return new Set([...status].flatMap((flag, slot) => (flag === "U" ? [slot] : [])));
  }
  return new Set(workingBySlot(array).keys());
}

/** How many more member failures the array survives in its current state (null: not redundant). */
export function failuresLeft(array: ArrayState): number | null {
  const raidDisks = array.raidDisks ?? 0;
  const inSync = inSyncSlots(array);
  const sets = mirrorSets(array.level, array.layout, raidDisks);
  if (sets) {
    if (sets.every((set) => set.length < 2)) return null;
    return Math.min(...sets.map((set) => set.filter((slot) => inSync.has(slot)).length - 1));
  }
  const tolerance = PARITY_TOLERANCE[array.level ?? ""];
  if (tolerance === undefined) return null;
  const missing = raidDisks - (array.activeDisks ?? inSync.size);
  return tolerance - missing;
}

function rebuildNote(array: ArrayState): string {
  if (array.syncAction !== "recovery") return "Nothing is rebuilding.";
  if (array.syncFinishMinutes === null) return "A rebuild is running; md reports no ETA yet.";
  return `The rebuild needs about ${formatMinutes(array.syncFinishMinutes)} more.`;
}

export const redundancyExhausted: Rule = {
  id: "md.redundancy_exhausted",
  summary: "One more failure loses data",
  runbookId: "md-replace-member",
  evaluate: (state) =>
    state.arrays.flatMap((array): FindingDraft[] => {
      if (array.state === "inactive" || array.isDegradedByDesign) return [];
      const left = failuresLeft(array);
      if (left === null || left > 0) return [];
      const lost = left < 0;
      return [
        draftFor(redundancyExhausted, {
          severity: "critical",
          objectKind: "array",
          objectName: array.name,
          title: lost
            ? `${array.name} has lost more members than it can survive`
            : `${array.name}: one more failure loses data`,
          explanation: lost
            ? "More members are missing than the level tolerates, so some data has no remaining copy. Stop writes, do not re-create the array, and capture every member's superblock before any recovery step."
            : `The array has no redundancy left: if any of its remaining members fails, data is lost. ${rebuildNote(array)} Keep load off its disks and have a replacement ready.`,
          values: {
            level: array.level,
            layout: array.layout,
            devices: `${array.activeDisks ?? "?"}/${array.raidDisks ?? "?"}`,
            failuresLeft: left,
            finishMinutes: array.syncFinishMinutes,
          },
        }),
      ];
    }),
};

export const mirrorPairAtRisk: Rule = {
  id: "md.mirror_at_risk",
  summary: "Every remaining copy of a mirror is on a disk at risk",
  runbookId: "md-replace-member",
  evaluate: (state) => state.arrays.flatMap((array) => mirrorRisks(state, array)),
};

function mirrorRisks(state: HostState, array: ArrayState): FindingDraft[] {
  const sets = mirrorSets(array.level, array.layout, array.raidDisks ?? 0);
  if (!sets || array.state === "inactive") return [];
  const atRiskSerials = new Set(
    state.disks.filter(isDiskAtRisk).flatMap((disk) => (disk.serial ? [disk.serial] : [])),
  );
  const working = workingBySlot(array);
  const inSync = inSyncSlots(array);
  return sets.flatMap((set) => {
    const copies = set.filter((slot) => inSync.has(slot));
    const members = copies.flatMap((slot) => working.get(slot) ?? []);
    // A copy whose member (or disk) is unknown may be fine: say nothing rather than guess.
    if (set.length < 2 || members.length === 0 || members.length < copies.length) return [];
    const isEveryCopyAtRisk = members.every(
      (m) => m.diskSerial !== null && atRiskSerials.has(m.diskSerial),
    );
    if (!isEveryCopyAtRisk) return [];
    const serials = members.map((m) => `${m.device} (${m.diskSerial})`).join(", ");
    return [
      draftFor(mirrorPairAtRisk, {
        severity: "critical",
        objectKind: "array",
        objectName: `${array.name}/slots ${set.join("+")}`,
        title: `${array.name}: every copy in slots ${set.join(" and ")} is on a disk at risk`,
        explanation: `The data mirrored on slots ${set.join(" and ")} lives only on ${serials}, and each of those disks reports SMART trouble. Replace one of them first, one at a time, and let the rebuild finish before touching the other.`,
        values: { slots: set.join(","), members: serials },
      }),
    ];
  });
}

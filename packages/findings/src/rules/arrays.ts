import type { ArrayState, FindingDraft } from "@holmes/core";
import { draftFor, formatMinutes, type Rule } from "../rule";

const RUNBOOK_DEGRADED = "md-replace-member";

function arrayValues(array: ArrayState) {
  return {
    level: array.level,
    state: array.state,
    devices: `${array.activeDisks ?? "?"}/${array.raidDisks ?? "?"}`,
    status: array.statusString,
  };
}

/** "42.1% done at 98 MB/s, about 35 min left": what the rebuild says about itself. */
export function describeProgress(array: ArrayState): string {
  const parts = [
    array.syncPercent === null ? null : `${array.syncPercent.toFixed(1)}% done`,
    array.syncSpeedKbps === null ? null : `at ${(array.syncSpeedKbps / 1024).toFixed(0)} MB/s`,
    array.syncFinishMinutes === null
      ? null
      : `about ${formatMinutes(array.syncFinishMinutes)} left`,
  ];
  return parts.filter(Boolean).join(" ") || "progress not reported";
}

/**
 * mdstat also calls an array degraded when a faulty member is still attached but every slot is in
 * sync (`[3/3] [UUU]` after a spare took over): nothing is missing, md.member_failed tells that
 * story. Missing means a slot without an in-sync member.
 */
export function isMissingMembers(array: ArrayState): boolean {
  if (!array.degraded) return false;
  const isEverySlotInSync =
    array.raidDisks !== null &&
    array.activeDisks !== null &&
    array.activeDisks >= array.raidDisks &&
    !array.statusString?.includes("_");
  return !isEverySlotInSync;
}

/** Only recovery writes the missing member back; a resync, check or reshape does not. */
const isRebuilding = (array: ArrayState) => array.syncAction === "recovery";

export const degradedArray: Rule = {
  id: "md.degraded",
  summary: "An md array is missing members",
  runbookId: RUNBOOK_DEGRADED,
  evaluate: (state) =>
    state.arrays.flatMap((array): FindingDraft[] => {
      if (!isMissingMembers(array) || array.state === "inactive") return [];
      const base = { objectKind: "array", objectName: array.name, values: arrayValues(array) };
      if (array.isDegradedByDesign) {
        return [
          draftFor(degradedArray, {
            ...base,
            objectKind: "array",
            severity: "info",
            title: `${array.name} is degraded by design`,
            explanation:
              "A responder marked this array as degraded on purpose, so it is not an alert. Clear the mark once the missing member is added.",
          }),
        ];
      }
      if (isRebuilding(array)) {
        return [
          draftFor(degradedArray, {
            ...base,
            objectKind: "array",
            severity: "warning",
            title: `${array.name} is degraded and rebuilding (${describeProgress(array)})`,
            explanation:
              "A member is missing and md is rebuilding onto a replacement. Until it finishes the array has less redundancy than designed: avoid extra load on its disks and watch the other members' SMART data.",
            values: {
              ...arrayValues(array),
              percent: array.syncPercent,
              speedKBps: array.syncSpeedKbps,
              finishMinutes: array.syncFinishMinutes,
            },
          }),
        ];
      }
      return [
        draftFor(degradedArray, {
          ...base,
          objectKind: "array",
          severity: "critical",
          title: `${array.name} is degraded and not rebuilding`,
          explanation:
            "A member is missing and nothing is rebuilding. Add a replacement disk (or a hot spare) so md can restore redundancy; until then the array runs with less protection than designed.",
        }),
      ];
    }),
};

export const failedMember: Rule = {
  id: "md.member_failed",
  summary: "A member of an md array is marked faulty",
  runbookId: "md-replace-member",
  evaluate: (state) =>
    state.arrays.flatMap((array) =>
      array.members
        .filter((member) => member.isFaulty)
        .map((member) =>
          draftFor(failedMember, {
            severity: "warning",
            objectKind: "member",
            objectName: `${array.name}/${member.device}`,
            title: `${member.device} failed in ${array.name}${member.diskSerial ? ` (serial ${member.diskSerial})` : ""}`,
            explanation:
              "md marked this member faulty and stopped using it. Identify the disk by its serial (drive letters move between boots), check its SMART data, then remove it from the array and replace it.",
            values: {
              array: array.name,
              device: member.device,
              slot: member.slot,
              serial: member.diskSerial,
            },
          }),
        ),
    ),
};

export const inactiveArray: Rule = {
  id: "md.inactive",
  summary: "An md array is assembled but inactive",
  runbookId: "md-create-busy",
  evaluate: (state) =>
    state.arrays
      .filter((array) => array.state === "inactive")
      .map((array) =>
        draftFor(inactiveArray, {
          severity: "critical",
          objectKind: "array",
          objectName: array.name,
          title: `${array.name} is inactive`,
          explanation:
            "The kernel holds these devices in an array that is not running, so their data is not reachable and the devices are busy. This often happens when udev auto-assembles members while another array is being created (md127). Do not zero or re-create anything: compare the members' superblocks first.",
          values: {
            ...arrayValues(array),
            members: array.members.map((m) => m.device).join(" "),
          },
        }),
      ),
};

export const splitArray: Rule = {
  id: "md.split_uuid",
  summary: "One array UUID is spread over several md devices",
  runbookId: "md-create-busy",
  evaluate: (state) => {
    const byUuid = new Map<string, ArrayState[]>();
    for (const array of state.arrays) {
      if (!array.uuid) continue;
      byUuid.set(array.uuid, [...(byUuid.get(array.uuid) ?? []), array]);
    }
    return [...byUuid.entries()]
      .filter(([, arrays]) => arrays.length > 1)
      .map(([uuid, arrays]) => {
        const names = arrays.map((a) => a.name).sort();
        return draftFor(splitArray, {
          severity: "critical",
          objectKind: "array",
          objectName: names[0] ?? uuid,
          title: `Array ${uuid} is split across ${names.join(" and ")}`,
          explanation:
            "The same array UUID was assembled as more than one md device, so each holds only some of the members (typically md0 plus an inactive md127 holding the rest as spares). Stop the partial device and re-assemble from all members; never --create over them.",
          values: {
            uuid,
            devices: names.join(" "),
            states: arrays.map((a) => `${a.name}:${a.state}`).join(" "),
          },
        });
      });
  },
};

export const syncRunning: Rule = {
  id: "md.sync_running",
  summary: "A resync, check, repair or reshape is running",
  runbookId: null,
  evaluate: (state) =>
    state.arrays
      // The rebuild of a degraded array is part of md.degraded's finding, not news of its own.
      .filter(
        (array) => array.syncAction !== null && !(isRebuilding(array) && isMissingMembers(array)),
      )
      .map((array) =>
        draftFor(syncRunning, {
          severity: "info",
          objectKind: "array",
          objectName: array.name,
          title: `${array.name}: ${array.syncAction} running (${describeProgress(array)})`,
          explanation:
            "md is reading (and for resync, repair and reshape, writing) the whole array. I/O on its disks is slower until it finishes; a reshape must not be interrupted by a reboot on old kernels.",
          values: {
            action: array.syncAction,
            percent: array.syncPercent,
            speedKBps: array.syncSpeedKbps,
            finishMinutes: array.syncFinishMinutes,
          },
        }),
      ),
};

import type { DiskState, FindingDraft, SmartNvmeCriticalWarningBits } from "@holmes/core";
import { draftFor, type Rule } from "../rule";

const WARNING_BIT_WORDS: Record<keyof SmartNvmeCriticalWarningBits, string> = {
  availableSpareLow: "available spare below threshold",
  temperature: "temperature outside its limits",
  reliabilityDegraded: "reliability degraded by media or internal errors",
  readOnly: "media placed in read-only mode",
  volatileMemoryBackupFailed: "volatile memory backup failed",
  persistentMemoryRegionUnreliable: "persistent memory region unreliable",
};

const nvmeDisks = (disks: DiskState[]) =>
  disks.filter((disk) => disk.nvme !== null && !disk.isStandby);

const identity = (disk: DiskState) => ({ model: disk.model, serial: disk.serial });

export const nvmeCriticalWarning: Rule = {
  id: "disk.nvme_critical_warning",
  summary: "NVMe critical warning bits set",
  runbookId: "md-replace-member",
  evaluate: (state) =>
    nvmeDisks(state.disks).flatMap((disk): FindingDraft[] => {
      const warning = disk.nvme?.criticalWarning ?? 0;
      if (warning === 0) return [];
      const bits = disk.nvme?.criticalWarningBits;
      const words = bits
        ? (Object.keys(WARNING_BIT_WORDS) as (keyof SmartNvmeCriticalWarningBits)[])
            .filter((bit) => bits[bit])
            .map((bit) => WARNING_BIT_WORDS[bit])
        : [];
      return [
        draftFor(nvmeCriticalWarning, {
          severity: "critical",
          objectKind: "disk",
          objectName: disk.name,
          title: `${disk.name}: NVMe critical warning (${words.join("; ") || `0x${warning.toString(16)}`})`,
          explanation:
            "The controller raised a critical warning about itself. Read-only mode and degraded reliability mean the drive is at its end: move data off and replace it.",
          values: { ...identity(disk), criticalWarning: warning },
        }),
      ];
    }),
};

export const nvmeMediaErrors: Rule = {
  id: "disk.nvme_media_errors",
  summary: "NVMe media and data integrity errors",
  runbookId: "md-replace-member",
  evaluate: (state) =>
    nvmeDisks(state.disks).flatMap((disk): FindingDraft[] => {
      const errors = disk.nvme?.mediaErrors ?? 0;
      if (!(errors > 0)) return [];
      const previous = disk.previousCounters?.nvmeMediaErrors ?? null;
      const isRising = previous !== null && errors > previous;
      return [
        draftFor(nvmeMediaErrors, {
          severity: "warning",
          objectKind: "disk",
          objectName: disk.name,
          title: `${disk.name}: ${errors} media errors${isRising ? ` (up from ${previous})` : ""}`,
          explanation:
            "The controller found data it could not recover. Any non-zero count deserves a look at the affected files; a rising count means the flash is failing.",
          values: { ...identity(disk), mediaErrors: errors, previous },
        }),
      ];
    }),
};

export const nvmeWear: Rule = {
  id: "disk.nvme_wear",
  summary: "NVMe percentage used at or above the threshold, or spare below its threshold",
  runbookId: "md-replace-member",
  evaluate: (state, settings) =>
    nvmeDisks(state.disks).flatMap((disk): FindingDraft[] => {
      const used = disk.nvme?.percentageUsed ?? null;
      const spare = disk.nvme?.availableSpare ?? null;
      const spareThreshold = disk.nvme?.availableSpareThreshold ?? null;
      const isSpareLow = spare !== null && spareThreshold !== null && spare < spareThreshold;
      const isWornOut = used !== null && used >= settings.nvmePercentageUsedWarning;
      if (!isSpareLow && !isWornOut) return [];
      return [
        draftFor(nvmeWear, {
          severity: isSpareLow ? "critical" : "warning",
          objectKind: "disk",
          objectName: disk.name,
          title: isSpareLow
            ? `${disk.name}: available spare ${spare}% below threshold ${spareThreshold}%`
            : `${disk.name}: ${used}% of rated endurance used`,
          explanation:
            "Flash wears out with writes. Past its rated endurance or out of spare blocks, the drive may turn read-only or fail. Order a replacement and move write-heavy work off it.",
          values: {
            ...identity(disk),
            percentageUsed: used,
            availableSpare: spare,
            spareThreshold,
          },
        }),
      ];
    }),
};

export const diskReplaced: Rule = {
  id: "disk.replaced",
  summary: "A different disk (by serial) now sits in an array slot",
  runbookId: null,
  evaluate: (state, settings) => {
    const since = state.now.getTime() - settings.recentWindowHours * 3_600_000;
    return state.slotChanges
      .filter((change) => change.changedAt.getTime() >= since)
      .map((change) =>
        draftFor(diskReplaced, {
          severity: "info",
          objectKind: "member",
          objectName: `${change.arrayName}/slot ${change.slot}`,
          title: `Slot ${change.slot} of ${change.arrayName}: serial ${change.previousSerial} → ${change.serial}`,
          explanation:
            "A different physical disk now holds this slot. Expected after a replacement; if nobody replaced a disk, check the cabling and the evidence of which disk belongs where before any rebuild.",
          values: {
            array: change.arrayName,
            slot: change.slot,
            previousSerial: change.previousSerial,
            serial: change.serial,
            changedAt: change.changedAt.toISOString(),
          },
        }),
      );
  },
};

import type { FindingDraft } from "@holmes/core";
import { draftFor, type Rule } from "../rule";

/** "2.6.18-419.el5" → [2, 6, 18]; null when the release does not start with a version. */
export function kernelVersion(release: string | null): number[] | null {
  const match = release?.match(/^(\d+)\.(\d+)(?:\.(\d+))?/);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function isOlderThan(version: number[], than: number[]): boolean {
  for (let i = 0; i < than.length; i++) {
    const a = version[i] ?? 0;
    const b = than[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

/** md learned to reshape RAID6 (grow by adding devices) in Linux 2.6.21. */
const RAID6_RESHAPE_SINCE = [2, 6, 21];

export const raid6GrowUnsupported: Rule = {
  id: "capability.raid6_grow",
  summary: "A RAID6 array on a kernel too old to grow it (< 2.6.21)",
  runbookId: "md-grow-raid6",
  evaluate: (state): FindingDraft[] => {
    const version = kernelVersion(state.host.kernelRelease);
    if (!version || !isOlderThan(version, RAID6_RESHAPE_SINCE)) return [];
    return state.arrays
      .filter((array) => array.level === "raid6")
      .map((array) =>
        draftFor(raid6GrowUnsupported, {
          severity: "warning",
          objectKind: "array",
          objectName: array.name,
          title: `${array.name} cannot be grown on kernel ${state.host.kernelRelease}`,
          explanation:
            "RAID6 reshape arrived in Linux 2.6.21. On this kernel `mdadm --grow` fails with 'Cannot set device size/shape … Invalid argument'. Plan a kernel upgrade (or a new array and a copy) before capacity runs out, not during.",
          values: { kernel: state.host.kernelRelease, level: array.level },
        }),
      );
  },
};

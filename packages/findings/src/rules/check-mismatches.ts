import type { FindingDraft, HostState } from "@holmes/core";
import { draftFor, type Rule } from "../rule";

/**
 * mdadm --monitor reports the end of a check (Monitor.c): "RebuildFinished event detected on md
 * device /dev/md0, component device mismatches found: 128 (on raid level 10)". The count is
 * md's mismatch_cnt, in sectors.
 */
const FINISHED =
  /RebuildFinished event detected on md device \/dev\/(\S+?),.*mismatches found: (\d+)(?: \(on raid level (\d+)\))?/;

export function parseCheckResult(line: string) {
  const match = FINISHED.exec(line);
  if (!match?.[1] || match[2] === undefined) return null;
  return {
    array: match[1].replace(/^md\//, "md"),
    mismatches: Number(match[2]),
    level: match[3] === undefined ? null : `raid${match[3]}`,
  };
}

const MIRRORED = new Set(["raid1", "raid10"]);

export const checkMismatches: Rule = {
  id: "md.check_mismatches",
  summary: "A check of an md array ended with mismatches",
  runbookId: null,
  evaluate: (state: HostState) => {
    const latest = new Map<string, { mismatches: number; level: string | null; line: string }>();
    for (const event of state.kernelEvents) {
      const result = parseCheckResult(event.rawLine);
      if (result) latest.set(result.array, { ...result, line: event.rawLine });
    }
    return [...latest.entries()].flatMap(([array, result]): FindingDraft[] => {
      if (result.mismatches === 0) return [];
      const level = state.arrays.find((a) => a.name === array)?.level ?? result.level;
      const isMirror = level !== null && MIRRORED.has(level);
      return [
        draftFor(checkMismatches, {
          severity: isMirror ? "info" : "warning",
          objectKind: "array",
          objectName: array,
          title: `${array}: check found ${result.mismatches} mismatched sectors`,
          explanation: isMirror
            ? "On RAID1/RAID10 a small count is usually harmless: pages of swap or of O_DIRECT writes changed while md wrote the copies, and those blocks are never read back. Only a count that keeps growing, on an array without swap, deserves a repair and a look at the members' SMART data."
            : "On a parity array a mismatch means a stripe's data and parity disagree: one of them is wrong, and a rebuild would use whichever is there. Find out why (SMART, cabling, an unclean shutdown) before running `echo repair` on it.",
          values: { mismatches: result.mismatches, level },
          lines: [result.line],
        }),
      ];
    });
  },
};

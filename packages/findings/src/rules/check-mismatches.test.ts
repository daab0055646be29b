import { describe, expect, it } from "vitest";
import { array, hostState, kernelEvent, run, single } from "../testing/host-state";
import { checkMismatches, parseCheckResult } from "./check-mismatches";

const finished = (device: string, count: number, level?: number) =>
  kernelEvent("mdadm_event", {
    rawLine: `Nov 22 03:10:02 stor-a03 mdadm[812]: RebuildFinished event detected on md device /dev/${device}, component device  mismatches found: ${count}${level === undefined ? "" : ` (on raid level ${level})`}`,
  });

describe("md.check_mismatches", () => {
  it("reads mdadm's RebuildFinished line", () => {
    expect(parseCheckResult(finished("md/0", 128, 10).rawLine)).toEqual({
      array: "md0",
      mismatches: 128,
      level: "raid10",
    });
    expect(parseCheckResult("md: data-check of RAID array md0 done")).toBeNull();
  });

  it("is a warning on a parity array", () => {
    const state = hostState({
      arrays: [array({ name: "md1", level: "raid6" })],
      kernelEvents: [finished("md1", 2048)],
    });
    expect(single(run(checkMismatches, state))).toMatchObject({
      severity: "warning",
      objectName: "md1",
      title: "md1: check found 2048 mismatched sectors",
    });
  });

  it("is only info on a mirror, explaining the swap-like noise", () => {
    const state = hostState({ kernelEvents: [finished("md0", 128, 1)] });
    const finding = single(run(checkMismatches, state));
    expect(finding.severity).toBe("info");
    expect(finding.explanation).toContain("swap");
  });

  it("says nothing for a clean check, and the latest check wins", () => {
    expect(run(checkMismatches, hostState({ kernelEvents: [finished("md1", 0, 6)] }))).toEqual([]);
    const state = hostState({ kernelEvents: [finished("md1", 64, 6), finished("md1", 0, 6)] });
    expect(run(checkMismatches, state)).toEqual([]);
  });
});

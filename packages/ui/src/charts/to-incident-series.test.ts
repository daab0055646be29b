import { describe, expect, it } from "vitest";
import {
  formatDuration,
  monthsBetween,
  toIncidentsPerMonth,
  toMttSeries,
} from "./to-incident-series";

const month = (m: number) => new Date(Date.UTC(2026, m, 1));
const window = { from: month(0), to: month(3) };
const bucket = (m: number, severity: number, over: Partial<Record<string, number>> = {}) => ({
  month: month(m),
  severity,
  count: 1,
  acknowledgedCount: 0,
  ackSeconds: 0,
  resolvedCount: 0,
  resolveSeconds: 0,
  ...over,
});

describe("monthsBetween", () => {
  it("lists every UTC month in the window, end excluded, across a year boundary", () => {
    expect(monthsBetween(new Date(Date.UTC(2025, 10, 1)), month(1))).toEqual([
      { key: "2025-11", label: "Nov 25" },
      { key: "2025-12", label: "Dec 25" },
      { key: "2026-01", label: "Jan 26" },
    ]);
  });
});

describe("toIncidentsPerMonth", () => {
  it("stacks severities per month and keeps empty months as zero bars", () => {
    const rows = toIncidentsPerMonth(
      [bucket(0, 1, { count: 2 }), bucket(0, 3, { count: 4 }), bucket(2, 4)],
      window,
    );
    expect(rows).toEqual([
      { month: "2026-01", label: "Jan 26", total: 6, sev1: 2, sev2: 0, sev3: 4, sev4: 0 },
      { month: "2026-02", label: "Feb 26", total: 0, sev1: 0, sev2: 0, sev3: 0, sev4: 0 },
      { month: "2026-03", label: "Mar 26", total: 1, sev1: 0, sev2: 0, sev3: 0, sev4: 1 },
    ]);
  });

  it("accepts months as ISO strings (plain JSON) and ignores buckets outside the window", () => {
    const rows = toIncidentsPerMonth(
      [{ ...bucket(1, 2), month: month(1).toISOString() }, bucket(5, 2)],
      window,
    );
    expect(rows.map((r) => r.sev2)).toEqual([0, 1, 0]);
  });
});

describe("toMttSeries", () => {
  it("weights each severity's mean by its count, in minutes", () => {
    const [jan] = toMttSeries(
      [
        // SEV1: 3 acknowledged after 2 min each; SEV3: 1 acknowledged after 10 min.
        bucket(0, 1, { count: 3, acknowledgedCount: 3, ackSeconds: 360 }),
        bucket(0, 3, { count: 1, acknowledgedCount: 1, ackSeconds: 600 }),
        bucket(0, 3, { count: 1, resolvedCount: 1, resolveSeconds: 7_200 }),
      ],
      window,
    );
    expect(jan?.mtta).toBe(4); // (360 + 600) s / 4 / 60, not the mean of the means (6)
    expect(jan?.mttr).toBe(120);
  });

  it("gives null (a gap) for months with nothing acknowledged or resolved", () => {
    const rows = toMttSeries([bucket(0, 2, { acknowledgedCount: 1, ackSeconds: 60 })], window);
    expect(rows.map((r) => [r.mtta, r.mttr])).toEqual([
      [1, null],
      [null, null],
      [null, null],
    ]);
  });
});

describe("formatDuration", () => {
  it.each([
    [12, "12 s"],
    [90, "2 min"],
    [3_600 * 3.5, "3.5 h"],
    [3_600 * 14, "14 h"],
    [86_400 * 2, "2 d"],
    [-5, "0 s"],
  ])("%d s → %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

import { describe, expect, it } from "vitest";
import { hostHealth } from "./health";

const now = new Date("2026-06-01T03:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const staleAfterMs = 3 * 60_000;

describe("hostHealth", () => {
  it.each([
    ["critical", minutesAgo(1), "critical"],
    ["critical", minutesAgo(60), "critical"],
    ["warning", minutesAgo(1), "warning"],
    ["warning", minutesAgo(60), "stale"],
    ["info", minutesAgo(1), "healthy"],
    [null, minutesAgo(1), "healthy"],
    [null, minutesAgo(4), "stale"],
    [null, null, "unknown"],
    ["warning", null, "warning"],
  ] as const)("worst %s, last success %s → %s", (worstSeverity, lastSuccessAt, expected) => {
    expect(hostHealth({ worstSeverity, lastSuccessAt, now, staleAfterMs })).toBe(expected);
  });
});

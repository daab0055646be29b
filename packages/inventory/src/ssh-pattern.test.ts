import { describe, expect, it } from "vitest";
import { matchPattern, matchPatternList } from "./ssh-pattern";

describe("matchPattern", () => {
  it.each([
    ["stor-01", "stor-*", true],
    ["stor-01", "stor-?1", true],
    ["stor-01", "stor-?", false],
    ["stor-01", "*", true],
    ["", "*", true],
    ["STOR-01", "stor-0*", true],
    ["a.b.c", "*.c", true],
    ["abc", "a*b*c*", true],
    ["abd", "a*b*c", false],
  ])("%s ~ %s is %s", (text, pattern, expected) => {
    expect(matchPattern(text, pattern)).toBe(expected);
  });

  it("stays fast on patterns that make naive backtracking explode", () => {
    const started = performance.now();
    expect(matchPattern("a".repeat(5000), `${"*a".repeat(50)}b`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("matchPatternList", () => {
  it("lets a matching negation win over any positive match", () => {
    expect(matchPatternList("stor-test", ["stor-*", "!stor-test"])).toBe(false);
    expect(matchPatternList("stor-1", ["stor-*", "!stor-test"])).toBe(true);
    expect(matchPatternList("x", ["!y"])).toBe(false);
  });
});

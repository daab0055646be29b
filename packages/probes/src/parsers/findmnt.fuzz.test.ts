import { MountEntrySchema } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testEnv } from "../testing/env";
import {
  fixture,
  fixtureNames,
  hasSharedFixtures,
  ownFixture,
  ownFixtureNames,
} from "../testing/fixtures";
import { parseFindmnt } from "./findmnt";

// 100,000 generated inputs in CI across the properties below (25k+25k+15k+5k+15k+15k).
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT = 60_000;
const ResultSchema = z.array(MountEntrySchema);

const corpus = [
  ...ownFixtureNames("findmnt").map((name) => ownFixture(`findmnt/${name}`)),
  ...(hasSharedFixtures("findmnt fuzz corpus")
    ? [...fixtureNames("findmnt").map((name) => fixture(`findmnt/${name}`))]
    : []),
];

/** Words the format is made of, so random lines get past the first checks. */
const TOKENS = [
  "TARGET",
  "SOURCE",
  "FSTYPE",
  "OPTIONS",
  "ID",
  "PARENT",
  "MAJ:MIN",
  "├─",
  "│ ",
  "└─",
  "|-",
  "`-",
  "/",
  "/mnt/x",
  "/dev/sda1[/sub]",
  "[fd00::1]:/e",
  "nfs4",
  "xfs",
  "rw,soft,vers=3",
  "\\x20",
  'TARGET="/x"',
  'FSTYPE="nfs"',
  "{",
  "}",
  '"filesystems":',
  '"children": [',
  "null",
  ",",
  "  ",
];

const sample = fc.constantFrom(...corpus);
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ maxLength: 400 }));
const garbageLine = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((words) => words.join(" ")),
);

function check(input: string): boolean {
  const result = parseFindmnt(input);
  return !result.ok || ResultSchema.safeParse(result.value).success;
}

function count(input: string): number {
  const result = parseFindmnt(input);
  return result.ok ? result.value.length : Number.POSITIVE_INFINITY;
}

describe("parseFindmnt fuzz", () => {
  it("never throws on arbitrary text and only returns schema-valid results", {
    timeout: TIMEOUT,
  }, () => {
    fc.assert(fc.property(text, check), runs(25_000));
  });

  it("never throws on lines built from the format's own words", { timeout: TIMEOUT }, () => {
    const soup = fc.array(garbageLine, { maxLength: 12 }).map((lines) => lines.join("\n"));
    fc.assert(fc.property(soup, check), runs(25_000));
  });

  it("a truncated capture fails or yields no more entries than the whole", {
    timeout: TIMEOUT,
  }, () => {
    const wholeCounts = new Map(corpus.map((whole) => [whole, count(whole)] as const));
    const cut = sample.chain((whole) =>
      fc.nat({ max: whole.length }).map((n) => [whole, n] as const),
    );
    fc.assert(
      fc.property(cut, ([whole, n]) => {
        const part = parseFindmnt(whole.slice(0, n));
        if (!part.ok) return true;
        const limit = wholeCounts.get(whole) ?? Number.POSITIVE_INFINITY;
        return ResultSchema.safeParse(part.value).success && part.value.length <= limit;
      }),
      runs(15_000),
    );
  });

  it("CRLF line endings change nothing", { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(sample, fc.nat(), (whole, n) => {
        const cut = whole.slice(0, n % (whole.length + 1));
        const lf = parseFindmnt(cut);
        const crlf = parseFindmnt(cut.replaceAll("\n", "\r\n"));
        if (lf.ok && crlf.ok) expect(crlf.value).toEqual(lf.value);
        // JSON error texts quote byte offsets, which CRLF shifts; the line must still agree.
        else if (!lf.ok && !crlf.ok) expect(crlf.error.line).toBe(lf.error.line);
        else expect(crlf.ok).toBe(lf.ok);
      }),
      runs(5_000),
    );
  });

  it("never throws with garbage lines injected", { timeout: TIMEOUT }, () => {
    const injected = fc
      .tuple(sample, fc.array(fc.tuple(fc.nat(), garbageLine), { minLength: 1, maxLength: 4 }))
      .map(([whole, inserts]) => {
        const lines = whole.split("\n");
        for (const [at, line] of inserts) lines.splice(at % (lines.length + 1), 0, line);
        return lines.join("\n");
      });
    fc.assert(fc.property(injected, check), runs(15_000));
  });

  it("never throws with lines shuffled, dropped or duplicated", { timeout: TIMEOUT }, () => {
    const reordered = sample.chain((whole) => {
      const lines = whole.split("\n");
      return fc
        .array(fc.nat({ max: lines.length - 1 }), { maxLength: lines.length * 2 })
        .map((picks) => picks.map((i) => lines[i] ?? "").join("\n"));
    });
    fc.assert(fc.property(reordered, check), runs(15_000));
  });
});

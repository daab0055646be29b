import { MountstatsReportSchema } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testEnv } from "../testing/env";
import {
  fixture,
  fixtureNames,
  hasSharedFixtures,
  ownFixture,
  ownFixtureNames,
} from "../testing/fixtures";
import { parseMountstats } from "./mountstats";

// 100,000 generated inputs in CI across the properties below (25k+25k+15k+5k+15k+15k).
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT = 60_000;
const ResultSchema = MountstatsReportSchema;

const corpus = [
  ...ownFixtureNames("mountstats").map((name) => ownFixture(`mountstats/${name}`)),
  ...(hasSharedFixtures("mountstats fuzz corpus")
    ? [...fixtureNames("mountstats").map((name) => fixture(`mountstats/${name}`))]
    : []),
];

/** Words the format is made of, so random lines get past the first checks. */
const TOKENS = [
  "device",
  "no device",
  "s:/x",
  "mounted on",
  "/mnt",
  "with fstype",
  "nfs4",
  "statvers=1.1",
  "\topts:",
  "rw,vers=4.1,soft",
  "age:",
  "events:",
  "bytes:",
  "xprt:",
  "tcp",
  "udp",
  "rdma",
  "local",
  "per-op statistics",
  "READ:",
  "WRITE:",
  "RPC iostats version:",
  "1",
  "0",
  "18446744073709551615",
  "9007199254740993",
  "18446744073709551616",
  "-1",
  "\t",
];

const sample = fc.constantFrom(...corpus);
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ maxLength: 400 }));
const garbageLine = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((words) => words.join(" ")),
);

function check(input: string): boolean {
  const result = parseMountstats(input);
  return !result.ok || ResultSchema.safeParse(result.value).success;
}

function count(input: string): number {
  const result = parseMountstats(input);
  return result.ok ? result.value.mounts.length : Number.POSITIVE_INFINITY;
}

describe("parseMountstats fuzz", () => {
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
        const part = parseMountstats(whole.slice(0, n));
        if (!part.ok) return true;
        const limit = wholeCounts.get(whole) ?? Number.POSITIVE_INFINITY;
        return ResultSchema.safeParse(part.value).success && part.value.mounts.length <= limit;
      }),
      runs(15_000),
    );
  });

  it("CRLF line endings change nothing", { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(sample, fc.nat(), (whole, n) => {
        const cut = whole.slice(0, n % (whole.length + 1));
        const lf = parseMountstats(cut);
        const crlf = parseMountstats(cut.replaceAll("\n", "\r\n"));
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

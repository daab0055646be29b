import { VgMetadataSchema } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testEnv } from "../testing/env";
import { ownFixture, ownFixtureNames } from "../testing/fixtures";
import { parseVgcfgbackup } from "./lvm";

// 100,000 generated inputs in CI (20k + 40k + 25k + 15k), a twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

// vgcfgbackup files are only in the project's own fixtures (no licensed real capture exists).
const corpus = ownFixtureNames("vgcfgbackup").map((name) => ownFixture(`vgcfgbackup/${name}`));

function isSound(text: string): boolean {
  const result = parseVgcfgbackup(text);
  return !result.ok || VgMetadataSchema.safeParse(result.value).success;
}

/** Line-level damage a copy/paste or a broken pipe does to a capture. */
const lineMutation = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("crlf" as const) }),
  fc.record({
    kind: fc.constant("inject" as const),
    at: fc.nat(),
    line: fc.string({ maxLength: 60 }),
  }),
  fc.record({
    kind: fc.constant("shuffle" as const),
    swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    times: fc.integer({ min: 1, max: 3 }),
  }),
);

function mutateLines(
  text: string,
  m: typeof lineMutation extends fc.Arbitrary<infer T> ? T : never,
) {
  if (m.kind === "truncate") return text.slice(0, m.at % (text.length + 1));
  if (m.kind === "crlf") return text.replaceAll("\n", "\r\n");
  const lines = text.split("\n");
  if (m.kind === "inject") lines.splice(m.at % (lines.length + 1), 0, m.line);
  if (m.kind === "duplicate") {
    const i = m.at % lines.length;
    lines.splice(i, 0, ...Array<string>(m.times).fill(lines[i] ?? ""));
  }
  if (m.kind === "shuffle") {
    for (const [a, b] of m.swaps) {
      const [i, j] = [a % lines.length, b % lines.length];
      [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
    }
  }
  return lines.join("\n");
}

// Random token streams in the metadata vocabulary: names, braces, values, comments.
const TOKENS = [
  "vg0",
  "{",
  "}",
  "=",
  "[",
  "]",
  ",",
  "id",
  "seqno",
  "extent_size",
  "physical_volumes",
  "pv0",
  "logical_volumes",
  "segment1",
  "stripes",
  "raids",
  "flags",
  "status",
  '"pv0"',
  '"MISSING"',
  "0",
  "7",
  "-1",
  "1.5",
  "99999999999999999999",
  '"a\\"b"',
  '"',
  "#",
  "\n",
  "\t",
  "\u00a0",
];
const shapedConfig = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((tokens) => tokens.join(" "));

describe("parseVgcfgbackup under fuzzing", () => {
  it("never throws on arbitrary text", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), isSound), runs(20_000));
  });

  it("never throws on random token streams of the config syntax", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(shapedConfig, isSound), runs(40_000));
  });

  it("survives damaged backups (truncated, CRLF, injected, shuffled, duplicated lines)", {
    timeout: TIMEOUT_MS,
  }, () => {
    const damaged = fc
      .tuple(fc.constantFrom(...corpus), lineMutation)
      .map(([t, m]) => mutateLines(t, m));
    fc.assert(fc.property(damaged, isSound), runs(25_000));
  });

  it("reads a truncated backup as a failure or as at most the original LVs", {
    timeout: TIMEOUT_MS,
  }, () => {
    const cut = fc
      .tuple(fc.constantFrom(...corpus), fc.nat())
      .map(([t, at]) => [t, t.slice(0, at % (t.length + 1))] as const);
    fc.assert(
      fc.property(cut, ([full, part]) => {
        const whole = parseVgcfgbackup(full);
        const result = parseVgcfgbackup(part);
        if (!result.ok || !whole.ok) return true;
        return result.value.lvs.length <= whole.value.lvs.length;
      }),
      runs(15_000),
    );
  });

  it("reads every backup identically with CRLF line endings", () => {
    for (const text of corpus) {
      expect(parseVgcfgbackup(text.replaceAll("\n", "\r\n"))).toEqual(parseVgcfgbackup(text));
    }
  });
});

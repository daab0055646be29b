import { MdadmScanSchema } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testEnv } from "../testing/env";
import { ownFixture, ownFixtureNames } from "../testing/fixtures";
import { parseMdadmDetailScan } from "./mdadm-detail";

// 100,000 generated inputs in CI (30k + 30k + 30k + 10k), a twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

// The shared corpus has no --detail --scan captures; the own fixtures are the real-format input.
const corpus = ownFixtureNames("mdadm-detail-scan").map((name) =>
  ownFixture(`mdadm-detail-scan/${name}`),
);
const valid = corpus.filter((text) => parseMdadmDetailScan(text).ok);

const TOKENS = [
  "ARRAY",
  "INACTIVE-ARRAY",
  "/dev/md0",
  "/dev/md/root",
  "metadata=1.2",
  "metadata=imsm",
  "level=raid1",
  "num-devices=2",
  "num-devices=x",
  "spares=1",
  "spares=99999999999999999999",
  "name=host:0",
  'name="a b"',
  "name='c d'",
  'name="open',
  "UUID=3aaa0122:29827cfa:5331ad66:ca767371",
  "container=/dev/md/imsm0",
  "member=0",
  "bitmap=/b",
  "devices=/dev/sda,/dev/sdb",
  "devices=,,",
  "__proto__=x",
  "constructor=y",
  "=",
  "key=",
  "   ",
  "\t",
];
const tokenLine = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 10 })
  .map((tokens) => tokens.join(" "));
const garbageLine = fc.oneof(fc.string({ maxLength: 60 }), tokenLine);

type Mutation =
  | { kind: "truncate" | "duplicate" | "delete"; at: number }
  | { kind: "crlf" }
  | { kind: "inject"; at: number; line: string }
  | { kind: "shuffle"; keys: number[] }
  | { kind: "flip"; at: number; char: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("truncate", "duplicate", "delete"), at: fc.nat() }),
  fc.record({ kind: fc.constant("crlf") }),
  fc.record({ kind: fc.constant("inject"), at: fc.nat(), line: garbageLine }),
  fc.record({ kind: fc.constant("shuffle"), keys: fc.array(fc.nat(), { minLength: 1 }) }),
  fc.record({
    kind: fc.constant("flip"),
    at: fc.nat(),
    char: fc.string({ minLength: 1, maxLength: 1 }),
  }),
) as fc.Arbitrary<Mutation>;

function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const at = "at" in m ? m.at % Math.max(1, lines.length) : 0;
  switch (m.kind) {
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
    case "crlf":
      return text.replace(/\n/g, "\r\n");
    case "inject":
      lines.splice(at, 0, m.line);
      return lines.join("\n");
    case "duplicate":
      lines.splice(at, 0, lines[at] ?? "");
      return lines.join("\n");
    case "delete":
      lines.splice(at, 1);
      return lines.join("\n");
    case "shuffle":
      return lines
        .map((line, i) => ({ line, key: m.keys[i % m.keys.length] ?? 0 }))
        .sort((a, b) => a.key - b.key)
        .map((entry) => entry.line)
        .join("\n");
    case "flip": {
      const index = m.at % Math.max(1, text.length);
      return text.slice(0, index) + m.char + text.slice(index + 1);
    }
  }
}

/** Never throws, and every ok value satisfies the schema. */
function holds(text: string): boolean {
  const result = parseMdadmDetailScan(text);
  return !result.ok || MdadmScanSchema.safeParse(result.value).success;
}

describe("parseMdadmDetailScan fuzz", () => {
  it("survives arbitrary strings", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), holds), runs(30_000));
  });

  it("survives soups of ARRAY tokens", { timeout: TIMEOUT_MS }, () => {
    const soup = fc.array(tokenLine, { maxLength: 12 }).map((lines) => lines.join("\n"));
    fc.assert(fc.property(soup, holds), runs(30_000));
  });

  it("survives mutated captures", { timeout: TIMEOUT_MS }, () => {
    const input = fc.tuple(
      fc.constantFrom(...corpus),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
    );
    fc.assert(
      fc.property(input, ([text, mutations]) => holds(mutations.reduce(mutate, text))),
      runs(30_000),
    );
  });

  it("reads CRLF and trailing whitespace exactly like the original", {
    timeout: TIMEOUT_MS,
  }, () => {
    const pad = fc.array(fc.constantFrom("", " ", "\t", "  "), { minLength: 1 });
    fc.assert(
      fc.property(fc.constantFrom(...valid), pad, (text, pads) => {
        const noisy = text
          .split("\n")
          .map((line, i) => line + (pads[i % pads.length] ?? ""))
          .join("\r\n");
        expect(parseMdadmDetailScan(noisy)).toEqual(parseMdadmDetailScan(text));
      }),
      runs(10_000),
    );
  });
});

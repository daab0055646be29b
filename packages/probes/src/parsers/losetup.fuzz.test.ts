import { LoopDeviceListSchema } from "@holmes/core";
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
import { parseLosetup } from "./losetup";

// 100,000 generated inputs in CI (20k + 20k + 30k + 30k), a twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

const corpus = [
  ...ownFixtureNames("losetup").map((name) => ownFixture(`losetup/${name}`)),
  ...(hasSharedFixtures("losetup fuzz")
    ? fixtureNames("losetup").map((name) => fixture(`losetup/${name}`))
    : []),
];
const jsonDocs = corpus
  .filter((text) => text.trimStart().startsWith("{"))
  .map((text): unknown => JSON.parse(text));

function isSound(text: string): boolean {
  const result = parseLosetup(text);
  return !result.ok || LoopDeviceListSchema.safeParse(result.value).success;
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

/** Replaces (or deletes, for undefined) the value at a pseudo-random path, copying only that path. */
function replaceAt(node: unknown, picks: number[], depth: number, value: unknown): unknown {
  const pick = picks[depth];
  if (pick === undefined || typeof node !== "object" || node === null) return value;
  if (Array.isArray(node)) {
    if (node.length === 0) return value;
    const copy = node.slice();
    const i = pick % copy.length;
    const next = replaceAt(copy[i], picks, depth + 1, value);
    if (next === undefined) copy.splice(i, 1);
    else copy[i] = next;
    return copy;
  }
  const copy: Record<string, unknown> = { ...node };
  const keys = Object.keys(copy);
  const key = keys[pick % Math.max(keys.length, 1)];
  if (key === undefined) return value;
  const next = replaceAt(copy[key], picks, depth + 1, value);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, null, "", "0", "1", "2", -1, 1.5, 2 ** 53 + 2, true, [], {}, [null]),
);

// Random tables in losetup's vocabulary: its headers, numbers, flags, paths with spaces.
const HEADERS = ["NAME", "SIZELIMIT", "OFFSET", "AUTOCLEAR", "RO", "BACK-FILE", "DIO", "LOG-SEC"];
const CELLS = ["/dev/loop0", "0", "1", "512", "4096", "/root/a b.img", "(deleted)", "-1", "x"];
const shapedTable = fc
  .tuple(
    fc.subarray(HEADERS, { minLength: 1 }),
    fc.array(
      fc.array(fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 8 })), { maxLength: 9 }),
      {
        maxLength: 8,
      },
    ),
  )
  .map(([header, rows]) => [header, ...rows].map((cells) => cells.join("  ")).join("\n"));

describe("parseLosetup under fuzzing", () => {
  it("never throws on arbitrary text", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), isSound), runs(20_000));
  });

  it("never throws on random tables in losetup's vocabulary", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(shapedTable, isSound), runs(20_000));
  });

  it("survives damaged captures (truncated, CRLF, injected, shuffled, duplicated lines)", {
    timeout: TIMEOUT_MS,
  }, () => {
    const damaged = fc
      .tuple(fc.constantFrom(...corpus), lineMutation)
      .map(([t, m]) => mutateLines(t, m));
    fc.assert(fc.property(damaged, isSound), runs(30_000));
  });

  it("never returns an off-schema device when a JSON value changes type or disappears", {
    timeout: TIMEOUT_MS,
  }, () => {
    const mutation = fc.record({
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      value: replacement,
    });
    const mutated = fc
      .tuple(fc.constantFrom(...jsonDocs), mutation)
      .map(([doc, m]) => JSON.stringify(replaceAt(doc, m.picks, 0, m.value)) ?? "");
    fc.assert(fc.property(mutated, isSound), runs(30_000));
  });

  it("reads every capture identically with CRLF line endings", () => {
    for (const text of corpus) {
      expect(parseLosetup(text.replaceAll("\n", "\r\n"))).toEqual(parseLosetup(text));
    }
  });
});

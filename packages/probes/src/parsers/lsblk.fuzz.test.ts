import { type LsblkDevice, LsblkReportSchema } from "@holmes/core";
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
import { parseLsblk } from "./lsblk";

// 100,000 generated inputs in CI (15k + 20k + 25k + 10k + 30k), a twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

const corpus = [
  ...ownFixtureNames("lsblk").map((name) => ownFixture(`lsblk/${name}`)),
  ...(hasSharedFixtures("lsblk fuzz")
    ? fixtureNames("lsblk").map((name) => fixture(`lsblk/${name}`))
    : []),
];
const texts = corpus.filter((text) => !text.trimStart().startsWith("{"));
const jsonDocs = corpus
  .filter((text) => text.trimStart().startsWith("{"))
  .map((text): unknown => JSON.parse(text));

function isSound(text: string): boolean {
  const result = parseLsblk(text);
  return !result.ok || LsblkReportSchema.safeParse(result.value).success;
}

function countDevices(devices: LsblkDevice[]): number {
  return devices.reduce((sum, d) => sum + 1 + countDevices(d.children), 0);
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

// Random tables in lsblk's own vocabulary: headers, tree prefixes, sizes, flags.
const HEADERS = ["NAME", "KNAME", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINTS", "MODEL"];
const CELLS = ["sda", "├─sda1", "└─md0", "│ └─vg-lv", "|-sdb1", "`-nvme0n1p1", "  ", "0", "1", "x"];
const shapedTable = fc
  .tuple(
    fc.subarray(HEADERS, { minLength: 1 }),
    fc.array(
      fc.array(fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 8 })), { maxLength: 9 }),
      {
        maxLength: 12,
      },
    ),
    fc.array(fc.nat(6), { maxLength: 12 }),
  )
  .map(([header, rows, pads]) =>
    [header, ...rows].map((cells, i) => cells.join(" ".repeat((pads[i] ?? 0) + 1))).join("\n"),
  );

describe("parseLsblk under fuzzing", () => {
  it("never throws on arbitrary text", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), isSound), runs(15_000));
  });

  it("never throws on random tables in lsblk's vocabulary", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(shapedTable, isSound), runs(20_000));
  });

  it("survives damaged captures (truncated, CRLF, injected, shuffled, duplicated lines)", {
    timeout: TIMEOUT_MS,
  }, () => {
    const damaged = fc
      .tuple(fc.constantFrom(...corpus), lineMutation)
      .map(([t, m]) => mutateLines(t, m));
    fc.assert(fc.property(damaged, isSound), runs(25_000));
  });

  it("reads a truncated text tree as a failure or as at most the original devices", {
    timeout: TIMEOUT_MS,
  }, () => {
    const cut = fc
      .tuple(fc.constantFrom(...texts), fc.nat())
      .map(([t, at]) => [t, t.slice(0, at % (t.length + 1))] as const);
    fc.assert(
      fc.property(cut, ([full, part]) => {
        const whole = parseLsblk(full);
        const result = parseLsblk(part);
        if (!result.ok || !whole.ok) return true;
        return countDevices(result.value.devices) <= countDevices(whole.value.devices);
      }),
      runs(10_000),
    );
  });

  it("never returns an off-schema report when a JSON value changes type or disappears", {
    timeout: TIMEOUT_MS,
  }, () => {
    const mutation = fc.record({
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
      value: replacement,
    });
    const mutated = fc
      .tuple(fc.constantFrom(...jsonDocs), mutation)
      .map(([doc, m]) => JSON.stringify(replaceAt(doc, m.picks, 0, m.value)) ?? "");
    fc.assert(fc.property(mutated, isSound), runs(30_000));
  });

  it("reads every capture identically with CRLF line endings", () => {
    for (const text of corpus) {
      expect(parseLsblk(text.replaceAll("\n", "\r\n"))).toEqual(parseLsblk(text));
    }
  });
});

import { LvmReportSchema } from "@holmes/core";
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
import { parseLvmReport } from "./lvm";

// 100,000 generated inputs in CI (20k + 25k + 25k + 30k), a twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

const corpus = [
  ...ownFixtureNames("lvm").map((name) => ownFixture(`lvm/${name}`)),
  ...(hasSharedFixtures("lvm fuzz")
    ? fixtureNames("lvm").map((name) => fixture(`lvm/${name}`))
    : []),
];
const docs = corpus.map((text): unknown => JSON.parse(text));

function isSound(text: string): boolean {
  const result = parseLvmReport(text);
  return !result.ok || LvmReportSchema.safeParse(result.value).success;
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

// Random report rows with LVM's column names and typical (and broken) values.
const COLUMNS = [
  "pv_name",
  "vg_name",
  "lv_name",
  "lv_attr",
  "vg_attr",
  "pv_attr",
  "lv_size",
  "vg_size",
  "pv_size",
  "vg_extent_size",
  "vg_extent_count",
  "vg_free_count",
  "pv_count",
  "copy_percent",
  "devices",
  "lv_health_status",
  "pool_lv",
  "origin",
  "stripes",
  "vg_seqno",
  "pe_start",
];
const VALUES = [
  "",
  "0",
  "1048576",
  "<930.72g",
  "1.00T",
  "34359738368B",
  "12q",
  "-1",
  "37.52",
  "[unknown]",
  "/dev/sda2(0),[unknown](20000)",
  "rwi-aor-p-",
  "wz-pn-",
  "a-m",
  "partial",
  "[hidden]",
  "(",
  "x(1)",
];
const row = fc.dictionary(
  fc.constantFrom(...COLUMNS),
  fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 10 }), replacement),
  { maxKeys: 6 },
);
const shapedReport = fc
  .array(
    fc.record(
      {
        pv: fc.array(row, { maxLength: 2 }),
        vg: fc.array(row, { maxLength: 2 }),
        lv: fc.array(row, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  )
  .map((report) => JSON.stringify({ report }));

describe("parseLvmReport under fuzzing", () => {
  it("never throws on arbitrary text", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), isSound), runs(20_000));
  });

  it("never throws on random reports with LVM's columns", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(shapedReport, isSound), runs(25_000));
  });

  it("survives damaged captures (truncated, CRLF, injected, shuffled, duplicated lines)", {
    timeout: TIMEOUT_MS,
  }, () => {
    const damaged = fc
      .tuple(fc.constantFrom(...corpus), lineMutation)
      .map(([t, m]) => mutateLines(t, m));
    fc.assert(fc.property(damaged, isSound), runs(25_000));
  });

  it("never returns an off-schema report when a value changes type or disappears", {
    timeout: TIMEOUT_MS,
  }, () => {
    const mutation = fc.record({
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
      value: replacement,
    });
    const mutated = fc
      .tuple(fc.constantFrom(...docs), mutation)
      .map(([doc, m]) => JSON.stringify(replaceAt(doc, m.picks, 0, m.value)) ?? "");
    fc.assert(fc.property(mutated, isSound), runs(30_000));
  });

  it("reads every capture identically with CRLF line endings", () => {
    for (const text of corpus) {
      expect(parseLvmReport(text.replaceAll("\n", "\r\n"))).toEqual(parseLvmReport(text));
    }
  });
});

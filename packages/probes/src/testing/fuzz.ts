/**
 * What every parser fuzz test (`parsers/*.fuzz.test.ts`) shares: the run budget, corpus loading,
 * generators that damage real captures the way copy/paste and broken pipes do, and the properties
 * STYLE.md §9 asks of every parser. A fuzz file keeps only its vocabulary, schema and own invariants.
 */
import type { ParseResult } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { testEnv } from "./env";
import { fixture, fixtureNames, hasSharedFixtures, ownFixture, ownFixtureNames } from "./fixtures";

/** Generated inputs each parser must see per CI run, summed over its properties. */
const CI_INPUTS_PER_PARSER = 100_000;
/** Far above a property's few seconds: the limit only stops a parser that hangs. */
const FUZZ_TIMEOUT_MS = 120_000;

/** The full count in CI; a twentieth locally, so a plain `vitest` run stays quick. */
function fuzzRuns(ciRuns: number): { numRuns: number } {
  return { numRuns: testEnv.isCi ? ciRuns : Math.ceil(ciRuns / 20) };
}

/**
 * Own fixtures in `__fixtures__/<folder>`, plus every capture in the `shared` corpus folders when
 * the corpus is present (its absence throws in CI). Pass `[]` for formats with no shared captures.
 */
export function loadCorpus(folder: string, shared: readonly string[] = [folder]): string[] {
  const own = ownFixtureNames(folder).map((name) => ownFixture(`${folder}/${name}`));
  const label = `the shared captures of the ${folder} fuzz corpus`;
  if (shared.length === 0 || !hasSharedFixtures(label)) return own;
  const real = shared.flatMap((dir) => fixtureNames(dir).map((name) => fixture(`${dir}/${name}`)));
  return [...own, ...real];
}

// ---- Inputs built from nothing: any text, or the format's own words.

/** Raw UTF-16 (lone surrogates, NULs) or printable ASCII, which gets further into a parser. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.string({ maxLength: 400 }),
);

/** Words of the format joined by spaces, so random lines get past a parser's first checks. */
export function wordLine(words: readonly string[], maxWords = 14): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...words), { maxLength: maxWords }).map((w) => w.join(" "));
}

/** A `Key : value` line right-aligned the way mdadm prints them; values real or random. */
export function fieldLine(
  keys: readonly string[],
  values: readonly string[],
): fc.Arbitrary<string> {
  const value = fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 20 }));
  return fc
    .tuple(fc.constantFrom(...keys), value)
    .map(([key, v]) => `${" ".repeat(Math.max(0, 18 - key.length))}${key} : ${v}`);
}

/** Random text, or a line in the format's vocabulary when one is given. */
export function garbageLine(formatLine?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const random = fc.string({ maxLength: 60 });
  return formatLine === undefined ? random : fc.oneof(random, formatLine);
}

export function lineSoup(line: fc.Arbitrary<string>, maxLines: number): fc.Arbitrary<string> {
  return fc.array(line, { maxLength: maxLines }).map((lines) => lines.join("\n"));
}

/** A column table: some of `headers`, then rows of `cells` or random words, ragged gaps. */
export function wordTable(headers: readonly string[], cells: readonly string[], maxRows = 12) {
  const gap = fc.integer({ min: 1, max: 7 }).map((n) => " ".repeat(n));
  const cell = fc.oneof(fc.constantFrom(...cells), fc.string({ maxLength: 8 }));
  const header = fc.tuple(fc.subarray([...headers], { minLength: 1 }), gap);
  const row = fc.tuple(fc.array(cell, { maxLength: 9 }), gap);
  return fc
    .tuple(header, fc.array(row, { maxLength: maxRows }))
    .map(([head, rows]) => [head, ...rows].map(([words, sep]) => words.join(sep)).join("\n"));
}

// ---- Damage to real captures.

/** One thing a copy/paste, an editor or a broken pipe does to a capture. */
export type LineDamage =
  | { kind: "truncate"; at: number }
  | { kind: "crlf" }
  | { kind: "flip"; at: number; char: string }
  | { kind: "inject"; at: number; line: string }
  | { kind: "duplicate"; at: number; times: number }
  | { kind: "delete"; at: number }
  | { kind: "shuffle"; keys: number[] }
  | { kind: "swap"; pairs: [number, number][] };
export type LineDamageKind = LineDamage["kind"];

function applyLineDamage(text: string, damage: LineDamage): string {
  if (damage.kind === "truncate") return text.slice(0, damage.at % (text.length + 1));
  if (damage.kind === "crlf") return text.replaceAll("\n", "\r\n");
  if (damage.kind === "flip") {
    const i = damage.at % Math.max(1, text.length);
    return text.slice(0, i) + damage.char + text.slice(i + 1);
  }
  const lines = text.split("\n");
  const at = "at" in damage ? damage.at % lines.length : 0;
  switch (damage.kind) {
    case "inject":
      // Modulo length + 1, so a line can also land after the last one.
      lines.splice(damage.at % (lines.length + 1), 0, damage.line);
      break;
    case "duplicate":
      lines.splice(at, 0, ...Array<string>(damage.times).fill(lines[at] ?? ""));
      break;
    case "delete":
      lines.splice(at, 1);
      break;
    case "shuffle":
      return sortByKeys(lines, damage.keys).join("\n");
    case "swap":
      for (const [a, b] of damage.pairs) {
        const [i, j] = [a % lines.length, b % lines.length];
        [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
      }
  }
  return lines.join("\n");
}

/** Any permutation (a full shuffle), where `swap` makes the small local ones. */
function sortByKeys(lines: string[], keys: number[]): string[] {
  return lines
    .map((line, i) => ({ line, key: keys[i % keys.length] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.line);
}

/** A generator for each kind of damage; `inject` inserts `garbage`. */
function damageGenerators(garbage: fc.Arbitrary<string>) {
  const at = fc.nat();
  return {
    truncate: fc.record({ kind: fc.constant("truncate" as const), at }),
    crlf: fc.record({ kind: fc.constant("crlf" as const) }),
    flip: fc.record({
      kind: fc.constant("flip" as const),
      at,
      char: fc.string({ minLength: 1, maxLength: 1 }),
    }),
    inject: fc.record({ kind: fc.constant("inject" as const), at, line: garbage }),
    duplicate: fc.record({
      kind: fc.constant("duplicate" as const),
      at,
      times: fc.integer({ min: 1, max: 3 }),
    }),
    delete: fc.record({ kind: fc.constant("delete" as const), at }),
    shuffle: fc.record({
      kind: fc.constant("shuffle" as const),
      keys: fc.array(fc.nat(), { minLength: 1 }),
    }),
    swap: fc.record({
      kind: fc.constant("swap" as const),
      pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
    }),
  } satisfies { [K in LineDamageKind]: fc.Arbitrary<Extract<LineDamage, { kind: K }>> };
}

export type DamageOptions = {
  /** What `inject` inserts; random text by default. */
  garbage?: fc.Arbitrary<string>;
  /** Only these kinds, for a property about one kind of damage. */
  kinds?: readonly LineDamageKind[];
};

/** One of `samples` after 1 to 4 damages in a row. */
function damagedCapture(samples: readonly string[], options: DamageOptions = {}) {
  const generators = damageGenerators(options.garbage ?? garbageLine());
  const chosen = options.kinds?.map((kind) => generators[kind]) ?? Object.values(generators);
  const damage: fc.Arbitrary<LineDamage> = fc.oneof(...chosen);
  return fc
    .tuple(fc.constantFrom(...samples), fc.array(damage, { minLength: 1, maxLength: 4 }))
    .map(([text, damages]) => damages.reduce(applyLineDamage, text));
}

/** A capture's lines drawn with repeats in any order: shuffled, dropped and duplicated at once. */
function resampledLines(samples: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...samples).chain((whole) => {
    const lines = whole.split("\n");
    return fc
      .array(fc.nat({ max: lines.length - 1 }), { maxLength: lines.length * 2 })
      .map((picks) => picks.map((i) => lines[i] ?? "").join("\n"));
  });
}

/** One of `samples` and a prefix of it, cut at any character. */
export function truncatedCapture(samples: readonly string[]) {
  return fc
    .tuple(fc.constantFrom(...samples), fc.nat())
    .map(([whole, at]) => ({ whole, part: whole.slice(0, at % (whole.length + 1)) }));
}

// Absent, empty, numbers as strings, and numbers a schema may refuse (negative, fractional, unsafe).
const ODD_SCALARS: unknown[] = [undefined, null, "", "0", "1", "2", -1, 1.5, 2 ** 53 + 2, 1e308];
const ODD_CONTAINERS: unknown[] = [true, [], {}, [null]];

/** Wrong types and numeric edges for a JSON value; `undefined` deletes the key it replaces. */
export const oddJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(...ODD_SCALARS, ...ODD_CONTAINERS),
);

/** Replaces (or deletes, for undefined) the value at a pseudo-random path, copying only that path. */
function replaceAtPath(node: unknown, picks: number[], value: unknown, depth = 0): unknown {
  const pick = picks[depth];
  if (pick === undefined || typeof node !== "object" || node === null) return value;
  if (Array.isArray(node)) {
    if (node.length === 0) return value;
    const copy = node.slice();
    const i = pick % copy.length;
    const next = replaceAtPath(copy[i], picks, value, depth + 1);
    if (next === undefined) copy.splice(i, 1);
    else copy[i] = next;
    return copy;
  }
  const copy: Record<string, unknown> = { ...node };
  const key = Object.keys(copy)[pick % Math.max(Object.keys(copy).length, 1)];
  if (key === undefined) return value;
  const next = replaceAtPath(copy[key], picks, value, depth + 1);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

/** One of `docs` with a value at depth 1 to 8 changed in type or removed, as JSON text. */
function damagedJson(docs: readonly unknown[]): fc.Arbitrary<string> {
  const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 8 });
  return fc
    .tuple(fc.constantFrom(...docs), picks, oddJsonValue)
    .map(([doc, path, value]) => JSON.stringify(replaceAtPath(doc, path, value)) ?? "");
}

// ---- Properties.

export type FuzzSuite = {
  /** One property, failed by `predicate` returning false or throwing; `ciRuns` adds to the budget. */
  property<T>(
    title: string,
    input: fc.Arbitrary<T>,
    ciRuns: number,
    predicate: (input: T) => unknown,
    examples?: T[],
  ): void;
};

/** A describe block of properties that fails unless they add up to the CI budget. */
export function describeFuzz(title: string, body: (suite: FuzzSuite) => void): void {
  describe(title, () => {
    let ciInputs = 0;
    body({
      property<T>(
        name: string,
        input: fc.Arbitrary<T>,
        ciRuns: number,
        predicate: (value: T) => unknown,
        examples: T[] = [],
      ) {
        ciInputs += ciRuns;
        const params = { ...fuzzRuns(ciRuns), examples: examples.map((example): [T] => [example]) };
        // fc.assert in a plain `it`, not @fast-check/vitest's `it.prop`: importing that costs
        // vitest about 2.7 s per test file, since it inlines the package and fast-check with it.
        it(name, { timeout: FUZZ_TIMEOUT_MS }, () => {
          fc.assert(
            fc.property(input, (value) => predicate(value) !== false),
            params,
          );
        });
      },
    });
    const total = ciInputs;
    it(`generates at least ${CI_INPUTS_PER_PARSER.toLocaleString("en")} inputs in CI`, () => {
      expect(total).toBeGreaterThanOrEqual(CI_INPUTS_PER_PARSER);
    });
  });
}

export type ParserTarget<T> = {
  parse: (text: string) => ParseResult<T>;
  schema: z.ZodType;
  /** Real captures the damage, CRLF and truncation properties start from. */
  corpus: readonly string[];
};

/** How a prefix's items relate to the whole's: the same first items by `key`, or no more. */
export type TruncationRule<T, Item> = {
  items: (value: T) => readonly Item[];
  key?: (item: Item) => unknown;
  /** The captures to cut; the whole corpus by default. */
  samples?: readonly string[];
};

/** The suite handed to a parser's fuzz file; "survives" means never throws and stays on schema. */
export type ParserFuzz<T> = FuzzSuite & {
  survives(title: string, inputs: fc.Arbitrary<string>, ciRuns: number): void;
  survivesAnyText(ciRuns: number): void;
  survivesDamage(ciRuns: number, options?: DamageOptions): void;
  survivesResampledLines(ciRuns: number): void;
  survivesJsonDamage(ciRuns: number, docs: readonly unknown[]): void;
  readsCrlfLikeLf(ciRuns: number, options: { trailingWhitespace: boolean }): void;
  readsTruncated<Item>(ciRuns: number, rule: TruncationRule<T, Item>): void;
};

/** `describeFuzz` with the properties every parser shares, bound to one parser and its corpus. */
export function describeParserFuzz<T>(
  title: string,
  target: ParserTarget<T>,
  body: (fuzz: ParserFuzz<T>) => void,
): void {
  describeFuzz(title, (suite) => {
    const { parse, schema, corpus } = target;
    const isSound = (text: string) => {
      const result = parse(text);
      return !result.ok || schema.safeParse(result.value).success;
    };
    const survives = (name: string, inputs: fc.Arbitrary<string>, ciRuns: number) =>
      suite.property(name, inputs, ciRuns, isSound);
    body({
      ...suite,
      survives,
      survivesAnyText: (ciRuns) => survives("survives arbitrary text", anyText, ciRuns),
      survivesDamage: (ciRuns, options = {}) =>
        survives(damageTitle(options), damagedCapture(corpus, options), ciRuns),
      survivesResampledLines: (ciRuns) =>
        survives("survives lines shuffled, dropped and duplicated", resampledLines(corpus), ciRuns),
      survivesJsonDamage: (ciRuns, docs) =>
        survives("survives a JSON value changing type or disappearing", damagedJson(docs), ciRuns),
      readsCrlfLikeLf: (ciRuns, { trailingWhitespace }) =>
        crlfProperty(suite, target, ciRuns, trailingWhitespace),
      readsTruncated: (ciRuns, rule) => truncationProperty(suite, target, ciRuns, rule),
    });
  });
}

/** What sets one line-per-entry format apart in `describeLineFormatFuzz`. */
export type LineFormat<T, Item> = {
  /** The format's own words, so soups and injected lines get past a parser's first checks. */
  words: readonly string[];
  /** The entries a truncated capture may lose but never gain. */
  items: (value: T) => readonly Item[];
  /** False where trailing blanks are data (a last column, a log message). */
  trailingWhitespace: boolean;
};

/** One battery for the line-per-entry formats (findmnt, mountinfo, kmsg, mountstats). */
export function describeLineFormatFuzz<T, Item>(
  title: string,
  target: ParserTarget<T>,
  format: LineFormat<T, Item>,
): void {
  // 105,000 generated inputs in CI (25k + 25k + 15k + 10k + 15k + 15k), a twentieth locally.
  describeParserFuzz(title, target, (fuzz) => {
    const garbage = garbageLine(wordLine(format.words));
    fuzz.survivesAnyText(25_000);
    fuzz.survives(
      "survives lines built from the format's own words",
      lineSoup(garbage, 12),
      25_000,
    );
    fuzz.readsTruncated(15_000, { items: format.items });
    fuzz.readsCrlfLikeLf(10_000, { trailingWhitespace: format.trailingWhitespace });
    fuzz.survivesDamage(15_000, { garbage, kinds: ["inject"] });
    fuzz.survivesResampledLines(15_000);
  });
}

function damageTitle({ kinds }: DamageOptions): string {
  const what = kinds === undefined ? "any line damage" : kinds.join(", ");
  return `survives captures damaged 1 to 4 times (${what})`;
}

type CrlfCase = [whole: string, cutAt: number | undefined, pads: string[]];
const TRAILING_PADS = fc.array(fc.constantFrom("", " ", "\t", "  "), { minLength: 1 });

/**
 * CRLF endings (and, where the format allows, trailing blanks) read exactly like the original:
 * every whole capture first, then random ones, half of them cut at a random point.
 */
function crlfProperty<T>(
  suite: FuzzSuite,
  { parse, corpus }: ParserTarget<T>,
  ciRuns: number,
  trailingWhitespace: boolean,
): void {
  const title = trailingWhitespace
    ? "reads CRLF and trailing whitespace exactly like the original, whole or cut"
    : "reads CRLF line endings exactly like LF, whole or cut";
  const pads: fc.Arbitrary<string[]> = trailingWhitespace ? TRAILING_PADS : fc.constant([""]);
  // Half the runs read a whole capture, half a prefix cut at any character.
  const cut = fc.oneof(fc.constant(undefined), fc.nat());
  const input = fc.tuple(fc.constantFrom(...corpus), cut, pads);
  // Every whole capture once, as it is, before the random runs.
  const wholes = corpus.map((whole): CrlfCase => [whole, undefined, [""]]);
  suite.property(
    title,
    input,
    ciRuns,
    ([whole, at, padding]: CrlfCase) => {
      const text = at === undefined ? whole : whole.slice(0, at % (whole.length + 1));
      const lines = text.split("\n");
      // A cut leaves its last line unfinished: a blank after it would extend a token, not a line.
      const padded = at === undefined ? lines.length : lines.length - 1;
      const noisy = lines
        .map((line, i) => (i < padded ? line + (padding[i % padding.length] ?? "") : line))
        .join("\r\n");
      expect(withoutJsonOffsets(parse(noisy))).toEqual(withoutJsonOffsets(parse(text)));
    },
    wholes,
  );
}

/** V8's JSON.parse messages quote a byte offset, which CRLF shifts; everything else must match. */
function withoutJsonOffsets<T>(result: ParseResult<T>): ParseResult<T> {
  if (result.ok) return result;
  const got = result.error.got.replace(/position \d+/g, "position N");
  return { ok: false, error: { ...result.error, got } };
}

/** A truncated capture fails, or passes the schema and keeps to `rule` against the whole. */
function truncationProperty<T, Item>(
  suite: FuzzSuite,
  { parse, schema, corpus }: ParserTarget<T>,
  ciRuns: number,
  rule: TruncationRule<T, Item>,
): void {
  const title = rule.key
    ? "reads a truncated capture as a failure or as the whole's first items"
    : "reads a truncated capture as a failure or as no more items than the whole";
  const parsedWholes = new Map<string, ParseResult<T>>();
  const input = truncatedCapture(rule.samples ?? corpus);
  suite.property(title, input, ciRuns, ({ whole, part }) => {
    const cut = parse(part);
    if (!cut.ok) return;
    expect(schema.safeParse(cut.value).success).toBe(true);
    const full = parsedWholes.get(whole) ?? parse(whole);
    parsedWholes.set(whole, full);
    if (!full.ok) return;
    const [partItems, wholeItems] = [rule.items(cut.value), rule.items(full.value)];
    if (rule.key === undefined) {
      expect(partItems.length).toBeLessThanOrEqual(wholeItems.length);
    } else {
      const keys = partItems.map(rule.key);
      expect(keys).toEqual(wholeItems.slice(0, keys.length).map(rule.key));
    }
  });
}

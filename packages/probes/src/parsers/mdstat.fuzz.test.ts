import { MdstatReportSchema } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testEnv } from "../testing/env";
import {
  fixture,
  fixtureNames,
  ownFixture,
  ownFixtureNames,
  sharedFixturesDir,
} from "../testing/fixtures";
import { parseMdstat } from "./mdstat";

// 100,000 generated inputs in CI (25k + 25k + 30k + 10k + 10k), a twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

// Own fixtures always; the shared captures too when present (their absence throws in CI).
const corpus = [
  ...ownFixtureNames("mdstat").map((name) => ownFixture(`mdstat/${name}`)),
  ...(sharedFixturesDir() !== undefined
    ? fixtureNames("mdstat").map((name) => fixture(`mdstat/${name}`))
    : []),
];
const valid = corpus.filter((text) => parseMdstat(text).ok);

const TOKENS = [
  "md0",
  "md127",
  ":",
  " : ",
  "active",
  "inactive",
  "broken",
  "(read-only)",
  "(auto-read-only)",
  "raid1",
  "raid5",
  "raid10",
  "linear",
  "sda1[0]",
  "sdb1[1](F)",
  "sdc[2](S)",
  "sdd[3](W)(R)",
  "1024",
  "blocks",
  "super",
  "1.2",
  "external:imsm",
  "external:/md127/0",
  "level",
  "5,",
  "64k",
  "chunk,",
  "chunks",
  "512K",
  "algorithm",
  "2",
  "near-copies",
  "far-copies",
  "[2/2]",
  "[2/1]",
  "[UU]",
  "[U_]",
  "[",
  "]",
  "resync",
  "=",
  "12.5%",
  "(1/8)",
  "finish=1.0min",
  "speed=1K/sec",
  "resync=DELAYED",
  "[=>...]",
  "bitmap:",
  "1/1",
  "pages",
  "[4KB],",
  "65536KB",
  "chunk",
  "Personalities",
  "[raid1]",
  "unused",
  "devices:",
  "<none>",
  "\t",
  "\u00a0",
  "9".repeat(20),
];
const tokenLine = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 14 })
  .map((tokens) => tokens.join(" "));
const garbageLine = fc.oneof(fc.string({ maxLength: 60 }), tokenLine);

// Well-formed stanzas with random (also absurd) numbers reach the range checks.
const number = fc.oneof(fc.nat(8), fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String));
const member = fc
  .tuple(
    fc.constantFrom("sda", "nvme0n1p1", "loop0"),
    number,
    fc.constantFrom("", "(F)", "(S)", "(W)(R)"),
  )
  .map(([dev, slot, flags]) => `${dev}[${slot}]${flags}`);
const stanza = fc
  .record({
    head: fc.constantFrom(
      "md0 : active raid1",
      "md1 : inactive",
      "md2 : active (read-only) raid10",
    ),
    members: fc.array(member, { maxLength: 4 }),
    blocks: number,
    n: number,
    m: number,
    flags: fc.option(fc.stringMatching(/^[U_]{0,6}$/)),
    percent: fc.constantFrom("0.0", "99.9", "100.0", "100.1", "7"),
    done: number,
    total: number,
    bitmap: fc.tuple(number, number, fc.constantFrom("KB", "B", "MB")),
  })
  .map((r) => ({ ...r, flags: r.flags ?? "U_UUU_UU".slice(0, Number(r.n)) }))
  .map((r) =>
    [
      `${r.head} ${r.members.join(" ")}`,
      `      ${r.blocks} blocks super 1.2 ${r.n}K chunks 2 near-copies [${r.n}/${r.m}] [${r.flags}]`,
      `      [=>..]  recovery = ${r.percent}% (${r.done}/${r.total}) finish=${r.n}.5min speed=${r.m}K/sec`,
      `      bitmap: ${r.bitmap[0]}/${r.bitmap[1]} pages [4KB], ${r.bitmap[0]}${r.bitmap[2]} chunk`,
    ].join("\n"),
  );

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
  const result = parseMdstat(text);
  return !result.ok || MdstatReportSchema.safeParse(result.value).success;
}

describe("parseMdstat fuzz", () => {
  it("survives arbitrary strings", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), holds), runs(25_000));
  });

  it("survives soups of mdstat tokens and stanzas", { timeout: TIMEOUT_MS }, () => {
    const soup = fc
      .array(fc.oneof(tokenLine, stanza), { maxLength: 12 })
      .map((lines) => lines.join("\n"));
    fc.assert(fc.property(soup, holds), runs(25_000));
  });

  it("survives mutated real captures", { timeout: TIMEOUT_MS }, () => {
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
        expect(parseMdstat(noisy)).toEqual(parseMdstat(text));
      }),
      runs(10_000),
    );
  });

  it("turns a truncated capture into a failure or a subset of its arrays", {
    timeout: TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(), (text, cut) => {
        const full = parseMdstat(text);
        const part = parseMdstat(text.slice(0, cut % (text.length + 1)));
        if (!full.ok || !part.ok) return;
        expect(MdstatReportSchema.safeParse(part.value).success).toBe(true);
        const names = part.value.arrays.map((array) => array.name);
        expect(names).toEqual(full.value.arrays.slice(0, names.length).map((array) => array.name));
      }),
      runs(10_000),
    );
  });
});

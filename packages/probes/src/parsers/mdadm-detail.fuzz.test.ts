import { MdadmDetailSchema } from "@holmes/core";
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
import { parseMdadmDetail } from "./mdadm-detail";

// 100,000 generated inputs in CI (25k + 25k + 30k + 10k + 10k), a twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

// Own fixtures always; the shared captures too when present (their absence throws in CI).
const corpus = [
  ...ownFixtureNames("mdadm-detail").map((name) => ownFixture(`mdadm-detail/${name}`)),
  ...(sharedFixturesDir() !== undefined
    ? fixtureNames("mdadm-detail").map((name) => fixture(`mdadm-detail/${name}`))
    : []),
];
const valid = corpus.filter((text) => parseMdadmDetail(text).ok);

const KEYS = [
  "Version",
  "Creation Time",
  "Raid Level",
  "Array Size",
  "Used Dev Size",
  "Raid Devices",
  "Total Devices",
  "Preferred Minor",
  "Persistence",
  "State",
  "Active Devices",
  "Failed Devices",
  "Layout",
  "Chunk Size",
  "Rounding",
  "Rebuild Status",
  "Name",
  "UUID",
  "Events",
  "Container",
  "Member Arrays",
  "Container GUID",
  "Magic",
  "__proto__",
  "constructor",
];
const VALUES = [
  "1.2",
  "0.90",
  "raid1",
  "101376 (99.00 MiB 103.81 MB)",
  "unknown",
  "2",
  "-1",
  "512K",
  "24% complete",
  "101% complete",
  "clean, degraded, recovering",
  "active, resyncing (DELAYED)",
  "x:0  (local to host x)",
  "e054553a:fbccdcfe:0ae80bc8:9379377a",
  "0.18",
  "4294967296.1",
  "99999999999999999999",
  "/dev/md0, member 0",
  "",
  " : ",
];
const ROWS = [
  "    Number   Major   Minor   RaidDevice State",
  "       0     254        1        0      active sync   /dev/vda1",
  "       -       0        0        1      removed",
  "       3     254        4        -      faulty   missing",
  "       1       8    ",
  "MD_LEVEL=raid1",
  "MD_DEVICES=2",
  "MD_DEVICE_dev_sda_ROLE=spare",
  "MD_DEVICE_dev_sda_DEV=/dev/sda",
  "MD_RESHAPE_ACTIVE=True",
  "/dev/md0:",
  "                  (Linux-MD 08/16/22 16:20:42)",
];
const field = fc
  .tuple(
    fc.constantFrom(...KEYS),
    fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 20 })),
  )
  .map(([key, value]) => `${" ".repeat(Math.max(0, 18 - key.length))}${key} : ${value}`);
const tokenLine = fc.oneof(field, fc.constantFrom(...ROWS));
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
  const result = parseMdadmDetail(text);
  return !result.ok || MdadmDetailSchema.safeParse(result.value).success;
}

describe("parseMdadmDetail fuzz", () => {
  it("survives arbitrary strings", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), holds), runs(25_000));
  });

  it("survives soups of --detail and --export lines", { timeout: TIMEOUT_MS }, () => {
    const soup = fc.array(tokenLine, { maxLength: 16 }).map((lines) => lines.join("\n"));
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
        expect(parseMdadmDetail(noisy)).toEqual(parseMdadmDetail(text));
      }),
      runs(10_000),
    );
  });

  it("turns a truncated capture into a failure or a prefix of its devices", {
    timeout: TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(), (text, cut) => {
        const full = parseMdadmDetail(text);
        const part = parseMdadmDetail(text.slice(0, cut % (text.length + 1)));
        if (!full.ok || !part.ok) return;
        expect(MdadmDetailSchema.safeParse(part.value).success).toBe(true);
        const devices = part.value.devices.map((device) => device.number);
        expect(devices).toEqual(full.value.devices.slice(0, devices.length).map((d) => d.number));
      }),
      runs(10_000),
    );
  });
});

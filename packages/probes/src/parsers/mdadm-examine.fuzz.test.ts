import { MdadmExamineSchema } from "@holmes/core";
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
import { parseMdadmExamine } from "./mdadm-examine";

// 100,000 generated inputs in CI (25k + 25k + 30k + 10k + 10k), a twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

// Own fixtures always; the shared captures too when present (their absence throws in CI).
const corpus = [
  ...ownFixtureNames("mdadm-examine").map((name) => ownFixture(`mdadm-examine/${name}`)),
  ...(sharedFixturesDir() !== undefined
    ? fixtureNames("mdadm-examine").map((name) => fixture(`mdadm-examine/${name}`))
    : []),
];
const valid = corpus.filter((text) => parseMdadmExamine(text).ok);

const KEYS = [
  "Magic",
  "Version",
  "Feature Map",
  "Array UUID",
  "UUID",
  "Name",
  "Raid Level",
  "Raid Devices",
  "Avail Dev Size",
  "Array Size",
  "Used Dev Size",
  "Data Offset",
  "Super Offset",
  "Recovery Offset",
  "State",
  "Device UUID",
  "Flags",
  "Bad Block Log",
  "Checksum",
  "Events",
  "Chunk Size",
  "Device Role",
  "Array State",
  "Controller GUID",
  "Container GUID",
  "Seq",
  "Redundant hdr",
  "Virtual Disks",
  "VD GUID[0]",
  "unit[0]",
  "Raid Devices[1]",
  "Chunk Size[0]",
  "Disk00 Serial",
  "__proto__",
];
const VALUES = [
  "a92b4efc",
  "de11de11",
  "Intel Raid ISM Cfg Sig.",
  "1.2",
  "0.90.00",
  "0x12",
  "raid1",
  "2",
  "202752 sectors (99.00 MiB 103.81 MB)",
  "101376 KiB (99.00 MiB 103.81 MB)",
  "102336 (99.94 MiB)",
  "2048 sectors",
  "f141a577 - correct",
  "f141a577 - expected 0",
  "1a2b3c4d correct",
  "0.60",
  "Active device 1",
  "Replacement device 0",
  "spare",
  "Journal",
  "Active device -1",
  "AA.R ('A' == active, '.' == missing, 'R' == replacing)",
  "Uu_",
  "yes",
  "2 (1@0K 0@0K)",
  "64 sectors",
  "99999999999999999999",
  "",
  " : ",
];
const ROWS = [
  "      Number   Major   Minor   RaidDevice State",
  "this     0     254        1        0      active sync   /dev/vda1",
  "   1     1       0        0        1      faulty removed",
  "      Number    RefNo      Size       Device      Type/State",
  "         0    d32b14d7    786432K /dev/vda        active/Online",
  "         1    886a9f58    913408K                 Global-Spare/Offline, Failed",
  " Physical disks not in metadata!:",
  "   a1b2c3d4 /dev/sdc",
  "[Volume0]:",
  "Bad Block Management Log:",
  "/dev/sda1:",
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
  const result = parseMdadmExamine(text);
  return !result.ok || MdadmExamineSchema.safeParse(result.value).success;
}

describe("parseMdadmExamine fuzz", () => {
  it("survives arbitrary strings", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), holds), runs(25_000));
  });

  it("survives soups of --examine lines", { timeout: TIMEOUT_MS }, () => {
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
        expect(parseMdadmExamine(noisy)).toEqual(parseMdadmExamine(text));
      }),
      runs(10_000),
    );
  });

  it("turns a truncated capture into a failure or a prefix of the original", {
    timeout: TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(), (text, cut) => {
        const full = parseMdadmExamine(text);
        const part = parseMdadmExamine(text.slice(0, cut % (text.length + 1)));
        if (!full.ok || !part.ok) return;
        expect(MdadmExamineSchema.safeParse(part.value).success).toBe(true);
        const rows = part.value.deviceTable.map((row) => row.number);
        expect(rows).toEqual(full.value.deviceTable.slice(0, rows.length).map((r) => r.number));
      }),
      runs(10_000),
    );
  });
});

import { MountOptionMapSchema, NfsMountOptionsSchema } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testEnv } from "../testing/env";
import { ownFixture } from "../testing/fixtures";
import { parseMountOptions, parseNfsOptions } from "./nfs-options";

// 100,000 generated inputs in CI across the properties below.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT = 60_000;

const corpus = ownFixture("nfs-options/option-strings.txt").trimEnd().split("\n");
const OPTIONS = [
  "rw",
  "ro",
  "hard",
  "soft",
  "softerr",
  "ac",
  "noac",
  "cto",
  "nocto",
  "lock",
  "nolock",
  "intr",
  "nointr",
  "tcp",
  "udp",
  "rdma",
  "v3",
  "v4.2",
  "vers=4.1",
  "nfsvers=3",
  "proto=tcp6",
  "timeo=600",
  "retrans=2",
  "rsize=1048576",
  "port=99999999999999999",
  "sec=krb5p",
  "addr=10.0.0.1",
  'context="a,b"',
  "__proto__=x",
  "constructor",
  "toString",
  "=",
  "x=",
  '"',
  "",
];
const option = fc.oneof(fc.constantFrom(...OPTIONS), fc.string({ maxLength: 12 }));
const optionList = fc.array(option, { maxLength: 16 }).map((items) => items.join(","));

function check(input: string): boolean {
  return (
    NfsMountOptionsSchema.safeParse(parseNfsOptions(input)).success &&
    MountOptionMapSchema.safeParse(parseMountOptions(input)).success
  );
}

describe("parseNfsOptions fuzz", () => {
  it("is total on arbitrary text", { timeout: TIMEOUT }, () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({ maxLength: 200 }),
    );
    fc.assert(fc.property(text, check), runs(40_000));
  });

  it("is total on option lists built from real option words", { timeout: TIMEOUT }, () => {
    fc.assert(fc.property(optionList, check), runs(40_000));
  });

  it("agrees with the last hard/soft/softerr in the list", { timeout: TIMEOUT }, () => {
    const modes = fc.array(fc.constantFrom("hard", "soft", "softerr"), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(modes, optionList, (list, noise) => {
        const cleaned = noise.replace(/(^|,)(hard|soft|softerr)(?=,|$)/g, "$1");
        const last = list[list.length - 1];
        const value = parseNfsOptions(`${cleaned},${list.join(",")}`);
        expect(value.hard).toBe(last === "hard");
        expect(value.softerr).toBe(last === "softerr");
      }),
      runs(10_000),
    );
  });

  it("is total on real option strings cut at any point", { timeout: TIMEOUT }, () => {
    const cut = fc
      .tuple(fc.constantFrom(...corpus), fc.nat())
      .map(([text, n]) => text.slice(0, n % (text.length + 1)));
    fc.assert(fc.property(cut, check), runs(10_000));
  });
});

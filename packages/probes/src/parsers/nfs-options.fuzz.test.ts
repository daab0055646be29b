import { MountOptionMapSchema, NfsMountOptionsSchema } from "@holmes/core";
import fc from "fast-check";
import { expect } from "vitest";
import { ownFixture } from "../testing/fixtures";
import { anyText, describeFuzz, truncatedCapture } from "../testing/fuzz";
import { parseMountOptions, parseNfsOptions } from "./nfs-options";

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

/** These parsers return a value for any input (no ParseResult), so "sound" means schema-valid. */
function isTotal(input: string): boolean {
  return (
    NfsMountOptionsSchema.safeParse(parseNfsOptions(input)).success &&
    MountOptionMapSchema.safeParse(parseMountOptions(input)).success
  );
}

const modes = fc.array(fc.constantFrom("hard", "soft", "softerr"), { minLength: 1, maxLength: 5 });

// 100,000 generated inputs in CI (40k + 40k + 10k + 10k), a twentieth locally.
describeFuzz("parseNfsOptions fuzz", (fuzz) => {
  fuzz.property("is total on arbitrary text", anyText, 40_000, isTotal);
  fuzz.property(
    "is total on option lists built from real option words",
    optionList,
    40_000,
    isTotal,
  );
  fuzz.property(
    "agrees with the last hard/soft/softerr in the list",
    fc.tuple(modes, optionList),
    10_000,
    ([list, noise]) => {
      const cleaned = noise.replace(/(^|,)(hard|soft|softerr)(?=,|$)/g, "$1");
      const last = list[list.length - 1];
      const value = parseNfsOptions(`${cleaned},${list.join(",")}`);
      expect(value.hard).toBe(last === "hard");
      expect(value.softerr).toBe(last === "softerr");
    },
  );
  const cut = truncatedCapture(corpus).map(({ part }) => part);
  fuzz.property("is total on real option strings cut at any point", cut, 10_000, isTotal);
});

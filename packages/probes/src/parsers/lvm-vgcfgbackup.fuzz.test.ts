import { VgMetadataSchema } from "@holmes/core";
import fc from "fast-check";
import { describeParserFuzz, loadCorpus } from "../testing/fuzz";
import { parseVgcfgbackup } from "./lvm";

// vgcfgbackup files are only in the project's own fixtures (no licensed real capture exists).
const corpus = loadCorpus("vgcfgbackup", []);

// Random token streams in the metadata vocabulary: names, braces, values, comments.
const TOKENS = [
  "vg0",
  "{",
  "}",
  "=",
  "[",
  "]",
  ",",
  "id",
  "seqno",
  "extent_size",
  "physical_volumes",
  "pv0",
  "logical_volumes",
  "segment1",
  "stripes",
  "raids",
  "flags",
  "status",
  '"pv0"',
  '"MISSING"',
  "0",
  "7",
  "-1",
  "1.5",
  "99999999999999999999",
  '"a\\"b"',
  '"',
  "#",
  "\n",
  "\t",
  "\u00a0",
];
const shapedConfig = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((tokens) => tokens.join(" "));

// 110,000 generated inputs in CI (20k + 40k + 25k + 15k + 10k), a twentieth locally.
describeParserFuzz(
  "parseVgcfgbackup fuzz",
  { parse: parseVgcfgbackup, schema: VgMetadataSchema, corpus },
  (fuzz) => {
    fuzz.survivesAnyText(20_000);
    fuzz.survives("survives random token streams of the config syntax", shapedConfig, 40_000);
    fuzz.survivesDamage(25_000);
    fuzz.readsTruncated(15_000, { items: (metadata) => metadata.lvs });
    fuzz.readsCrlfLikeLf(10_000, { trailingWhitespace: true });
  },
);

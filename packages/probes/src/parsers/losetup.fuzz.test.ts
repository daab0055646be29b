import { LoopDeviceListSchema } from "@holmes/core";
import { describeParserFuzz, loadCorpus, wordTable } from "../testing/fuzz";
import { parseLosetup } from "./losetup";

const corpus = loadCorpus("losetup");
const jsonDocs = corpus
  .filter((text) => text.trimStart().startsWith("{"))
  .map((text): unknown => JSON.parse(text));

// Random tables in losetup's vocabulary: its headers, numbers, flags, paths with spaces.
const HEADERS = ["NAME", "SIZELIMIT", "OFFSET", "AUTOCLEAR", "RO", "BACK-FILE", "DIO", "LOG-SEC"];
const CELLS = ["/dev/loop0", "0", "1", "512", "4096", "/root/a b.img", "(deleted)", "-1", "x"];

// 110,000 generated inputs in CI (20k + 20k + 30k + 30k + 10k), a twentieth locally.
describeParserFuzz(
  "parseLosetup fuzz",
  { parse: parseLosetup, schema: LoopDeviceListSchema, corpus },
  (fuzz) => {
    fuzz.survivesAnyText(20_000);
    const tables = wordTable(HEADERS, CELLS);
    fuzz.survives("survives random tables in losetup's vocabulary", tables, 20_000);
    fuzz.survivesDamage(30_000);
    fuzz.survivesJsonDamage(30_000, jsonDocs);
    fuzz.readsCrlfLikeLf(10_000, { trailingWhitespace: true });
  },
);

import { MdadmScanSchema } from "@holmes/core";
import { describeParserFuzz, garbageLine, lineSoup, loadCorpus, wordLine } from "../testing/fuzz";
import { parseMdadmDetailScan } from "./mdadm-detail";

// The shared corpus has no --detail --scan captures; the own fixtures are the real-format input.
const corpus = loadCorpus("mdadm-detail-scan", []);

const TOKENS = [
  "ARRAY",
  "INACTIVE-ARRAY",
  "/dev/md0",
  "/dev/md/root",
  "metadata=1.2",
  "metadata=imsm",
  "level=raid1",
  "num-devices=2",
  "num-devices=x",
  "spares=1",
  "spares=99999999999999999999",
  "name=host:0",
  'name="a b"',
  "name='c d'",
  'name="open',
  "UUID=3aaa0122:29827cfa:5331ad66:ca767371",
  "container=/dev/md/imsm0",
  "member=0",
  "bitmap=/b",
  "devices=/dev/sda,/dev/sdb",
  "devices=,,",
  "__proto__=x",
  "constructor=y",
  "=",
  "key=",
  "   ",
  "\t",
];
const tokenLine = wordLine(TOKENS);

// 110,000 generated inputs in CI (30k + 30k + 30k + 20k), a twentieth locally.
describeParserFuzz(
  "parseMdadmDetailScan fuzz",
  { parse: parseMdadmDetailScan, schema: MdadmScanSchema, corpus },
  (fuzz) => {
    fuzz.survivesAnyText(30_000);
    fuzz.survives("survives soups of ARRAY tokens", lineSoup(tokenLine, 12), 30_000);
    fuzz.survivesDamage(30_000, { garbage: garbageLine(tokenLine) });
    fuzz.readsCrlfLikeLf(20_000, { trailingWhitespace: true });
  },
);

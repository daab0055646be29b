import { LvmReportSchema } from "@holmes/core";
import fc from "fast-check";
import { describeParserFuzz, loadCorpus, oddJsonValue } from "../testing/fuzz";
import { parseLvmReport } from "./lvm";

const corpus = loadCorpus("lvm");

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
  fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 10 }), oddJsonValue),
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

// 110,000 generated inputs in CI (20k + 25k + 25k + 30k + 10k), a twentieth locally.
describeParserFuzz(
  "parseLvmReport fuzz",
  { parse: parseLvmReport, schema: LvmReportSchema, corpus },
  (fuzz) => {
    fuzz.survivesAnyText(20_000);
    fuzz.survives("survives random reports with LVM's columns", shapedReport, 25_000);
    fuzz.survivesDamage(25_000);
    fuzz.survivesJsonDamage(
      30_000,
      corpus.map((text): unknown => JSON.parse(text)),
    );
    fuzz.readsCrlfLikeLf(10_000, { trailingWhitespace: true });
  },
);

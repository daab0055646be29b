import { LvmReportSchema } from "@holmes/core";
import { describeLineFormatFuzz, loadCorpus } from "../testing/fuzz";
import { parseLvmColumns } from "./lvm-columns";

const corpus = loadCorpus("lvm-columns", []);

/** One parser for any of the three reports: the column count tells them apart in the corpus. */
const FIELDS = {
  7: ["pv_name", "vg_name", "pv_fmt", "pv_attr", "pv_size", "pv_free", "pv_uuid"],
  8: ["vg_name", "lv_name", "lv_uuid", "lv_attr", "lv_size", "origin", "copy_percent", "devices"],
} as const;

function parseAny(text: string) {
  const columns = (text.trim().split("\n")[0] ?? "").split("|").length;
  return columns === 7
    ? parseLvmColumns(text, "pv", FIELDS[7], "|")
    : columns === 8
      ? parseLvmColumns(text, "lv", FIELDS[8], "|")
      : parseLvmColumns(
          text,
          "vg",
          [
            "vg_name",
            "vg_uuid",
            "vg_attr",
            "vg_size",
            "vg_free",
            "vg_extent_size",
            "vg_extent_count",
            "vg_free_count",
            "pv_count",
            "lv_count",
            "snap_count",
            "vg_seqno",
          ],
          "|",
        );
}

const WORDS = [
  "|",
  "||",
  "vg0",
  "VolGroup00",
  "LogVol00",
  "/dev/sda2",
  "/dev/md1(0)",
  "/dev/md1(0),/dev/sdb1(20)",
  "[unknown](4)",
  "wz--n-",
  "wz-pn-",
  "-wi-ao",
  "a-",
  "lvm2",
  "0",
  "4194304",
  "159786205184",
  "12.5g",
  "<1.00t",
  "-1",
  "  ",
];

describeLineFormatFuzz(
  "parseLvmColumns fuzz",
  { parse: parseAny, schema: LvmReportSchema, corpus },
  {
    words: WORDS,
    items: (report) => [...report.pvs, ...report.vgs, ...report.lvs],
    trailingWhitespace: true,
  },
);

import { LvmReportSchema } from "@holmes/core";
import { LVM_COLUMN_FIELDS, LVM_COLUMN_SEPARATOR } from "../commands/lvm-columns";
import { describeLineFormatFuzz, loadCorpus } from "../testing/fuzz";
import { parseLvmColumns } from "./lvm-columns";

const corpus = loadCorpus("lvm-columns", []);

/** One parser for any of the three reports: the column count tells them apart in the corpus. */
function parseAny(text: string) {
  const columns = (text.trim().split("\n")[0] ?? "").split("|").length;
  const kind =
    columns === LVM_COLUMN_FIELDS.pv.length
      ? "pv"
      : columns === LVM_COLUMN_FIELDS.lv.length
        ? "lv"
        : "vg";
  return parseLvmColumns(text, kind, LVM_COLUMN_FIELDS[kind], LVM_COLUMN_SEPARATOR);
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

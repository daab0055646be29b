import { type LsblkDevice, LsblkReportSchema } from "@holmes/core";
import { describeParserFuzz, loadCorpus, wordTable } from "../testing/fuzz";
import { parseLsblk } from "./lsblk";

const corpus = loadCorpus("lsblk");
const isJson = (text: string) => text.trimStart().startsWith("{");

function allDevices(devices: LsblkDevice[]): LsblkDevice[] {
  return devices.flatMap((device) => [device, ...allDevices(device.children)]);
}

// Random tables in lsblk's own vocabulary: headers, tree prefixes, sizes, flags.
const HEADERS = ["NAME", "KNAME", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINTS", "MODEL"];
const CELLS = ["sda", "├─sda1", "└─md0", "│ └─vg-lv", "|-sdb1", "`-nvme0n1p1", "  ", "0", "1", "x"];

// 110,000 generated inputs in CI (15k + 20k + 25k + 10k + 30k + 10k), a twentieth locally.
describeParserFuzz(
  "parseLsblk fuzz",
  { parse: parseLsblk, schema: LsblkReportSchema, corpus },
  (fuzz) => {
    fuzz.survivesAnyText(15_000);
    fuzz.survives(
      "survives random tables in lsblk's vocabulary",
      wordTable(HEADERS, CELLS),
      20_000,
    );
    fuzz.survivesDamage(25_000);
    // Text trees only: nearly every cut of a JSON document is a JSON syntax error.
    const trees = corpus.filter((text) => !isJson(text));
    fuzz.readsTruncated(10_000, { items: (report) => allDevices(report.devices), samples: trees });
    fuzz.survivesJsonDamage(
      30_000,
      corpus.filter(isJson).map((text): unknown => JSON.parse(text)),
    );
    // Trailing blanks are cell text in lsblk's columns, so only the line endings change here.
    fuzz.readsCrlfLikeLf(10_000, { trailingWhitespace: false });
  },
);

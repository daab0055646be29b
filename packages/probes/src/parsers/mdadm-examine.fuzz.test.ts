import { MdadmExamineSchema } from "@holmes/core";
import fc from "fast-check";
import { describeParserFuzz, fieldLine, garbageLine, lineSoup, loadCorpus } from "../testing/fuzz";
import { parseMdadmExamine } from "./mdadm-examine";

const corpus = loadCorpus("mdadm-examine");

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
const formatLine = fc.oneof(fieldLine(KEYS, VALUES), fc.constantFrom(...ROWS));

// 110,000 generated inputs in CI (25k + 25k + 30k + 20k + 10k), a twentieth locally.
describeParserFuzz(
  "parseMdadmExamine fuzz",
  { parse: parseMdadmExamine, schema: MdadmExamineSchema, corpus },
  (fuzz) => {
    fuzz.survivesAnyText(25_000);
    fuzz.survives("survives soups of --examine lines", lineSoup(formatLine, 16), 25_000);
    fuzz.survivesDamage(30_000, { garbage: garbageLine(formatLine) });
    fuzz.readsCrlfLikeLf(20_000, { trailingWhitespace: true });
    const valid = corpus.filter((text) => parseMdadmExamine(text).ok);
    fuzz.readsTruncated(10_000, {
      items: (examine) => examine.deviceTable,
      key: (row) => row.number,
      samples: valid,
    });
  },
);

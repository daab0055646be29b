import { MdadmDetailSchema } from "@holmes/core";
import fc from "fast-check";
import { describeParserFuzz, fieldLine, garbageLine, lineSoup, loadCorpus } from "../testing/fuzz";
import { parseMdadmDetail } from "./mdadm-detail";

const corpus = loadCorpus("mdadm-detail");

const KEYS = [
  "Version",
  "Creation Time",
  "Raid Level",
  "Array Size",
  "Used Dev Size",
  "Raid Devices",
  "Total Devices",
  "Preferred Minor",
  "Persistence",
  "State",
  "Active Devices",
  "Failed Devices",
  "Layout",
  "Chunk Size",
  "Rounding",
  "Rebuild Status",
  "Name",
  "UUID",
  "Events",
  "Container",
  "Member Arrays",
  "Container GUID",
  "Magic",
  "__proto__",
  "constructor",
];
const VALUES = [
  "1.2",
  "0.90",
  "raid1",
  "101376 (99.00 MiB 103.81 MB)",
  "unknown",
  "2",
  "-1",
  "512K",
  "24% complete",
  "101% complete",
  "clean, degraded, recovering",
  "active, resyncing (DELAYED)",
  "x:0  (local to host x)",
  "e054553a:fbccdcfe:0ae80bc8:9379377a",
  "0.18",
  "4294967296.1",
  "99999999999999999999",
  "/dev/md0, member 0",
  "",
  " : ",
];
const ROWS = [
  "    Number   Major   Minor   RaidDevice State",
  "       0     254        1        0      active sync   /dev/vda1",
  "       -       0        0        1      removed",
  "       3     254        4        -      faulty   missing",
  "       1       8    ",
  "MD_LEVEL=raid1",
  "MD_DEVICES=2",
  "MD_DEVICE_dev_sda_ROLE=spare",
  "MD_DEVICE_dev_sda_DEV=/dev/sda",
  "MD_RESHAPE_ACTIVE=True",
  "/dev/md0:",
  "                  (Linux-MD 08/16/22 16:20:42)",
];
const formatLine = fc.oneof(fieldLine(KEYS, VALUES), fc.constantFrom(...ROWS));

// 110,000 generated inputs in CI (25k + 25k + 30k + 20k + 10k), a twentieth locally.
describeParserFuzz(
  "parseMdadmDetail fuzz",
  { parse: parseMdadmDetail, schema: MdadmDetailSchema, corpus },
  (fuzz) => {
    fuzz.survivesAnyText(25_000);
    fuzz.survives(
      "survives soups of --detail and --export lines",
      lineSoup(formatLine, 16),
      25_000,
    );
    fuzz.survivesDamage(30_000, { garbage: garbageLine(formatLine) });
    fuzz.readsCrlfLikeLf(20_000, { trailingWhitespace: true });
    const valid = corpus.filter((text) => parseMdadmDetail(text).ok);
    fuzz.readsTruncated(10_000, {
      items: (detail) => detail.devices,
      key: (device) => device.number,
      samples: valid,
    });
  },
);

import { LoopDeviceListSchema } from "@holmes/core";
import { describeLineFormatFuzz, loadCorpus } from "../testing/fuzz";
import { parseLosetupAll } from "./losetup-all";

const corpus = loadCorpus("losetup-all", []);

const WORDS = [
  "/dev/loop0:",
  "/dev/loop1:",
  "[0803]:12",
  "[2049]:1310734",
  "(/a.img)",
  "(/b c.img (deleted))",
  "(/x)y)",
  ", offset 512",
  ", sizelimit 0",
  ", encryption aes (type 18)",
  "offset",
  "(",
  ")",
];

describeLineFormatFuzz(
  "parseLosetupAll fuzz",
  { parse: parseLosetupAll, schema: LoopDeviceListSchema, corpus },
  { words: WORDS, items: (devices) => devices, trailingWhitespace: true },
);

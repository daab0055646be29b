import { MountEntrySchema } from "@holmes/core";
import { z } from "zod";
import { describeLineFormatFuzz, loadCorpus } from "../testing/fuzz";
import { parseFindmnt } from "./findmnt";

const corpus = loadCorpus("findmnt");

/** Words the format is made of, so random lines get past the first checks. */
const TOKENS = [
  "TARGET",
  "SOURCE",
  "FSTYPE",
  "OPTIONS",
  "ID",
  "PARENT",
  "MAJ:MIN",
  "├─",
  "│ ",
  "└─",
  "|-",
  "`-",
  "/",
  "/mnt/x",
  "/dev/sda1[/sub]",
  "[fd00::1]:/e",
  "nfs4",
  "xfs",
  "rw,soft,vers=3",
  "\\x20",
  'TARGET="/x"',
  'FSTYPE="nfs"',
  "{",
  "}",
  '"filesystems":',
  '"children": [',
  "null",
  ",",
  "  ",
];

describeLineFormatFuzz(
  "parseFindmnt fuzz",
  { parse: parseFindmnt, schema: z.array(MountEntrySchema), corpus },
  {
    words: TOKENS,
    items: (mounts) => mounts,
    // Trailing blanks are text in findmnt's last column.
    trailingWhitespace: false,
  },
);

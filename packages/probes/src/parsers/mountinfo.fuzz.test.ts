import { MountEntrySchema } from "@holmes/core";
import { z } from "zod";
import { describeLineFormatFuzz, loadCorpus } from "../testing/fuzz";
import { parseMountinfo } from "./mountinfo";

const corpus = loadCorpus("mountinfo", ["mountinfo", "proc-mounts"]);

/** Words the format is made of, so random lines get past the first checks. */
const TOKENS = [
  "1",
  "22",
  "0",
  "0:5",
  "253:0",
  "/",
  "/mnt/x",
  "/mnt/a\\040b",
  "/x\\040(deleted)",
  "\\134",
  "rw",
  "ro",
  "rw,relatime",
  "shared:1",
  "master:4",
  "-",
  "nfs",
  "nfs4",
  "ext4",
  "xfs",
  "10.0.0.1:/srv",
  "[fe80::1]:/e",
  "rw,vers=4.1,soft,timeo=x,retrans=2",
  "0 0",
  "\t",
  "  ",
];

describeLineFormatFuzz(
  "parseMountinfo fuzz",
  { parse: parseMountinfo, schema: z.array(MountEntrySchema), corpus },
  {
    words: TOKENS,
    items: (mounts) => mounts,
    trailingWhitespace: true,
  },
);

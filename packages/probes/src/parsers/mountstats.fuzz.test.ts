import { MountstatsReportSchema } from "@holmes/core";
import { describeLineFormatFuzz, loadCorpus } from "../testing/fuzz";
import { parseMountstats } from "./mountstats";

const corpus = loadCorpus("mountstats");

/** Words the format is made of, so random lines get past the first checks. */
const TOKENS = [
  "device",
  "no device",
  "s:/x",
  "mounted on",
  "/mnt",
  "with fstype",
  "nfs4",
  "statvers=1.1",
  "\topts:",
  "rw,vers=4.1,soft",
  "age:",
  "events:",
  "bytes:",
  "xprt:",
  "tcp",
  "udp",
  "rdma",
  "local",
  "per-op statistics",
  "READ:",
  "WRITE:",
  "RPC iostats version:",
  "1",
  "0",
  "18446744073709551615",
  "9007199254740993",
  "18446744073709551616",
  "-1",
  "\t",
];

describeLineFormatFuzz(
  "parseMountstats fuzz",
  { parse: parseMountstats, schema: MountstatsReportSchema, corpus },
  {
    words: TOKENS,
    items: (report) => report.mounts,
    trailingWhitespace: true,
  },
);

import { KernelLogSchema } from "@holmes/core";
import { describeLineFormatFuzz, loadCorpus } from "../testing/fuzz";
import { parseKernelLog } from "./kmsg";

const corpus = loadCorpus("kmsg");

/** Words the format is made of, so random lines get past the first checks. */
const TOKENS = [
  "[  12.345678]",
  "[Mon Nov 20 10:00:00 2023]",
  "Nov 20 10:00:00",
  "2023-11-20T10:00:00+0000",
  "23:54:39,663 INFO",
  "<3>",
  "kern  :err   :",
  "6,1,2,-;",
  "host",
  "kernel:",
  "mdadm[1]:",
  "md/raid1:md0:",
  "md:",
  "Disk failure on sdb1, disabling device.",
  "active with 1 out of 2",
  "XFS (dm-0):",
  "xfs_do_force_shutdown(0x2) called from line",
  'metadata I/O error in "xlog',
  "nfs: server",
  "not responding, still trying",
  "OK",
  ": Stale file handle",
  "'/mnt/x'",
  "I/O error, dev sdb, sector 99999999999999999999",
  ", dev",
  ", sector",
  "ata3.00:",
  "failed command:",
  "swiotlb buffer is full (sz:",
  "Sense Key :",
  "event detected on md device",
];

describeLineFormatFuzz(
  "parseKernelLog fuzz",
  { parse: parseKernelLog, schema: KernelLogSchema, corpus },
  {
    words: TOKENS,
    items: (log) => log.lines,
    // Trailing blanks are part of a kernel log line's message.
    trailingWhitespace: false,
  },
);

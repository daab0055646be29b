import type { ParseResult } from "@holmes/core";
import { parseFindmnt } from "./findmnt";
import { parseKernelLog } from "./kmsg";
import { parseLosetup } from "./losetup";
import { parseLsblk } from "./lsblk";
import { parseLvmReport, parseVgcfgbackup } from "./lvm";
import { parseMdadmDetail, parseMdadmDetailScan } from "./mdadm-detail";
import { parseMdadmExamine } from "./mdadm-examine";
import { parseMdstat } from "./mdstat";
import { parseMountinfo } from "./mountinfo";
import { parseMountstats } from "./mountstats";
import { parseSmartctlAny } from "./smartctl";

type AnyParser = (text: string) => ParseResult<unknown>;

/** `lvm` takes both `pvs/vgs/lvs --reportformat json` and the text of a vgcfgbackup file. */
function parseLvmAny(text: string): ParseResult<unknown> {
  return text.trimStart().startsWith("{") ? parseLvmReport(text) : parseVgcfgbackup(text);
}

/** The formats `holmes parse` knows, by the names other tools rely on. */
export const PARSERS: Readonly<Record<string, AnyParser>> = {
  mdstat: parseMdstat,
  "mdadm-detail": parseMdadmDetail,
  "mdadm-detail-scan": parseMdadmDetailScan,
  "mdadm-examine": parseMdadmExamine,
  // One device's `--json` report or the `--scan --json` device list.
  smartctl: parseSmartctlAny,
  lsblk: parseLsblk,
  findmnt: parseFindmnt,
  mountinfo: parseMountinfo,
  mountstats: parseMountstats,
  losetup: parseLosetup,
  lvm: parseLvmAny,
  kmsg: (text) => parseKernelLog(text),
};

export const PARSE_FORMATS = Object.keys(PARSERS);

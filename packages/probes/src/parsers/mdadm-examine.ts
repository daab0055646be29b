/*
 * `mdadm --examine <member>` (superblock dump of one member device) → MdadmExamine.
 *
 *   /dev/vda2:
 *             Magic : a92b4efc
 *           Version : 1.2
 *        Array UUID : e054553a:fbccdcfe:0ae80bc8:9379377a
 *       Device Role : Replacement device 1
 *       Array State : AR ('A' == active, '.' == missing, 'R' == replacing)
 *
 * Source: mdadm(8); mdadm super0.c/super1.c examine_super*(), super-ddf.c examine_super_ddf(),
 * super-intel.c examine_super_imsm(). Seen: mdadm 4.2 (jc fixtures: 0.90, 1.1, 1.2, DDF
 * containers). imsm dumps parse generically: their [VolumeN] and DiskNN sections land in
 * otherFields under a `Section.` prefix so per-disk keys never overwrite the top-level ones.
 */
import { type MdadmExamine, type ParseResult, parsed, parseFailure } from "@holmes/core";
import { EXAMINE_FIELDS, emptyExamine } from "./md-examine-fields";
import {
  applyDdfField,
  applyVdField,
  emptyDdf,
  parseDeviceRow090,
  parsePhysicalDiskRow,
  roleFromThisRow,
} from "./md-examine-tables";
import { type LineIssue, lookup, splitKeyValue, splitLines, toRecord } from "./md-fields";

const TABLE_090 = /^\s*Number\s+Major\s+Minor\s+RaidDevice\s+State\s*$/;
const TABLE_DDF = /^\s*Number\s+RefNo\s+Size\s+Device\s+Type\/State\s*$/;
const DDF_MAGIC = "de11de11";

type Mode = "fields" | "table090" | "ddfDisks" | "ddfUnlisted";
type State = {
  ex: MdadmExamine;
  others: Array<[string, string]>;
  mode: Mode;
  section: string | null;
  sawMagic: boolean;
};

export function parseMdadmExamine(text: string): ParseResult<MdadmExamine> {
  const lines = splitLines(text);
  const state: State = {
    ex: emptyExamine(),
    others: [],
    mode: "fields",
    section: null,
    sawMagic: false,
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.trim() === "") continue;
    const issue = parseLine(state, line);
    if (issue) return parseFailure(issue.expected, issue.got, { line: index + 1 });
  }
  if (!state.sawMagic) {
    return parseFailure('"Magic : …" superblock line', "", { line: Math.max(1, lines.length) });
  }
  state.ex.otherFields = toRecord(state.others);
  return parsed(state.ex);
}

function parseLine(state: State, line: string): LineIssue | null {
  const trimmed = line.trim();
  // The `/dev/sda1:` heading can only come before the Magic line.
  const heading = state.sawMagic || state.ex.device !== null ? null : /^(\S+):$/.exec(trimmed);
  if (heading) {
    state.ex.device = heading[1] ?? null;
    return null;
  }
  if (TABLE_090.test(line)) return switchMode(state, "table090", trimmed);
  if (TABLE_DDF.test(line)) return switchMode(state, "ddfDisks", trimmed);
  if (trimmed === "Physical disks not in metadata!:") {
    return switchMode(state, "ddfUnlisted", trimmed);
  }
  if (state.mode === "table090") return parse090Row(state, line);
  if (state.mode === "ddfDisks") return parseDdfRow(state, line);
  if (state.mode === "ddfUnlisted") return parseUnlisted(state, trimmed);
  // DDF prints a GUID's readable part on an indented `(…)` line of its own.
  if (state.sawMagic && /^\s+\(.*\)$/.test(line.trimEnd())) return null;
  const field = splitKeyValue(line);
  if (field) return applyField(state, field.key, field.value, trimmed);
  if (isImsm(state) && parseImsmHeading(state, trimmed)) return null;
  return { expected: '"Key : value" line or device table', got: trimmed };
}

function isImsm(state: State): boolean {
  return state.ex.magic.startsWith("Intel Raid ISM");
}

/**
 * imsm dumps are sectioned: `[Volume0]:`, `Bad Block Management Log:`, `Migration Record
 * Information:`; free text inside a section is kept rather than rejected.
 */
function parseImsmHeading(state: State, trimmed: string): boolean {
  const heading =
    /^\[([^\]]+)\]:$/.exec(trimmed) ?? /^([A-Z][A-Za-z .]*[A-Za-z]):(?:\s|$)/.exec(trimmed);
  if (heading) {
    state.section = heading[1] ?? null;
    const rest = trimmed.slice((heading[0] ?? "").length).trim();
    if (rest !== "") state.others.push([`${state.section}`, rest]);
    return true;
  }
  if (state.section === null) return false;
  state.others.push([`${state.section}.text`, trimmed]);
  return true;
}

function switchMode(state: State, mode: Mode, trimmed: string): LineIssue | null {
  if (!state.sawMagic) return { expected: '"Magic : …" superblock line', got: trimmed };
  state.mode = mode;
  return null;
}

function applyField(state: State, key: string, value: string, line: string): LineIssue | null {
  const { ex } = state;
  if (!state.sawMagic) {
    // Native and DDF magics are 8 hex digits; imsm prints its signature text.
    if (key !== "Magic" || !/^(?:[0-9a-f]{8}|Intel Raid ISM Cfg Sig\.)$/.test(value)) {
      return { expected: '"Magic : …" superblock line (mdadm --examine output)', got: line };
    }
    state.sawMagic = true;
    ex.magic = value;
    if (value === DDF_MAGIC) ex.ddf = emptyDdf();
    return null;
  }
  // imsm: `Disk00 Serial : …` opens a per-disk section whose State/Id must not clobber ours.
  const disk = isImsm(state) ? /^(Disk\d*) Serial$/.exec(key) : null;
  if (disk) state.section = disk[1] ?? null;
  if (state.section !== null) {
    state.others.push([`${state.section}.${disk ? "Serial" : key}`, value]);
    return null;
  }
  const ddfResult = ex.ddf
    ? (applyDdfField(ex.ddf, key, value) ?? applyVdField(ex.ddf, key, value))
    : null;
  if (ddfResult !== null) return ddfResult ? null : { expected: `valid DDF ${key}`, got: value };
  const known = lookup(EXAMINE_FIELDS, key);
  if (!known) {
    state.others.push([key, value]);
    return null;
  }
  return known.apply(ex, value) ? null : { expected: `${key} as ${known.expected}`, got: value };
}

function parse090Row(state: State, line: string): LineIssue | null {
  const row = parseDeviceRow090(line);
  if (!row)
    return { expected: '"[this|n] Number Major Minor RaidDevice State" row', got: line.trim() };
  if (row.index === null) {
    state.ex.thisDevice = row;
    roleFromThisRow(state.ex, row);
  } else {
    state.ex.deviceTable.push(row);
  }
  return null;
}

function parseDdfRow(state: State, line: string): LineIssue | null {
  const row = parsePhysicalDiskRow(line);
  if (!row || !state.ex.ddf) {
    return { expected: '"Number RefNo Size [Device] Type/State" row', got: line.trim() };
  }
  state.ex.ddf.physicalDisks.push(row);
  return null;
}

/** `   a1b2c3d4 /dev/sdc`: disks carrying DDF metadata that the container does not list. */
function parseUnlisted(state: State, trimmed: string): LineIssue | null {
  const match = /^([0-9A-Fa-f]{8}) (\S+)$/.exec(trimmed);
  if (!match) return { expected: '"<refno> <device>" row', got: trimmed };
  state.others.push([`unlisted ${match[1] ?? ""}`, match[2] ?? ""]);
  return null;
}

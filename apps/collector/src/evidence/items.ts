import type { EvidenceKind, LsblkReport, ParseResult } from "@holmes/core";
import {
  type FixedCommandId,
  fixedCommand,
  lvmBackup,
  type ProbeSection,
  sfdiskDump,
} from "@holmes/probes/commands";
import {
  parseLsblk,
  parseMdadmDetail,
  parseMdadmExamine,
  parseMdstat,
  parseVgcfgbackup,
} from "@holmes/probes/parsers";
import { blockIndex, deviceLabel, stableDeviceKey } from "./block-index";
import { lsblkTree } from "./lsblk-tree";
import { buildMdArrayMap, mdMapFingerprintText, renderMdArrayMap } from "./md-map";
import { SectionIndex } from "./sections";
import { detailFingerprintText, examineFingerprintText } from "./volatile";

/** Item families whose members come and go with what the host has (arrays, VGs, disks). */
export type EvidenceFamily = "md" | "lvm" | "partition";

export type EvidenceItem = {
  itemKey: string;
  kind: EvidenceKind;
  label: string;
  source: string;
  content: string;
  /** What "changed" compares: the content without fields that change on every write. */
  fingerprintText: string;
  summary: Record<string, unknown> | null;
  family: EvidenceFamily | null;
};

export type EvidenceItems = {
  items: EvidenceItem[];
  /**
   * Families this poll saw completely (mdstat, vgs, the partition tables were read and every one
   * of their commands answered), so an item of theirs that is missing is really gone; for the
   * others a missing item says nothing.
   */
  judged: Set<EvidenceFamily>;
};

/**
 * What the poll already parsed of these outputs (PollReader.parsedBefore): the same value for the
 * same text and parser, or undefined where it did not. The poll reads lsblk, mdstat and each
 * array's detail too, and a new host's first capture would otherwise parse them twice.
 */
export type ParsedBefore = <T>(
  id: string,
  text: string,
  parser: (text: string) => ParseResult<T>,
) => T | null | undefined;

const parseNothingBefore: ParsedBefore = () => undefined;

/** A section's output parsed, or null where it has none or it does not parse. */
type Parsed = <T>(id: string, parser: (text: string) => ParseResult<T>) => T | null;

const commandText = (id: FixedCommandId) => fixedCommand(id).argv.join(" ");

/** Which parts of one poll's raw outputs become which evidence items. Pure. */
export function buildEvidenceItems(
  sections: readonly ProbeSection[],
  parsedBefore: ParsedBefore = parseNothingBefore,
): EvidenceItems {
  const index = new SectionIndex(sections);
  const parsed: Parsed = (id, parser) => {
    const text = index.text(id);
    if (text === null) return null;
    const before = parsedBefore(id, text, parser);
    if (before !== undefined) return before;
    const result = parser(text);
    return result.ok ? result.value : null;
  };
  // Parsed once: the identity of each device and the lsblk item's tree both come from it.
  const lsblk = parsed("lsblk", parseLsblk);
  const identityOf = blockIndex(lsblk);
  const items: EvidenceItem[] = [];
  const judged = new Set<EvidenceFamily>();
  const answeredAll = (...commandIds: string[]) =>
    commandIds.every((commandId) => index.idsOf(commandId).every((id) => index.hasAnswered(id)));
  const mdstat = parsed("mdstat", parseMdstat);
  if (mdstat) {
    if (answeredAll("mdadm-detail", "mdadm-examine")) judged.add("md");
    for (const array of mdstat.arrays) items.push(...mdItems(index, parsed, array, identityOf));
  }
  items.push(...singletonItems(index, lsblk));
  if (index.text("vgs") !== null && answeredAll("lvm-backup")) judged.add("lvm");
  for (const id of index.idsOf("lvm-backup")) {
    const vg = id.slice("lvm-backup:".length);
    const text = index.text(id);
    if (text === null) continue;
    const metadata = parsed(id, parseVgcfgbackup);
    items.push({
      ...raw("lvm-metadata", `lvm-metadata:${vg}`, vg, lvmBackup(vg).argv.join(" "), text),
      summary: metadata ? { ...metadata } : null,
      family: "lvm",
    });
  }
  const tables = index.idsOf("sfdisk-dump");
  if (tables.length > 0 && index.text("lsblk") !== null && answeredAll("sfdisk-dump")) {
    judged.add("partition");
  }
  for (const id of tables) {
    const path = id.slice("sfdisk-dump:".length);
    const text = index.text(id);
    if (text === null) continue;
    const identity = identityOf(path);
    const key = `partition-table:${stableDeviceKey(path, identity)}`;
    const source = sfdiskDump(path).argv.join(" ");
    const label = deviceLabel(path, identity);
    items.push({ ...raw("partition-table", key, label, source, text), family: "partition" });
  }
  return { items: uniqueKeys(items), judged };
}

function raw(
  kind: EvidenceKind,
  itemKey: string,
  label: string,
  source: string,
  content: string,
): EvidenceItem {
  return {
    itemKey,
    kind,
    label,
    source,
    content,
    fingerprintText: content,
    summary: null,
    family: null,
  };
}

function mdItems(
  index: SectionIndex,
  parsed: Parsed,
  array: Parameters<typeof buildMdArrayMap>[0]["array"],
  identityOf: ReturnType<typeof blockIndex>,
): EvidenceItem[] {
  const detailId = `mdadm-detail:/dev/${array.name}`;
  const detailText = index.text(detailId);
  const examineText = (device: string) => index.text(`mdadm-examine:/dev/${device}`);
  const map = buildMdArrayMap({
    array,
    detail: parsed(detailId, parseMdadmDetail),
    examineOf: (device) => parsed(`mdadm-examine:/dev/${device}`, parseMdadmExamine),
    identityOf,
  });
  const arrayKey = map.uuid ?? `name=${array.name}`;
  const label = `${map.device} (${[map.level, map.layout].filter(Boolean).join(", ") || "md"})`;
  const items: EvidenceItem[] = [
    {
      ...raw(
        "md-map",
        `md-map:${arrayKey}`,
        label,
        "derived: mdadm --examine, --detail, lsblk",
        renderMdArrayMap(map),
      ),
      fingerprintText: mdMapFingerprintText(map),
      family: "md",
    },
  ];
  if (detailText !== null) {
    items.push({
      ...raw(
        "mdadm-detail",
        `mdadm-detail:${arrayKey}`,
        map.device,
        `mdadm --detail ${map.device}`,
        detailText,
      ),
      fingerprintText: detailFingerprintText(detailText),
      family: "md",
    });
  }
  for (const member of array.members) {
    const text = examineText(member.device);
    if (text === null) continue;
    const path = `/dev/${member.device}`;
    const identity = identityOf(member.device);
    items.push({
      ...raw(
        "mdadm-examine",
        `mdadm-examine:${stableDeviceKey(path, identity)}`,
        deviceLabel(path, identity),
        `mdadm --examine ${path}`,
        text,
      ),
      fingerprintText: examineFingerprintText(text),
      family: "md",
    });
  }
  return items;
}

function singletonItems(index: SectionIndex, lsblk: LsblkReport | null): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  // Kept even when empty: "no arrays any more" is evidence too.
  const scan = index.text("mdadm-detail-scan");
  if (scan !== null) {
    items.push(
      raw(
        "mdadm-detail-scan",
        "mdadm-detail-scan",
        "mdadm --detail --scan",
        commandText("mdadm-detail-scan"),
        scan,
      ),
    );
  }
  for (const id of ["mdadm-conf-debian", "mdadm-conf"] as const) {
    const conf = index.text(id);
    if (conf === null) continue;
    const path = fixedCommand(id).argv[1] ?? id;
    items.push(raw("mdadm-conf", "mdadm-conf", path, commandText(id), conf));
    break;
  }
  const fstab = index.text("fstab");
  if (fstab !== null) items.push(raw("fstab", "fstab", "/etc/fstab", commandText("fstab"), fstab));
  const lsblkText = index.text("lsblk");
  if (lsblkText !== null) {
    items.push({
      ...raw("lsblk", "lsblk", "lsblk tree", commandText("lsblk"), lsblkText),
      summary: lsblk ? { tree: lsblkTree(lsblk) } : null,
    });
  }
  return items;
}

/** Multipath shows one disk (one serial) under two names: each item key must still be unique. */
function uniqueKeys(items: EvidenceItem[]): EvidenceItem[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let key = item.itemKey;
    for (let n = 2; seen.has(key); n++) key = `${item.itemKey}#${n}`;
    seen.add(key);
    return key === item.itemKey ? item : { ...item, itemKey: key };
  });
}

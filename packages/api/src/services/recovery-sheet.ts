import {
  type EvidenceMdArray,
  EvidenceMdArraySchema,
  type EvidenceMdMember,
  type VgMetadata,
} from "@holmes/core";
import type { VerifiedVersion } from "@holmes/db/queries/evidence-read";
import type { loadRecoveryEvidence } from "@holmes/db/queries/evidence-sheet";
import { mirrorSets } from "@holmes/findings";

type RecoveryEvidence = Awaited<ReturnType<typeof loadRecoveryEvidence>>;
type Item = RecoveryEvidence["items"][number];

/** One stored text as the sheet shows it; `text` is null when it failed its integrity check. */
export type SheetText = {
  itemKey: string;
  label: string;
  source: string;
  versionId: number;
  capturedAt: Date;
  sha256: string;
  integrity: "ok" | "mismatch";
  text: string | null;
  /** The host no longer has it (the newest capture found it gone); this is the last seen. */
  goneSince: Date | null;
  /** It changed since the first recent alert: the version from before, the state to recover. */
  before: Omit<SheetText, "before" | "goneSince"> | null;
};

export type SheetArray = Omit<EvidenceMdArray, "members"> & {
  capture: SheetText;
  members: EvidenceMdMember[];
  /** Slots holding copies of the same data, with the disk in each (RAID1, RAID10). */
  mirrorSets: Array<Array<{ slot: number; device: string | null; serial: string | null }>> | null;
};

export type SheetVolumeGroup = {
  capture: SheetText;
  metadata: VgMetadata | null;
  /** The metadata from before the recent change (a re-create): what vgcfgrestore needs. */
  before: { capture: ReturnType<typeof sheetText>; metadata: VgMetadata | null } | null;
};

export type RecoverySheet = {
  host: { id: string; name: string };
  generatedAt: Date;
  alerts: Array<{
    kind: string;
    subject: string;
    message: string;
    observedAt: Date;
    resolvedAt: Date | null;
  }>;
  arrays: SheetArray[];
  examines: SheetText[];
  mdadmConf: SheetText | null;
  mdadmScan: SheetText | null;
  partitionTables: SheetText[];
  volumeGroups: SheetVolumeGroup[];
  fstab: SheetText | null;
  /** The block tree, drawn from the stored lsblk JSON by the collector. */
  lsblk: SheetText | null;
};

/** The text as people read it: the lsblk JSON drawn as a tree, everything else verbatim. */
function readable(version: VerifiedVersion): string | null {
  if (version.integrity !== "ok") return null;
  const tree = version.summary?.tree;
  return typeof tree === "string" ? tree : version.content;
}

function sheetText(version: VerifiedVersion) {
  return {
    itemKey: version.itemKey,
    label: version.label,
    source: version.source,
    versionId: version.id,
    capturedAt: version.capturedAt,
    sha256: version.sha256,
    integrity: version.integrity,
    text: readable(version),
  };
}

function textOf(item: Item): SheetText | null {
  if (!item.lastGood) return null;
  return {
    ...sheetText(item.lastGood),
    goneSince: item.head.isAbsent ? item.head.capturedAt : null,
    before: item.beforeChange ? sheetText(item.beforeChange) : null,
  };
}

function toArray(item: Item): SheetArray | null {
  const capture = textOf(item);
  if (!capture?.text) return null;
  const parsed = EvidenceMdArraySchema.safeParse(JSON.parse(capture.text));
  if (!parsed.success) return null;
  const map = parsed.data;
  const sets = mirrorSets(map.level, map.layout, map.raidDevices ?? 0);
  const inSlot = (slot: number) => map.members.find((m) => m.slot === slot && m.role !== "spare");
  return {
    ...map,
    capture,
    mirrorSets:
      sets?.map((set) =>
        set.map((slot) => ({
          slot,
          device: inSlot(slot)?.device ?? null,
          serial: inSlot(slot)?.serial ?? null,
        })),
      ) ?? null,
  };
}

/**
 * The recovery sheet, in the order a superblock recovery needs it: what changed, the arrays with
 * members by slot and serial and their mirror pairs, each member's superblock, mdadm.conf and the
 * scan, the partition tables, the LVM layout with its metadata text, fstab and the block tree.
 * Every text is the latest with content, with its capture time; a text that fails its sha256
 * check is flagged and withheld. Pure: the evidence is loaded by the caller.
 */
export function buildRecoverySheet(
  host: { id: string; name: string },
  evidence: RecoveryEvidence,
  now: Date,
): RecoverySheet {
  const ofKind = (kind: string) =>
    evidence.items.filter((item) => item.itemKey.split(":")[0] === kind);
  const texts = (kind: string) =>
    ofKind(kind)
      .flatMap((item) => textOf(item) ?? [])
      .sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }));
  const single = (kind: string) => texts(kind)[0] ?? null;
  return {
    host,
    generatedAt: now,
    alerts: evidence.alerts.map(({ kind, subject, message, observedAt, resolvedAt }) => ({
      kind,
      subject,
      message,
      observedAt,
      resolvedAt,
    })),
    arrays: ofKind("md-map").flatMap((item) => toArray(item) ?? []),
    examines: texts("mdadm-examine"),
    mdadmConf: single("mdadm-conf"),
    mdadmScan: single("mdadm-detail-scan"),
    partitionTables: texts("partition-table"),
    volumeGroups: ofKind("lvm-metadata").flatMap((item): SheetVolumeGroup[] => {
      const capture = textOf(item);
      if (!capture || !item.lastGood) return [];
      const previous = item.beforeChange;
      return [
        {
          capture,
          metadata: metadataOf(item.lastGood),
          before: previous
            ? { capture: sheetText(previous), metadata: metadataOf(previous) }
            : null,
        },
      ];
    }),
    fstab: single("fstab"),
    lsblk: single("lsblk"),
  };
}

function metadataOf(version: VerifiedVersion): VgMetadata | null {
  return version.integrity === "ok" ? ((version.summary as VgMetadata | null) ?? null) : null;
}

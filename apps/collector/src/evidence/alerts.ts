import { type EvidenceMdArray, EvidenceMdArraySchema, type VgMetadata } from "@holmes/core";
import type { NewEvidenceAlert } from "@holmes/db/queries/evidence-capture";
import { parseVgcfgbackup } from "@holmes/probes/parsers";
import type { PlannedVersion } from "./plan";

export type VersionChange = { version: PlannedVersion; previousContent: string | null };
export type AlertOutcome = {
  alerts: NewEvidenceAlert[];
  resolves: Array<{ kind: string; itemKey: string }>;
};

/** The kinds whose previous text a change is compared with. */
export const COMPARED_KINDS = new Set(["md-map", "lvm-metadata"]);

/**
 * The changes between two versions that a recovery must know about: a different disk (by serial)
 * in a slot, members whose superblocks disagree on the event count, a volume group's metadata
 * going back to a lower seqno, an array that is no longer there. Pure.
 */
export function detectAlerts(changes: readonly VersionChange[]): AlertOutcome {
  const outcome: AlertOutcome = { alerts: [], resolves: [] };
  for (const change of changes) {
    if (change.version.kind === "md-map") mdAlerts(change, outcome);
    if (change.version.kind === "lvm-metadata") lvmAlerts(change, outcome);
  }
  return outcome;
}

function parseMap(content: string | null): EvidenceMdArray | null {
  if (!content) return null;
  try {
    const result = EvidenceMdArraySchema.safeParse(JSON.parse(content));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

function mdAlerts({ version, previousContent }: VersionChange, outcome: AlertOutcome) {
  const itemKey = version.itemKey;
  const before = version.previous?.isAbsent ? null : parseMap(previousContent);
  const after = version.isAbsent ? null : parseMap(version.content);
  const previousVersionId = version.previous?.versionId ?? null;
  const alert = (
    kind: string,
    subject: string,
    message: string,
    detail: NewEvidenceAlert["detail"],
  ) => outcome.alerts.push({ kind, subject, itemKey, previousVersionId, message, detail });
  if (!after) {
    outcome.resolves.push({ kind: "events-diverged", itemKey });
    if (before) {
      alert(
        "array-gone",
        before.name,
        `${before.name} is no longer assembled; its last md map (${before.members.length} members) stays in the vault`,
        {
          uuid: before.uuid,
          level: before.level,
          layout: before.layout,
          members: before.members.length,
        },
      );
    }
    return;
  }
  if (version.previous?.isAbsent) outcome.resolves.push({ kind: "array-gone", itemKey });
  const behind = after.members.filter((m) => m.isBehind);
  const wasBehind = before?.members.some((m) => m.isBehind) ?? false;
  if (behind.length > 0 && !wasBehind) {
    const newest = Math.max(...after.members.map((m) => m.events ?? 0));
    const lagging = behind.map(
      (m) => `${m.device} (${m.serial ?? "no serial"}) ${newest - (m.events ?? 0)} behind`,
    );
    alert(
      "events-diverged",
      after.name,
      `${after.name}: superblock event counts disagree: ${lagging.join(", ")}`,
      {
        uuid: after.uuid,
        newestEvents: newest,
        behind: lagging.join("; "),
      },
    );
  }
  if (behind.length === 0 && wasBehind) outcome.resolves.push({ kind: "events-diverged", itemKey });
  if (before) slotAlerts(before, after, alert);
}

function slotSerials(map: EvidenceMdArray): Map<number, string> {
  const bySlot = new Map<number, string>();
  for (const m of map.members) {
    const isHolder = m.role !== "spare" && m.role !== "faulty";
    if (m.slot !== null && m.serial && isHolder) bySlot.set(m.slot, m.serial);
  }
  return bySlot;
}

function slotAlerts(
  before: EvidenceMdArray,
  after: EvidenceMdArray,
  alert: (
    kind: string,
    subject: string,
    message: string,
    detail: NewEvidenceAlert["detail"],
  ) => void,
) {
  const was = slotSerials(before);
  const now = slotSerials(after);
  const changed = [...now].filter(([slot, serial]) => was.has(slot) && was.get(slot) !== serial);
  if (changed.length === 0) return;
  const previousSerials = new Set(was.values());
  // A serial that held another slot before means members were reordered, not replaced.
  const isMoved = changed.some(([, serial]) => previousSerials.has(serial));
  const text = changed.map(([slot, serial]) => `slot ${slot}: ${was.get(slot)} → ${serial}`);
  alert("slot-serial-changed", after.name, `${after.name}: ${text.join(", ")}`, {
    uuid: after.uuid,
    slots: changed.map(([slot]) => slot).join(","),
    changes: text.join("; "),
    isMoved,
  });
}

function seqnoOf(metadata: VgMetadata | null) {
  return metadata ? { seqno: metadata.seqno, vgId: metadata.vgId } : null;
}

function lvmAlerts({ version, previousContent }: VersionChange, outcome: AlertOutcome) {
  if (version.isAbsent || !previousContent || version.previous?.isAbsent) return;
  const parsedBefore = parseVgcfgbackup(previousContent);
  const before = seqnoOf(parsedBefore.ok ? parsedBefore.value : null);
  const after = seqnoOf((version.summary as VgMetadata | null) ?? null);
  if (before?.seqno == null || after?.seqno == null || after.seqno >= before.seqno) return;
  const isNewVg = before.vgId !== after.vgId;
  outcome.alerts.push({
    kind: "lvm-seqno-backwards",
    subject: version.label,
    itemKey: version.itemKey,
    previousVersionId: version.previous?.versionId ?? null,
    message: `${version.label}: metadata seqno went back from ${before.seqno} to ${after.seqno}${isNewVg ? " and the VG UUID changed" : ""}`,
    detail: {
      previousSeqno: before.seqno,
      seqno: after.seqno,
      previousVgId: before.vgId,
      vgId: after.vgId,
      isNewVg,
    },
  });
}

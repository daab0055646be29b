import type { EvidenceAlertKind, EvidenceAlertState, FindingDraft, HostState } from "@holmes/core";
import { draftFor, type Rule } from "../rule";
import type { FindingSettings } from "../settings";

/**
 * Rules over the evidence vault's alerts: changes between two captured versions that matter to a
 * recovery. The collector computes the alerts when it stores a version; these rules only word them.
 * A change that is a moment (slots, seqno, a vanished array) holds a finding for the recent window;
 * diverging event counts hold one for as long as the latest md map shows them.
 */

function alertsOf(state: HostState, settings: FindingSettings, kind: EvidenceAlertKind) {
  const since = state.now.getTime() - settings.recentWindowHours * 3_600_000;
  return state.evidenceAlerts.filter(
    (alert) =>
      alert.kind === kind && (kind === "events-diverged" || alert.observedAt.getTime() >= since),
  );
}

const valuesOf = (alert: EvidenceAlertState) => ({
  ...alert.values,
  observedAt: alert.observedAt.toISOString(),
});

/** A plain replacement of one slot's disk is already `disk.replaced`; say it once. */
function isReportedReplacement(state: HostState, alert: EvidenceAlertState): boolean {
  if (alert.values.isMoved === true) return false;
  const slots = String(alert.values.slots ?? "")
    .split(",")
    .filter(Boolean)
    .map(Number);
  return (
    slots.length > 0 &&
    slots.every((slot) =>
      state.slotChanges.some((c) => c.arrayName === alert.subject && c.slot === slot),
    )
  );
}

export const evidenceSlotMapChanged: Rule = {
  id: "evidence.slot_map_changed",
  summary: "The md slot → disk serial map changed between two captures",
  runbookId: "md-superblock-recovery",
  evaluate: (state, settings) =>
    alertsOf(state, settings, "slot-serial-changed")
      .filter((alert) => !isReportedReplacement(state, alert))
      .map((alert): FindingDraft => {
        const isMoved = alert.values.isMoved === true;
        return draftFor(evidenceSlotMapChanged, {
          severity: isMoved ? "warning" : "info",
          objectKind: "array",
          objectName: alert.subject,
          title: isMoved
            ? `${alert.subject}: disks moved between slots`
            : `${alert.subject}: different disks in its slots`,
          explanation: isMoved
            ? "A disk that held one slot now holds another: the array was re-created or re-assembled in a different order. Data is only readable in the original order; the evidence vault keeps the map from before the change. Compare the two before writing anything."
            : "The superblocks now name different disks (by serial) for these slots than the last capture did. If nobody replaced a disk, check the cabling before any rebuild; the previous map is in the evidence vault.",
          values: valuesOf(alert),
          lines: [alert.message],
        });
      }),
};

export const evidenceEventsDiverged: Rule = {
  id: "evidence.events_diverged",
  summary: "Members of one array disagree on the superblock event count",
  runbookId: "md-superblock-recovery",
  evaluate: (state, settings) =>
    alertsOf(state, settings, "events-diverged").map((alert) =>
      draftFor(evidenceEventsDiverged, {
        severity: "warning",
        objectKind: "array",
        objectName: alert.subject,
        title: `${alert.subject}: members' event counts diverge`,
        explanation:
          "A member whose superblock event count lags the others holds stale data: md will not (and you should not force it to) use it as current. Before any assemble with --force, note which members are newest; the evidence vault keeps each member's counts.",
        values: valuesOf(alert),
        lines: [alert.message],
      }),
    ),
};

export const evidenceLvmSeqnoBackwards: Rule = {
  id: "evidence.lvm_seqno_backwards",
  summary: "A volume group's metadata went back to a lower seqno",
  runbookId: "lvm-metadata-restore",
  evaluate: (state, settings) =>
    alertsOf(state, settings, "lvm-seqno-backwards").map((alert) =>
      draftFor(evidenceLvmSeqnoBackwards, {
        severity: "critical",
        objectKind: "volume_group",
        objectName: alert.subject,
        title:
          alert.values.isNewVg === true
            ? `${alert.subject} was re-created: new UUID, seqno ${alert.values.seqno}`
            : `${alert.subject}: metadata seqno went back to ${alert.values.seqno}`,
        explanation:
          "LVM only ever raises a VG's seqno. A lower one means the VG was re-created (an installer, vgcreate) or its metadata restored from an old backup: the logical volumes may now point at the wrong extents. Stop writes to it; the metadata from before is in the evidence vault for vgcfgrestore.",
        values: valuesOf(alert),
        lines: [alert.message],
      }),
    ),
};

export const evidenceArrayGone: Rule = {
  id: "evidence.array_gone",
  summary: "An md array seen before is no longer assembled",
  runbookId: "md-superblock-recovery",
  evaluate: (state, settings) =>
    alertsOf(state, settings, "array-gone").map((alert) =>
      draftFor(evidenceArrayGone, {
        severity: "warning",
        objectKind: "array",
        objectName: alert.subject,
        title: `${alert.subject} is no longer assembled`,
        explanation:
          "The array was there at the last capture and is not now. If it was not stopped on purpose, its superblocks may have been overwritten (a reinstall, a wrong mdadm --create): do not create anything on its disks. The last md map, with each member's slot and disk serial, is in the evidence vault.",
        values: valuesOf(alert),
        lines: [alert.message],
      }),
    ),
};

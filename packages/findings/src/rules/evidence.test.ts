import { describe, expect, it } from "vitest";
import { evidenceAlert, hostState, hoursAgo, run, single, slotChange } from "../testing/host-state";
import {
  evidenceArrayGone,
  evidenceEventsDiverged,
  evidenceLvmSeqnoBackwards,
  evidenceSlotMapChanged,
} from "./evidence";

const withAlerts = (...alerts: ReturnType<typeof evidenceAlert>[]) =>
  hostState({ evidenceAlerts: alerts });

describe("evidence.slot_map_changed", () => {
  it("warns when disks moved between slots (a re-create in another order)", () => {
    const moved = evidenceAlert("slot-serial-changed", {
      values: { slots: "0,1", changes: "slot 0: A → B; slot 1: B → A", isMoved: true },
    });
    const finding = single(run(evidenceSlotMapChanged, withAlerts(moved)));
    expect(finding).toMatchObject({
      severity: "warning",
      objectKind: "array",
      objectName: "md1",
      title: "md1: disks moved between slots",
      runbookId: "md-superblock-recovery",
    });
    expect(finding.evidence.lines).toEqual([moved.message]);
  });

  it("is info for a new disk in a slot, and silent when disk.replaced already said so", () => {
    const replaced = evidenceAlert("slot-serial-changed");
    expect(single(run(evidenceSlotMapChanged, withAlerts(replaced))).severity).toBe("info");
    const known = hostState({
      evidenceAlerts: [replaced],
      slotChanges: [slotChange({ arrayName: "md1", slot: 2 })],
    });
    expect(run(evidenceSlotMapChanged, known)).toEqual([]);
  });

  it("lets a change older than the recent window go", () => {
    const old = evidenceAlert("slot-serial-changed", { observedAt: hoursAgo(30) });
    expect(run(evidenceSlotMapChanged, withAlerts(old))).toEqual([]);
  });
});

describe("evidence.events_diverged", () => {
  it("holds as long as the alert is open, however old", () => {
    const alert = evidenceAlert("events-diverged", { observedAt: hoursAgo(24 * 30) });
    const finding = single(run(evidenceEventsDiverged, withAlerts(alert)));
    expect(finding).toMatchObject({ severity: "warning", objectName: "md1" });
    expect(finding.evidence.values.behind).toContain("37 behind");
  });

  it("says nothing without an alert of its kind", () => {
    expect(run(evidenceEventsDiverged, withAlerts(evidenceAlert("array-gone")))).toEqual([]);
  });
});

describe("evidence.lvm_seqno_backwards", () => {
  it("is critical and says when the VG was re-created", () => {
    const finding = single(
      run(evidenceLvmSeqnoBackwards, withAlerts(evidenceAlert("lvm-seqno-backwards"))),
    );
    expect(finding).toMatchObject({
      severity: "critical",
      objectKind: "volume_group",
      objectName: "vg0",
      title: "vg0 was re-created: new UUID, seqno 2",
    });
  });

  it("words a restore of the same VG differently, and forgets it after the window", () => {
    const restored = evidenceAlert("lvm-seqno-backwards", {
      values: { previousSeqno: 9, seqno: 7, isNewVg: false },
    });
    expect(single(run(evidenceLvmSeqnoBackwards, withAlerts(restored))).title).toBe(
      "vg0: metadata seqno went back to 7",
    );
    const old = { ...restored, observedAt: hoursAgo(25) };
    expect(run(evidenceLvmSeqnoBackwards, withAlerts(old))).toEqual([]);
  });
});

describe("evidence.array_gone", () => {
  it("warns that the array is no longer assembled", () => {
    const finding = single(run(evidenceArrayGone, withAlerts(evidenceAlert("array-gone"))));
    expect(finding).toMatchObject({
      severity: "warning",
      objectName: "md1",
      title: "md1 is no longer assembled",
    });
  });

  it("says nothing for a healthy host", () => {
    expect(run(evidenceArrayGone, hostState())).toEqual([]);
  });
});

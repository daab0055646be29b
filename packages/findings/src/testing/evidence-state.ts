import type { EvidenceAlertKind, EvidenceAlertState } from "@holmes/core";
import { hoursAgo } from "./time";

const DEFAULTS: Record<EvidenceAlertKind, Omit<EvidenceAlertState, "kind" | "observedAt">> = {
  "slot-serial-changed": {
    subject: "md1",
    itemKey: "md-map:a1b2c3d4:e5f60718:293a4b5c:6d7e8f90",
    message: "md1: slot 2: WD-A → WD-B",
    values: { slots: "2", changes: "slot 2: WD-A → WD-B", isMoved: false },
  },
  "events-diverged": {
    subject: "md1",
    itemKey: "md-map:a1b2c3d4:e5f60718:293a4b5c:6d7e8f90",
    message: "md1: superblock event counts disagree: /dev/sdd2 (WD-D) 37 behind",
    values: { newestEvents: 1200, behind: "/dev/sdd2 (WD-D) 37 behind" },
  },
  "lvm-seqno-backwards": {
    subject: "vg0",
    itemKey: "lvm-metadata:vg0",
    message: "vg0: metadata seqno went back from 1100 to 2 and the VG UUID changed",
    values: { previousSeqno: 1100, seqno: 2, isNewVg: true },
  },
  "array-gone": {
    subject: "md1",
    itemKey: "md-map:a1b2c3d4:e5f60718:293a4b5c:6d7e8f90",
    message: "md1 is no longer assembled; its last md map (10 members) stays in the vault",
    values: { level: "raid10", members: 10 },
  },
};

/** An evidence alert of one kind, an hour old, with plausible values. */
export function evidenceAlert(
  kind: EvidenceAlertKind,
  overrides: Partial<EvidenceAlertState> = {},
): EvidenceAlertState {
  return { kind, observedAt: hoursAgo(1), ...DEFAULTS[kind], ...overrides };
}

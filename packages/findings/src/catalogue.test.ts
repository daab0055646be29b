import type { HostState } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { RULE_CATALOGUE, RULES } from "./catalogue";
import { evaluateHost } from "./evaluate";
import {
  array,
  ataAttribute,
  disk,
  evidenceAlert,
  hostState,
  kernelEvent,
  loop,
  member,
  minutesAgo,
  mount,
  NO_WARNING_BITS,
  nfsMount,
  nvmeDisk,
  slotChange,
  withAttributes,
} from "./testing/host-state";

const degraded = array({
  name: "md1",
  degraded: true,
  activeDisks: 1,
  statusString: "U_",
  members: [member({ device: "sda1", slot: 0 })],
});

/**
 * One state per rule that makes it speak. Every rule in the catalogue must appear here, so a rule
 * added without a test fails this file; the rule's own test file covers the states that must not.
 */
const TRIGGERS: Record<string, () => HostState> = {
  "md.degraded": () => hostState({ arrays: [degraded] }),
  "md.member_failed": () =>
    hostState({
      arrays: [array({ members: [member(), member({ device: "sdb1", slot: 1, isFaulty: true })] })],
    }),
  "md.inactive": () => hostState({ arrays: [array({ name: "md127", state: "inactive" })] }),
  "md.split_uuid": () =>
    hostState({ arrays: [array({ name: "md0" }), array({ name: "md127", state: "inactive" })] }),
  "md.sync_running": () => hostState({ arrays: [array({ syncAction: "check", syncPercent: 12 })] }),
  "md.check_mismatches": () =>
    hostState({
      kernelEvents: [
        kernelEvent("mdadm_event", {
          rawLine:
            "mdadm[1]: RebuildFinished event detected on md device /dev/md0, component device  mismatches found: 8 (on raid level 1)",
        }),
      ],
    }),
  "md.redundancy_exhausted": () => hostState({ arrays: [degraded] }),
  "md.mirror_at_risk": () =>
    hostState({
      arrays: [array()],
      disks: [disk({ name: "sda", smartPassed: false }), disk({ name: "sdb", smartPassed: false })],
    }),
  "disk.smart_failed": () => hostState({ disks: [disk({ smartPassed: false })] }),
  "disk.ata_predictors": () =>
    hostState({ disks: [disk({ attributes: withAttributes(ataAttribute(197, 4)) })] }),
  "disk.nvme_critical_warning": () =>
    hostState({
      disks: [
        nvmeDisk({
          nvme: { criticalWarning: 8, criticalWarningBits: { ...NO_WARNING_BITS, readOnly: true } },
        }),
      ],
    }),
  "disk.nvme_media_errors": () => hostState({ disks: [nvmeDisk({ nvme: { mediaErrors: 3 } })] }),
  "disk.nvme_wear": () => hostState({ disks: [nvmeDisk({ nvme: { percentageUsed: 97 } })] }),
  "disk.temperature": () => hostState({ disks: [disk({ temperatureC: 61 })] }),
  "disk.self_test_overdue": () => hostState({ disks: [disk({ hoursSinceLastSelfTest: null })] }),
  "disk.error_log": () => hostState({ disks: [disk({ errorLogCount: 3 })] }),
  "disk.replaced": () => hostState({ slotChanges: [slotChange()] }),
  "evidence.slot_map_changed": () =>
    hostState({ evidenceAlerts: [evidenceAlert("slot-serial-changed")] }),
  "evidence.events_diverged": () =>
    hostState({ evidenceAlerts: [evidenceAlert("events-diverged")] }),
  "evidence.lvm_seqno_backwards": () =>
    hostState({ evidenceAlerts: [evidenceAlert("lvm-seqno-backwards")] }),
  "evidence.array_gone": () => hostState({ evidenceAlerts: [evidenceAlert("array-gone")] }),
  "nfs.soft_rw": () => hostState({ mounts: [nfsMount({ nfs: { soft: true, hard: false } })] }),
  "nfs.intr": () => hostState({ mounts: [nfsMount({ nfs: { intr: true } })] }),
  "nfs.stale_mount": () => hostState({ mounts: [nfsMount({ isDeleted: true })] }),
  "nfs.retransmissions_rising": () =>
    hostState({ mounts: [nfsMount({ retransmissions: { latest: 90, previous: 14 } })] }),
  "nfs.not_responding": () =>
    hostState({ kernelEvents: [kernelEvent("nfs_not_responding", { device: "filer1" })] }),
  "nfs.stale_file_handle": () => hostState({ kernelEvents: [kernelEvent("nfs_stale_handle")] }),
  "loop.on_nfs": () =>
    hostState({
      mounts: [
        nfsMount(),
        mount({ mountPoint: "/var/lib/app", source: "/dev/loop3", fstype: "xfs" }),
      ],
      loopDevices: [loop({ name: "loop3", backFile: "/srv/data/app.img" })],
    }),
  "kernel.xfs_shutdown": () =>
    hostState({ kernelEvents: [kernelEvent("xfs_shutdown", { device: "loop3" })] }),
  "kernel.block_io_errors": () =>
    hostState({ kernelEvents: [kernelEvent("block_io_error", { device: "sdb" })] }),
  "kernel.swiotlb_full": () => hostState({ kernelEvents: [kernelEvent("swiotlb_full")] }),
  "capability.raid6_grow": () =>
    hostState({
      host: { kernelRelease: "2.6.18-419.el5" },
      arrays: [array({ level: "raid6", raidDisks: 4 })],
    }),
  "collection.unreachable": () => hostState({ collection: { state: "unreachable" } }),
  "collection.host_key_changed": () =>
    hostState({ collection: { state: "host_key_changed", presentedHostKey: "SHA256:new" } }),
  "collection.tool_missing": () => hostState({ collection: { missingTools: ["smartctl"] } }),
  "collection.parse_error": () =>
    hostState({ collection: { parseErrors: [{ commandId: "mdstat", message: "bad line" }] } }),
  "collection.stale": () => hostState({ collection: { lastSuccessAt: minutesAgo(60) } }),
};

describe("RULE_CATALOGUE", () => {
  const ids = RULE_CATALOGUE.map((rule) => rule.id);

  it("has unique, dotted ids and a summary for every rule", () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULE_CATALOGUE) {
      expect(rule.id).toMatch(/^[a-z0-9]+\.[a-z0-9_]+$/);
      expect(rule.summary.length).toBeGreaterThan(10);
    }
    expect(ids).not.toContain("holmes.rule_failed");
  });

  it("lists the same rules as RULES", () => {
    expect(ids).toEqual(RULES.map((rule) => rule.id));
  });

  it("has a triggering state in this file for every rule, and none for a rule it lacks", () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual([...ids].sort());
  });

  it.each(Object.entries(TRIGGERS))("%s is raised by its triggering state", (ruleId, build) => {
    const findings = evaluateHost(build());
    expect(findings.map((f) => f.ruleId)).toContain(ruleId);
    expect(findings.filter((f) => f.ruleId === "holmes.rule_failed")).toEqual([]);
    const runbookId = RULE_CATALOGUE.find((rule) => rule.id === ruleId)?.runbookId ?? null;
    for (const finding of findings.filter((f) => f.ruleId === ruleId)) {
      expect(finding.runbookId).toBe(runbookId);
    }
  });
});

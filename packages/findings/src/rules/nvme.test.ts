import { describe, expect, it } from "vitest";
import {
  disk,
  hostState,
  hoursAgo,
  NO_WARNING_BITS,
  nvmeDisk,
  run,
  single,
  slotChange,
} from "../testing/host-state";
import { diskReplaced, nvmeCriticalWarning, nvmeMediaErrors, nvmeWear } from "./nvme";

const withNvme = (overrides: Parameters<typeof nvmeDisk>[0]) =>
  hostState({ disks: [nvmeDisk(overrides)] });

describe("disk.nvme_critical_warning", () => {
  it("is critical and words every bit that is set", () => {
    const bits = { ...NO_WARNING_BITS, availableSpareLow: true, readOnly: true };
    const finding = single(
      run(
        nvmeCriticalWarning,
        withNvme({ nvme: { criticalWarning: 0x09, criticalWarningBits: bits } }),
      ),
    );
    expect(finding).toMatchObject({
      ruleId: "disk.nvme_critical_warning",
      severity: "critical",
      objectKind: "disk",
      objectName: "nvme0n1",
      title:
        "nvme0n1: NVMe critical warning (available spare below threshold; media placed in read-only mode)",
    });
    expect(finding.evidence.values.criticalWarning).toBe(9);
  });

  it("falls back to the hex value when the bits were not decoded", () => {
    const finding = single(
      run(
        nvmeCriticalWarning,
        withNvme({ nvme: { criticalWarning: 0x04, criticalWarningBits: null } }),
      ),
    );
    expect(finding.title).toBe("nvme0n1: NVMe critical warning (0x4)");
  });

  it("says nothing for a zero or unknown warning, or an ATA disk", () => {
    const state = hostState({
      disks: [nvmeDisk(), nvmeDisk({ name: "nvme1n1", nvme: { criticalWarning: null } }), disk()],
    });
    expect(run(nvmeCriticalWarning, state)).toEqual([]);
  });
});

describe("disk.nvme_media_errors", () => {
  it("is a warning with the count, and says when it rose", () => {
    const finding = single(
      run(
        nvmeMediaErrors,
        withNvme({ nvme: { mediaErrors: 7 }, previousCounters: { nvmeMediaErrors: 2 } }),
      ),
    );
    expect(finding).toMatchObject({
      ruleId: "disk.nvme_media_errors",
      severity: "warning",
      objectName: "nvme0n1",
      title: "nvme0n1: 7 media errors (up from 2)",
    });
    expect(finding.evidence.values).toMatchObject({ mediaErrors: 7, previous: 2 });
  });

  it("does not say rising when the count is unchanged", () => {
    const finding = single(
      run(
        nvmeMediaErrors,
        withNvme({ nvme: { mediaErrors: 7 }, previousCounters: { nvmeMediaErrors: 7 } }),
      ),
    );
    expect(finding.title).toBe("nvme0n1: 7 media errors");
  });

  it("says nothing for zero or unknown media errors, or a sleeping drive", () => {
    const state = hostState({
      disks: [
        nvmeDisk(),
        nvmeDisk({ name: "nvme1n1", nvme: { mediaErrors: null } }),
        nvmeDisk({ name: "nvme2n1", nvme: { mediaErrors: 3 }, isStandby: true }),
      ],
    });
    expect(run(nvmeMediaErrors, state)).toEqual([]);
  });
});

describe("disk.nvme_wear", () => {
  it("is a warning at 90 % of rated endurance used", () => {
    const finding = single(run(nvmeWear, withNvme({ nvme: { percentageUsed: 90 } })));
    expect(finding).toMatchObject({
      ruleId: "disk.nvme_wear",
      severity: "warning",
      objectName: "nvme0n1",
      title: "nvme0n1: 90% of rated endurance used",
    });
  });

  it("is critical when the available spare is below its threshold", () => {
    const finding = single(
      run(
        nvmeWear,
        withNvme({ nvme: { availableSpare: 8, availableSpareThreshold: 10, percentageUsed: 95 } }),
      ),
    );
    expect(finding.severity).toBe("critical");
    expect(finding.title).toBe("nvme0n1: available spare 8% below threshold 10%");
    expect(finding.evidence.values).toMatchObject({ percentageUsed: 95, availableSpare: 8 });
  });

  it("says nothing at 89 % used with spare at its threshold, or with both unknown", () => {
    const state = hostState({
      disks: [
        nvmeDisk({ nvme: { percentageUsed: 89, availableSpare: 10, availableSpareThreshold: 10 } }),
        nvmeDisk({ name: "nvme1n1", nvme: { percentageUsed: null, availableSpare: null } }),
      ],
    });
    expect(run(nvmeWear, state)).toEqual([]);
  });
});

describe("disk.replaced", () => {
  it("is info naming the slot, the array and both serials", () => {
    const state = hostState({
      slotChanges: [slotChange({ previousSerial: "WD-OLD1", serial: "WD-NEW2" })],
    });
    const finding = single(run(diskReplaced, state));
    expect(finding).toMatchObject({
      ruleId: "disk.replaced",
      severity: "info",
      objectKind: "member",
      objectName: "md0/slot 1",
      title: "Slot 1 of md0: serial WD-OLD1 → WD-NEW2",
    });
  });

  it("says nothing once the change is older than the recent window", () => {
    const state = hostState({ slotChanges: [slotChange({ changedAt: hoursAgo(25) })] });
    expect(run(diskReplaced, state)).toEqual([]);
    expect(run(diskReplaced, state, { recentWindowHours: 48 })).toHaveLength(1);
  });
});

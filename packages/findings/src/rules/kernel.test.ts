import { describe, expect, it } from "vitest";
import { hostState, kernelEvent, minutesAgo, run, single } from "../testing/host-state";
import { blockIoErrors, swiotlbFull, xfsShutdown } from "./kernel";

const events = (kind: string, count: number, device: string | null = "sdb") =>
  Array.from({ length: count }, (_, i) =>
    kernelEvent(kind, { device, at: minutesAgo(count - i), rawLine: `${kind} ${device} #${i}` }),
  );

describe("kernel.xfs_shutdown", () => {
  it("is critical per device with the latest lines", () => {
    const state = hostState({ kernelEvents: events("xfs_shutdown", 2, "loop3") });
    const finding = single(run(xfsShutdown, state));
    expect(finding).toMatchObject({
      ruleId: "kernel.xfs_shutdown",
      severity: "critical",
      objectName: "loop3",
      title: "XFS on loop3 shut down",
    });
    expect(finding.evidence.values.count).toBe(2);
    expect(finding.evidence.lines).toEqual(["xfs_shutdown loop3 #0", "xfs_shutdown loop3 #1"]);
  });

  it("groups events without a device instead of dropping them", () => {
    const state = hostState({ kernelEvents: events("xfs_shutdown", 1, null) });
    expect(single(run(xfsShutdown, state)).objectName).toBe("unknown device");
  });

  it("says nothing for other XFS lines", () => {
    const state = hostState({ kernelEvents: events("xfs_log_io_error", 3) });
    expect(run(xfsShutdown, state)).toEqual([]);
  });
});

describe("kernel.block_io_errors", () => {
  it("is a warning below 10 errors and critical from 10, per device", () => {
    const state = hostState({
      kernelEvents: [...events("block_io_error", 3, "sdb"), ...events("block_io_error", 10, "sdc")],
    });
    const findings = run(blockIoErrors, state);
    expect(findings.map((f) => [f.objectName, f.severity, f.title])).toEqual([
      ["sdb", "warning", "3 I/O errors on sdb"],
      ["sdc", "critical", "10 I/O errors on sdc"],
    ]);
    expect(findings[1]?.evidence.lines).toHaveLength(5);
    expect(findings[0]?.objectKind).toBe("disk");
  });

  it("says nothing without block I/O errors", () => {
    expect(run(blockIoErrors, hostState({ kernelEvents: events("ata_error", 4) }))).toEqual([]);
  });
});

describe("kernel.swiotlb_full", () => {
  it("is critical for the host with the count", () => {
    const state = hostState({ kernelEvents: events("swiotlb_full", 4, "0000:03:00.0") });
    const finding = single(run(swiotlbFull, state));
    expect(finding).toMatchObject({
      ruleId: "kernel.swiotlb_full",
      severity: "critical",
      objectKind: "host",
      objectName: "db1",
      title: "Out of SW-IOMMU space (4×)",
    });
    expect(finding.evidence.lines).toHaveLength(3);
  });

  it("says nothing without swiotlb events", () => {
    expect(run(swiotlbFull, hostState({ kernelEvents: events("hung_task", 1) }))).toEqual([]);
  });
});

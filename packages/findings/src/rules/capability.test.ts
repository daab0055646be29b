import { describe, expect, it } from "vitest";
import { array, hostState, run, single } from "../testing/host-state";
import { isOlderThan, kernelVersion, raid6GrowUnsupported } from "./capability";

const withKernel = (kernelRelease: string | null, level = "raid6") =>
  hostState({ host: { kernelRelease }, arrays: [array({ name: "md2", level, raidDisks: 6 })] });

describe("capability.raid6_grow", () => {
  it("warns that a RAID6 on 2.6.18 cannot be grown", () => {
    const finding = single(run(raid6GrowUnsupported, withKernel("2.6.18-419.el5")));
    expect(finding).toMatchObject({
      ruleId: "capability.raid6_grow",
      severity: "warning",
      objectKind: "array",
      objectName: "md2",
      title: "md2 cannot be grown on kernel 2.6.18-419.el5",
    });
    expect(finding.evidence.values).toEqual({ kernel: "2.6.18-419.el5", level: "raid6" });
  });

  it("says nothing on 2.6.21 and later", () => {
    expect(run(raid6GrowUnsupported, withKernel("2.6.21"))).toEqual([]);
    expect(run(raid6GrowUnsupported, withKernel("2.6.32-754.35.1.el6.x86_64"))).toEqual([]);
    expect(run(raid6GrowUnsupported, withKernel("3.10.0-1160.el7.x86_64"))).toEqual([]);
  });

  it("says nothing for an unknown or unparsable release", () => {
    expect(run(raid6GrowUnsupported, withKernel(null))).toEqual([]);
    expect(run(raid6GrowUnsupported, withKernel("unknown"))).toEqual([]);
  });

  it("says nothing on an old kernel without RAID6", () => {
    expect(run(raid6GrowUnsupported, withKernel("2.6.18-419.el5", "raid5"))).toEqual([]);
  });
});

describe("kernelVersion", () => {
  it("reads the leading numbers only", () => {
    expect(kernelVersion("2.6.18-419.el5")).toEqual([2, 6, 18]);
    expect(kernelVersion("6.1")).toEqual([6, 1, 0]);
    expect(kernelVersion("Linux 5.4")).toBeNull();
  });

  it("compares component by component, not as text", () => {
    expect(isOlderThan([2, 6, 9], [2, 6, 21])).toBe(true);
    expect(isOlderThan([2, 6, 21], [2, 6, 21])).toBe(false);
    expect(isOlderThan([3, 0, 0], [2, 6, 21])).toBe(false);
  });
});

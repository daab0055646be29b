import { type LvmReport, LvmReportSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
// The columns the collector asks for, in that order.
import { LVM_COLUMN_FIELDS, LVM_COLUMN_SEPARATOR } from "../commands/lvm-columns";
import { ownFixture } from "../testing/fixtures";
import { type LvmColumnsKind, parseLvmColumns } from "./lvm-columns";

const parse = (text: string, kind: LvmColumnsKind) =>
  parseLvmColumns(text, kind, LVM_COLUMN_FIELDS[kind], LVM_COLUMN_SEPARATOR);

function parseOk(text: string, kind: LvmColumnsKind): LvmReport {
  const result = parse(text, kind);
  if (!result.ok) expect.fail(JSON.stringify(result.error));
  return LvmReportSchema.parse(result.value);
}

describe("parseLvmColumns", () => {
  it("reads vgs of LVM 2.02.88 (RHEL 5) into the same VGs as the JSON report", () => {
    const { vgs, hasApproximateSizes } = parseOk(
      ownFixture("lvm-columns/vgs-lvm2.02.88-rhel5-two-vgs.txt"),
      "vg",
    );
    expect(hasApproximateSizes).toBe(false);
    expect(vgs.map((vg) => [vg.vgName, vg.vgSize, vg.vgFree, vg.seqno, vg.lvCount])).toEqual([
      ["VolGroup00", 159_786_205_184, 0, 3, 2],
      ["vgdata", 2_000_389_406_720, 500_103_643_136, 17, 2],
    ]);
    expect(vgs[0]).toMatchObject({
      vgUuid: "4Gk1Xq-2wYs-Zl9B-tM4r-EKq8-o1aY-3fHb8N",
      extentSize: 33_554_432,
      extentCount: 4762,
      isPartial: false,
      isReadOnly: false,
    });
  });

  it("reads pvs with the two-letter attributes of that era", () => {
    const { pvs } = parseOk(ownFixture("lvm-columns/pvs-lvm2.02.88-rhel5-two-vgs.txt"), "pv");
    expect(pvs.map((pv) => [pv.pvName, pv.vgName, pv.pvSize, pv.pvFree, pv.isMissing])).toEqual([
      ["/dev/md1", "vgdata", 2_000_381_018_112, 500_107_862_016, null],
      ["/dev/sda2", "VolGroup00", 159_802_474_496, 0, null],
    ]);
  });

  it("merges an LV's segment rows and keeps a snapshot's origin", () => {
    const { lvs } = parseOk(
      ownFixture("lvm-columns/lvs-lvm2.02.88-rhel5-segments-and-snapshot.txt"),
      "lv",
    );
    expect(lvs.map((lv) => [lv.vgName, lv.lvName, lv.segmentCount, lv.origin])).toEqual([
      ["VolGroup00", "LogVol00", 1, null],
      ["VolGroup00", "LogVol01", 1, null],
      ["vgdata", "data", 2, null],
      ["vgdata", "data-snap", 1, "data"],
    ]);
    expect(lvs[2]?.devices).toEqual([
      { path: "/dev/md1", startExtent: 0 },
      { path: "/dev/md1", startExtent: 300_000 },
    ]);
    expect(lvs[0]).toMatchObject({ lvSize: 155_508_555_776, isActive: true, isOpen: true });
  });

  it("reads an empty report (no VG on the host) as empty", () => {
    expect(parseOk("", "vg").vgs).toEqual([]);
  });

  it("refuses a row with the wrong number of columns, naming the line", () => {
    const result = parse("  vg0|u|wz--n-|1|0|4194304|1|0|1|0|0|1\n  vg1|u|wz--n-\n", "vg");
    expect(result).toMatchObject({ ok: false, error: { line: 2 } });
    if (!result.ok) expect(result.error.expected).toContain('12 "|"-separated vgs columns');
  });

  it("refuses a value of the wrong kind, naming its line and field", () => {
    const text =
      "  vg0|u|wz--n-|1|0|4194304|1|0|1|0|0|1\n  vg1|u|wz--n-|12.5G?|0|4194304|1|0|1|0|0|1\n";
    expect(parse(text, "vg")).toMatchObject({
      ok: false,
      error: { line: 2, field: "report[0].vg[1].vg_size" },
    });
  });

  it("refuses the error text of a tool that rejected the options", () => {
    const text =
      "vgs: unrecognized option `--noheadings'\n  Error during parsing of command line.\n";
    expect(parse(text, "vg")).toMatchObject({ ok: false, error: { line: 1 } });
  });
});

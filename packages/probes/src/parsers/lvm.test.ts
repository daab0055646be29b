import { type LvmLv, type LvmReport, LvmReportSchema, type ParseError } from "@holmes/core";
import { describe, expect, it } from "vitest";
import {
  fixture,
  fixtureNames,
  hasSharedFixtures,
  ownFixture,
  ownFixtureNames,
} from "../testing/fixtures";
import { parseLvmReport } from "./lvm";

function parseOk(text: string): LvmReport {
  const result = parseLvmReport(text);
  if (!result.ok) expect.fail(JSON.stringify(result.error));
  return LvmReportSchema.parse(result.value);
}

function failureOf(text: string): ParseError {
  const result = parseLvmReport(text);
  if (result.ok) expect.fail("expected a parse failure");
  return result.error;
}

type LvRow = [
  lvName: string,
  isHidden: boolean,
  lvAttr: string,
  lvSize: number,
  segtype: string | null,
  stripes: number | null,
  poolLv: string | null,
  origin: string | null,
  dataLv: string | null,
  metadataLv: string | null,
  isActive: boolean,
  isOpen: boolean,
];

function lvFacts(lv: LvmLv | undefined): LvRow | undefined {
  if (lv === undefined) return undefined;
  return [
    lv.lvName,
    lv.isHidden,
    lv.lvAttr ?? "",
    lv.lvSize ?? -1,
    lv.segtype,
    lv.stripes,
    lv.poolLv,
    lv.origin,
    lv.dataLv,
    lv.metadataLv,
    lv.isActive ?? false,
    lv.isOpen ?? false,
  ];
}

const GiB = 1024 ** 3;
const n = null;

// biome-ignore format: one LV per line reads as `lvs` output
const SHARED_LVS: [file: string, count: number, samples: LvRow[]][] = [
  ["libstorage-ng-lvs-json-cache-and-cache-pool.json", 13, [
    ["cache1", false, "Cwi-a-C---", 10 * GiB, "cache", 1, "cache1-volume", n, n, n, true, false],
    ["cache1-volume", true, "Cwi-aoC---", GiB, "linear", 1, n, n, n, n, true, true],
    ["cache2-pool", true, "Cwi---C---", GiB, "cache-pool", 1, n, n, "cache2-pool_cdata", "cache2-pool_cmeta", false, false],
    ["cache3-pool", false, "Cwi---C---", GiB, "cache-pool", 1, n, n, "cache3-pool_cdata", "cache3-pool_cmeta", false, false],
    ["lvol0_pmspare", true, "ewi-------", 8388608, "linear", 1, n, n, n, n, false, false],
  ]],
  ["libstorage-ng-lvs-json-legacy-mirror.json", 4, [
    ["mirror", false, "mwi-a-m---", 5 * GiB, "mirror", 2, n, n, n, n, true, false],
    ["mirror_mimage_1", true, "iwi-aom---", 5 * GiB, "linear", 1, n, n, n, n, true, true],
    ["mirror_mlog", true, "lwi-aom---", 4194304, "linear", 1, n, n, n, n, true, true],
  ]],
  ["libstorage-ng-lvs-json-linear-root-swap.json", 2, [
    ["root", false, "-wi-ao----", 32 * GiB, n, n, n, n, n, n, true, true],
    ["swap", false, "-wi-ao----", 2 * GiB, n, n, n, n, n, n, true, true],
  ]],
  ["libstorage-ng-lvs-json-mixed-cache-mirror-raid6-striped.json", 32, [
    ["cache1", false, "owi-a-C---", 10 * GiB, "cache", 1, "cache1-volume", "cache1_corig", n, n, true, false],
    ["cache2-snap", false, "swi-a-s---", GiB, "linear", 1, n, "cache2", n, n, true, false],
    ["raid6", false, "owi-a-r---", 2151677952, "raid6", 5, n, n, n, n, true, false],
    ["raid6_rimage_4", true, "iwi-aor---", 717225984, "linear", 1, n, n, n, n, true, true],
    ["striped", false, "owi-a-s---", 10 * GiB, "striped", 2, n, n, n, n, true, false],
  ]],
  ["libstorage-ng-lvs-json-snapshots-and-thin.json", 14, [
    ["linear3-snap2", false, "Vwi-a-tz--", GiB, "thin", 0, "thin-pool", "linear3", n, n, true, false],
    ["thin-pool", false, "twi-aotz--", 4 * GiB, "thin-pool", 1, n, n, "thin-pool_tdata", "thin-pool_tmeta", true, true],
    ["thin2-snap2", false, "Vwi---tz-k", 2 * GiB, "thin", 0, "thin-pool", "thin2", n, n, false, false],
  ]],
  ["libstorage-ng-lvs-json-thin-pool-and-thin.json", 6, [
    ["thin-pool", false, "twi-aotz--", GiB, n, n, n, n, n, n, true, true],
    ["thin1", false, "Vwi-a-tz--", 2 * GiB, n, n, "thin-pool", n, n, n, true, false],
    ["thin2", false, "Vwi-a-tz--", 3 * GiB, n, n, "thin-pool", n, n, n, true, false],
  ]],
];

describe.runIf(hasSharedFixtures("lvm"))("parseLvmReport on the shared captures", () => {
  it("has a test for every capture", () => {
    const pvsVgs = [
      "libstorage-ng-pvs-json-basic.json",
      "libstorage-ng-pvs-json-multiple.json",
      "libstorage-ng-vgs-json-basic.json",
      "libstorage-ng-vgs-json-multiple.json",
    ];
    expect(fixtureNames("lvm")).toEqual([...SHARED_LVS.map((row) => row[0]), ...pvsVgs]);
  });

  it.each(SHARED_LVS)("%s: %i LVs", (file, count, samples) => {
    const report = parseOk(fixture(`lvm/${file}`));
    expect([report.pvs, report.vgs, report.lvs.length]).toEqual([[], [], count]);
    expect(report.lvs.every((lv) => lv.vgName === "test" || lv.vgName === "system")).toBe(true);
    for (const sample of samples) {
      expect(lvFacts(report.lvs.find((lv) => lv.lvName === sample[0]))).toEqual(sample);
    }
    expect(report.hasApproximateSizes).toBe(false);
  });

  it("reads a PV in a VG and an orphan PV (empty vg_name)", () => {
    expect(parseOk(fixture("lvm/libstorage-ng-pvs-json-basic.json")).pvs).toEqual([
      expect.objectContaining({
        pvName: "/dev/sda2",
        vgName: "system",
        pvUuid: "qquP1O-WWoh-Ofas-Rbx0-y72T-0sNe-Wnyc33",
        vgUuid: "OMPzXF-m3am-1zIl-AVdQ-i5Wx-tmyN-cevmRn",
        pvAttr: "a--",
        peStart: 1048576,
        pvSize: null,
        isAllocatable: true,
        isExported: false,
        isMissing: false,
      }),
    ]);
    expect(parseOk(fixture("lvm/libstorage-ng-pvs-json-multiple.json")).pvs).toEqual([
      expect.objectContaining({
        pvName: "/dev/md127",
        vgName: null,
        vgUuid: null,
        pvAttr: "---",
        isAllocatable: false,
        isMissing: false,
      }),
    ]);
  });

  it.each([
    ["libstorage-ng-vgs-json-basic.json", "system", 230400, 71666],
    ["libstorage-ng-vgs-json-multiple.json", "b", 25640, 25640],
  ])("%s: VG size from the extent columns", (file, vgName, extentCount, freeCount) => {
    expect(parseOk(fixture(`lvm/${file}`)).vgs).toEqual([
      expect.objectContaining({
        vgName,
        vgAttr: "wz--n-",
        extentSize: 4194304,
        extentCount,
        freeCount,
        vgSize: extentCount * 4194304,
        vgFree: freeCount * 4194304,
        isPartial: false,
        isReadOnly: false,
      }),
    ]);
  });
});

describe("parseLvmReport on own fixtures", () => {
  it("has a test for every own fixture", () => {
    expect(ownFixtureNames("lvm")).toEqual([
      "fullreport-two-vgs-one-partial.json",
      "lvs-json-std-resync-and-refresh.json",
      "vgs-default-human-units.json",
    ]);
  });

  it("reads a combined report: a healthy VG on md and a partial VG with a missing PV", () => {
    const report = parseOk(ownFixture("lvm/fullreport-two-vgs-one-partial.json"));
    expect(report.vgs.map((vg) => [vg.vgName, vg.isPartial, vg.missingPvCount, vg.seqno])).toEqual([
      ["vg0", false, 0, 7],
      ["vgdata", true, 1, 42],
    ]);
    expect(report.vgs[1]).toMatchObject({
      vgSize: 4000787202048,
      vgFree: 3904108494848,
      pvCount: 2,
    });
    expect(report.pvs.map((pv) => [pv.pvName, pv.vgName, pv.isMissing, pv.peAllocCount])).toEqual([
      ["/dev/md1", "vg0", false, 137728],
      ["/dev/sdb1", "vgdata", false, 17929],
      ["[unknown]", "vgdata", true, 5121],
    ]);
    const byName = new Map(report.lvs.map((lv) => [`${lv.vgName}/${lv.lvName}`, lv]));
    expect(byName.get("vg0/srv")).toMatchObject({
      lvSize: 536870912000,
      segmentCount: 2,
      devices: [
        { path: "/dev/md1", startExtent: 9728 },
        { path: "/dev/md1", startExtent: 140000 },
      ],
      healthStatus: "",
      volumeHealth: null,
    });
    expect(byName.get("vgdata/mirror_lv")).toMatchObject({
      segtype: "raid1",
      copyPercent: 100,
      healthStatus: "partial",
      volumeHealth: "partial",
      isActive: true,
    });
    expect(byName.get("vgdata/mirror_lv_rimage_1")).toMatchObject({
      isHidden: true,
      devices: [{ path: "[unknown]", startExtent: 1 }],
    });
    expect(byName.get("vgdata/striped_lv")).toMatchObject({
      isActive: false,
      volumeHealth: "partial",
    });
    expect(byName.get("vgdata/pool0")).toMatchObject({
      dataPercent: 12.5,
      metadataPercent: 3.2,
      dataLv: "pool0_tdata",
      metadataLv: "pool0_tmeta",
    });
    expect(byName.get("vgdata/thin1")).toMatchObject({
      poolLv: "pool0",
      devices: [],
      dataPercent: 6.25,
    });
    expect(report.lvs).toHaveLength(9);
  });

  it("reads json_std numbers: a RAID1 resyncing at 37.52% and one needing a refresh", () => {
    const report = parseOk(ownFixture("lvm/lvs-json-std-resync-and-refresh.json"));
    expect(
      report.lvs.map((lv) => [lv.lvName, lv.copyPercent, lv.healthStatus, lv.volumeHealth]),
    ).toEqual([
      ["data", 37.52, "", null],
      ["logs", 100, "refresh needed", "refresh-needed"],
      ["scratch", null, "", null],
    ]);
    expect(report.lvs[0]).toMatchObject({ lvSize: 107374182400, stripes: 2 });
    expect(report.lvs[2]).toMatchObject({
      segmentCount: 2,
      devices: [
        { path: "/dev/nvme0n1p3", startExtent: 30720 },
        { path: "/dev/nvme1n1p3", startExtent: 30720 },
      ],
    });
  });

  it("converts human units (<930.72g) and says the sizes are approximate", () => {
    const report = parseOk(ownFixture("lvm/vgs-default-human-units.json"));
    expect(report.hasApproximateSizes).toBe(true);
    expect(report.vgs.map((vg) => [vg.vgName, vg.vgSize, vg.vgFree, vg.isPartial])).toEqual([
      ["vg0", Math.round(930.72 * GiB), Math.round(392.72 * GiB), false],
      ["vgdata", Math.round(3.64 * 1024 * GiB), Math.round(3.55 * 1024 * GiB), true],
    ]);
  });
});

describe("parseLvmReport on malformed input", () => {
  it.each([
    ["no report", "{}", "report"],
    ["a null document", "null", "(document)"],
    ["a report without arrays", '{"report": [{}]}', "report"],
    ["a report that is not an array", '{"report": {"lv": []}}', "report"],
    ["an LV without name", '{"report": [{"lv": [{"vg_name": "vg0"}]}]}', "report[0].lv[0].lv_name"],
    [
      "a size with a bad unit",
      '{"report": [{"lv": [{"lv_name": "a", "lv_size": "12q"}]}]}',
      "report[0].lv[0].lv_size",
    ],
    [
      "a count with a fraction",
      '{"report": [{"vg": [{"vg_name": "a", "pv_count": "1.5"}]}]}',
      "report[0].vg[0].pv_count",
    ],
    [
      "a word for a percentage",
      '{"report": [{"lv": [{"lv_name": "a", "copy_percent": "most"}]}]}',
      "report[0].lv[0].copy_percent",
    ],
    ["a PV row that is a string", '{"report": [{"pv": ["/dev/sda"]}]}', "report[0].pv[0]"],
  ])("names the field for %s", (_name, text, field) => {
    expect(failureOf(text).field).toBe(field);
  });

  it("keeps two missing PVs apart (both shown as [unknown]) and merges pvseg rows", () => {
    const pv = (uuid: string, start: string) =>
      `{"pv_name": "[unknown]", "pv_uuid": "${uuid}", "pv_attr": "a-m", "pvseg_start": "${start}"}`;
    const text = `{"report": [{"pv": [${pv("A", "0")}, ${pv("A", "100")}, ${pv("B", "0")}]}]}`;
    expect(parseOk(text).pvs.map((p) => [p.pvName, p.pvUuid, p.isMissing])).toEqual([
      ["[unknown]", "A", true],
      ["[unknown]", "B", true],
    ]);
  });

  it("names the line of a JSON syntax error", () => {
    const error = failureOf('{\n  "report": [\n    {"lv": [] "pv": []}\n  ]\n}\n');
    expect(error).toMatchObject({ expected: "well-formed JSON", line: 3 });
  });
});

import { type ParseError, type VgMetadata, VgMetadataSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture, ownFixtureNames } from "../testing/fixtures";
import { parseVgcfgbackup } from "./lvm";

function parseOk(text: string): VgMetadata {
  const result = parseVgcfgbackup(text);
  if (!result.ok) expect.fail(JSON.stringify(result.error));
  return VgMetadataSchema.parse(result.value);
}

function failureOf(text: string): ParseError {
  const result = parseVgcfgbackup(text);
  if (result.ok) expect.fail("expected a parse failure");
  return result.error;
}

const VG0 = ownFixture("vgcfgbackup/vg0-md1-three-lvs.txt");
const VGDATA = ownFixture("vgcfgbackup/vgdata-two-pvs-one-missing-raid1-thin.txt");

function linear(name: string, startExtent: number, extentCount: number, pvStart: number) {
  return {
    name,
    startExtent,
    extentCount,
    type: "striped",
    stripeCount: 1,
    stripeSizeSectors: null,
    stripes: [{ pv: "pv0", startExtent: pvStart }],
    subLvs: [],
    thinPool: null,
  };
}

describe("parseVgcfgbackup on own fixtures", () => {
  it("has a test for every own fixture", () => {
    expect(ownFixtureNames("vgcfgbackup")).toEqual([
      "vg0-md1-three-lvs.txt",
      "vgdata-two-pvs-one-missing-raid1-thin.txt",
    ]);
  });

  it("reads a VG on an md device with three LVs, one of them in two segments", () => {
    const vg = parseOk(VG0);
    expect({ ...vg, pvs: undefined, lvs: undefined }).toEqual({
      vgName: "vg0",
      vgId: "3Xw1gT-0Kc2-vbyl-QjnG-1rTw-Lq0C-JrGp4N",
      seqno: 7,
      format: "lvm2",
      status: ["RESIZEABLE", "READ", "WRITE"],
      flags: [],
      extentSizeSectors: 8192,
      description: "Created *after* executing 'vgcfgbackup'",
      creationHost: "db1",
      creationTime: 1700000000,
      pvs: undefined,
      lvs: undefined,
    });
    expect(vg.pvs).toEqual([
      {
        key: "pv0",
        id: "kX3fJd-8Hs2-Lm4P-Qr7T-Uv9W-Xy1Z-Ab2Cd3",
        deviceHint: "/dev/md1",
        status: ["ALLOCATABLE"],
        flags: [],
        isMissing: false,
        devSizeSectors: 1951856640,
        peStart: 2048,
        peCount: 238263,
      },
    ]);
    expect(vg.lvs.map((lv) => [lv.name, lv.isVisible, lv.segmentCount, lv.creationTime])).toEqual([
      ["root", true, 1, 1699999000],
      ["swap", true, 1, 1699999010],
      ["srv", true, 2, 1699999030],
    ]);
    expect(vg.lvs[0]?.segments).toEqual([linear("segment1", 0, 7680, 0)]);
    expect(vg.lvs[2]?.segments).toEqual([
      linear("segment1", 0, 102400, 9728),
      linear("segment2", 102400, 25600, 140000),
    ]);
    const used = vg.lvs
      .flatMap((lv) => lv.segments)
      .reduce((sum, s) => sum + (s.extentCount ?? 0), 0);
    expect(used).toBe(137728);
  });

  it("reads a VG with a MISSING PV, RAID1, striping and a thin pool", () => {
    const vg = parseOk(VGDATA);
    expect(vg).toMatchObject({
      vgName: "vgdata",
      seqno: 42,
      creationHost: "stor2",
      creationTime: 1699868000,
      description: "Created *before* executing 'lvconvert --repair vgdata/mirror_lv'",
    });
    expect(vg.pvs.map((pv) => [pv.key, pv.deviceHint, pv.flags, pv.isMissing, pv.peCount])).toEqual(
      [
        ["pv0", "/dev/sdb1", [], false, 476931],
        ["pv1", "/dev/sdc1", ["MISSING"], true, 476931],
      ],
    );
    const lvs = new Map(vg.lvs.map((lv) => [lv.name, lv]));
    expect(vg.lvs.filter((lv) => lv.isVisible).map((lv) => lv.name)).toEqual([
      "mirror_lv",
      "striped_lv",
      "pool0",
      "thin1",
    ]);
    expect(vg.lvs).toHaveLength(11);
    expect(lvs.get("mirror_lv")?.segments[0]).toMatchObject({
      type: "raid1",
      extentCount: 2560,
      stripes: [],
      subLvs: [
        "mirror_lv_rmeta_0",
        "mirror_lv_rimage_0",
        "mirror_lv_rmeta_1",
        "mirror_lv_rimage_1",
      ],
    });
    expect(lvs.get("striped_lv")?.segments[0]).toMatchObject({
      stripeCount: 2,
      stripeSizeSectors: 128,
      stripes: [
        { pv: "pv0", startExtent: 20000 },
        { pv: "pv1", startExtent: 20000 },
      ],
    });
    expect(lvs.get("pool0")?.segments[0]).toMatchObject({
      type: "thin-pool",
      subLvs: ["pool0_tmeta", "pool0_tdata"],
    });
    expect(lvs.get("thin1")?.segments[0]).toMatchObject({
      type: "thin",
      thinPool: "pool0",
      stripes: [],
    });
    const onMissingPv = vg.lvs
      .filter((lv) => lv.segments.some((s) => s.stripes.some((stripe) => stripe.pv === "pv1")))
      .map((lv) => lv.name);
    expect(onMissingPv).toEqual(["striped_lv", "mirror_lv_rmeta_1", "mirror_lv_rimage_1"]);
  });

  it("accepts on-disk metadata order (VG section first, header keys last) and CRLF", () => {
    const reordered = `${VG0.slice(VG0.indexOf("vg0 {"))}\ncontents = "Text Format Volume Group"\n`;
    expect(parseOk(reordered).lvs).toHaveLength(3);
    expect(parseVgcfgbackup(VGDATA.replaceAll("\n", "\r\n"))).toEqual(parseVgcfgbackup(VGDATA));
  });
});

const SMALL = 'vg { id = "x" seqno = 1\n';

describe("parseVgcfgbackup on malformed input", () => {
  it("names the last line of a truncated backup", () => {
    const lines = VG0.split("\n");
    const truncated = lines.slice(0, 60).join("\n");
    expect(failureOf(truncated)).toMatchObject({
      line: 60,
      expected: '"}" closing section "swap"',
    });
  });

  it.each([
    ["a string seqno", 'vg {\n id = "x"\n seqno = "seven"\n}\n', 3, "seqno to be an integer"],
    [
      "an odd stripes list",
      `${SMALL} logical_volumes { lv { segment1 {\n stripes = ["pv0"] } } } }`,
      3,
      'stripes to be ["name", extent, …] pairs',
    ],
    [
      "a foreign contents",
      'contents = "Text Format Something"\nvg { id = "x" seqno = 1 }\n',
      1,
      'contents = "Text Format Volume Group"',
    ],
    [
      "no VG section",
      'contents = "Text Format Volume Group"\nversion = 1\n',
      3,
      "a volume group section with id and seqno (vgname { id = … })",
    ],
    [
      "lvm.conf",
      'devices {\n  filter = [ "a|.*|" ]\n}\n',
      1,
      "a volume group section with id and seqno (vgname { id = … })",
    ],
    ["an unterminated string", `${SMALL} x = "abc\n}\n`, 2, "a closing quote"],
    ["a missing equals sign", `${SMALL} status "READ"\n}\n`, 2, '"=" or "{" after "status"'],
    ["a stray closing brace", "}\n", 1, "a key"],
    ["a value-less key", "= 5\n", 1, "a key or section name"],
    ["an array without commas", `${SMALL} flags = [ "a" "b" ]\n}\n`, 2, '"," or "]"'],
    ["a bare word value", `${SMALL} format = lvm2\n}\n`, 2, "a string, number or [array]"],
    ["too deep nesting", `${"a {\n".repeat(20)}`, 17, "at most 16 nested sections"],
  ])("names the line for %s", (_name, text, line, expected) => {
    expect(failureOf(text)).toMatchObject({ line, expected });
  });
});

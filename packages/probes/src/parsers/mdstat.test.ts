import {
  describeParseError,
  type MdstatArray,
  type MdstatMember,
  type MdstatReport,
  MdstatReportSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { fixture, fixtureNames, hasSharedFixtures, ownFixture } from "../testing/fixtures";
import { parseMdstat } from "./mdstat";

function parseOk(text: string): MdstatReport {
  const result = parseMdstat(text);
  if (!result.ok) throw new Error(describeParseError(result.error));
  return MdstatReportSchema.parse(result.value);
}

function memberText(m: MdstatMember): string {
  const flags = [
    m.writeMostly && "(W)",
    m.journal && "(J)",
    m.faulty && "(F)",
    m.spare && "(S)",
    m.replacement && "(R)",
  ];
  return `${m.device}[${m.slot}]${flags.filter(Boolean).join("")}`;
}

/** One canonical line holding every field of an array, so a table row asserts all of them. */
function render(a: MdstatArray): string {
  const { bitmap: b, sync: s, layout: l } = a;
  const parts = [
    `${a.name}: ${a.state} ${a.level ?? "-"}`,
    a.readOnly ? "ro" : a.autoReadOnly ? "auto-ro" : "rw",
    a.raidDisks === null
      ? "[-]"
      : `[${a.raidDisks}/${a.activeDisks}] ${a.statusString} missing=${a.missingDisks}`,
    a.degraded ? "DEGRADED" : "ok",
    `blocks=${a.blocks} super=${a.superVersion ?? "-"}`,
    a.isContainer ? "container" : "",
    a.containerName ? `in=${a.containerName}/${a.containerMember}` : "",
    a.chunkKb === null ? "" : `chunk=${a.chunkKb}k`,
    a.roundingKb === null ? "" : `rounding=${a.roundingKb}k`,
    a.algorithm === null ? "" : `algo=${a.algorithm}`,
    l ? `copies=n${l.nearCopies}/f${l.farCopies}/o${l.offsetCopies}/set${l.devicesPerSet}` : "",
    b
      ? `bitmap=${b.pagesUsed}/${b.pagesTotal}:${b.memoryKb}KB:${b.chunkKb}KB:${b.file ?? "-"}`
      : "",
    s
      ? `${s.action}=${s.state}:${s.percent}%:${s.doneBlocks}/${s.totalBlocks}:${s.finishMinutes}min:${s.speedKBps}K`
      : "",
    `members=${a.members.map(memberText).join(",")}`,
  ];
  return parts.filter((part) => part !== "").join(" ");
}

type Expected = { personalities: string; unused?: string[]; arrays: string[] };

// Every capture in ../shared/fixtures/mdstat, checked field by field against the kernel text.
const SHARED: Record<string, Expected> = {
  "libstorage-ng-ddf-container-md127-with-raid1-raid0-members.txt": {
    personalities: "raid1 raid0",
    arrays: [
      "md125: active raid1 rw [2/2] UU missing=0 ok blocks=7355904 super=external:/md127/1 in=md127/1 members=sda[1],sdb[0]",
      "md126: active raid0 rw [-] ok blocks=1999872 super=external:/md127/0 in=md127/0 chunk=512k members=sda[1],sdb[0]",
      "md127: inactive - rw [-] ok blocks=65536 super=external:ddf container members=sdb[1](S),sda[0](S)",
    ],
  },
  "libstorage-ng-imsm-container-md127-with-raid1-raid0-members-auto-read-only.txt": {
    personalities: "raid1 raid0",
    arrays: [
      "md125: active raid1 auto-ro [2/2] UU missing=0 ok blocks=4194304 super=external:/md127/0 in=md127/0 members=sda[1],sdb[0]",
      "md126: active raid0 rw [-] ok blocks=8378790 super=external:/md127/1 in=md127/1 chunk=128k members=sda[1],sdb[0]",
      "md127: inactive - rw [-] ok blocks=5104 super=external:imsm container members=sdb[1](S),sda[0](S)",
    ],
  },
  "libstorage-ng-inactive-single-spare-plus-raid5-super10.txt": {
    personalities: "raid6 raid5 raid4",
    arrays: [
      "md126: inactive - rw [-] ok blocks=101340 super=1.0 members=sde1[0](S)",
      "md127: active raid5 rw [3/3] UUU missing=0 ok blocks=2094848 super=1.0 chunk=128k algo=2 bitmap=0/1:0KB:65536KB:- members=sdb1[5],sdc1[1],sda1[4]",
    ],
  },
  "libstorage-ng-raid0-named-md_test.txt": {
    personalities: "raid1 raid0",
    arrays: [
      "md_test: active raid0 rw [-] ok blocks=8000512 super=1.2 chunk=512k members=sda1[1],sdb1[0]",
    ],
  },
  "libstorage-ng-raid1-resync-23pct-super10-bitmap.txt": {
    personalities: "raid0 raid1 raid10 raid6 raid5 raid4",
    arrays: [
      "md0: active raid1 rw [2/2] UU missing=0 ok blocks=8387520 super=1.0 bitmap=1/1:4KB:65536KB:- resync=running:23.4%:1963200/8387520:4.6min:23178K members=sdb1[1],sda1[0]",
    ],
  },
  "libstorage-ng-raid10-6disk-near-copies-bitmap.txt": {
    personalities: "raid1 raid10",
    arrays: [
      "md0: active raid10 rw [6/6] UUUUUU missing=0 ok blocks=100604928 super=1.2 chunk=512k copies=n2/fnull/onull/setnull bitmap=0/1:0KB:65536KB:- members=sdb1[5],sdc1[4],sdd1[3],sde1[2],sdf1[1],sdg1[0]",
    ],
  },
  // sdd[4](F) with [3/3] [UUU]: slots are in sync, but a failed disk is still attached.
  "libstorage-ng-raid5-failed-member-not-degraded-count.txt": {
    personalities: "raid1 raid0 raid6 raid5 raid4 raid10 multipath",
    arrays: [
      "md0: active raid5 rw [3/3] UUU missing=0 DEGRADED blocks=33521664 super=1.2 chunk=512k algo=2 members=sdd[4](F),sdc[3],sdb[1],sda[0]",
    ],
  },
  "libstorage-ng-raid5-with-journal-device-J.txt": {
    personalities: "raid6 raid5 raid4",
    arrays: [
      "md0: active raid5 rw [3/3] UUU missing=0 ok blocks=4190208 super=1.2 chunk=512k algo=2 members=sdd1[4],sde1[3],sdf1[1],sdb1[0](J)",
    ],
  },
  "procfs-composite-20-arrays-raid0-1-5-6-linear-imsm-resync-recovery-check-reshape.txt": {
    personalities: "linear multipath raid0 raid1 raid6 raid5 raid4 raid10",
    arrays: [
      // Edited upstream: sdd1 is listed twice and two members share [10]/[11]; kept as printed.
      "md3: active raid6 rw [8/8] UUUUUUUU missing=0 ok blocks=5853468288 super=1.2 chunk=64k algo=2 members=sda1[8],sdh1[7],sdg1[6],sdf1[5],sde1[11],sdd1[3],sdc1[10],sdb1[9],sdd1[10](S),sdd2[11](S)",
      "md127: active raid1 rw [2/2] UU missing=0 ok blocks=312319552 super=- members=sdi2[0],sdj2[1]",
      "md0: active raid1 rw [2/2] UU missing=0 ok blocks=248896 super=- members=sdi1[0],sdj1[1]",
      "md4: inactive raid1 rw [2/2] UU missing=0 DEGRADED blocks=4883648 super=- members=sda3[0](F),sdb3[1](S)",
      "md6: active raid1 rw [2/1] U_ missing=1 DEGRADED blocks=195310144 super=- recovery=running:8.5%:16775552/195310144:17min:259783K members=sdb2[2](F),sdc[1](S),sda2[0]",
      "md8: active raid1 rw [2/2] UU missing=0 ok blocks=195310144 super=- resync=running:8.5%:16775552/195310144:17min:259783K members=sdb1[1],sda1[0],sdc[2](S),sde[3](S)",
      "md201: active raid1 rw [2/2] UU missing=0 ok blocks=1993728 super=1.2 check=running:5.7%:114176/1993728:0.2min:114176K members=sda3[0],sdb3[1]",
      "md7: active raid6 rw [4/3] U_UU missing=1 DEGRADED blocks=7813735424 super=1.2 chunk=512k algo=2 bitmap=0/30:0KB:65536KB:- members=sdb1[0],sde1[3],sdd1[2],sdc1[1](F)",
      "md9: active raid1 rw [4/4] UUUU missing=0 DEGRADED blocks=523968 super=1.2 resync=delayed:null%:null/null:nullmin:nullK members=sdc2[2],sdd2[3],sdb2[1],sda2[0],sde[4](F),sdf[5](F),sdg[6](S)",
      "md10: active raid0 rw [-] ok blocks=314159265 super=- chunk=64k members=sda1[0],sdb1[1]",
      "md11: active raid1 auto-ro [2/2] UU missing=0 DEGRADED blocks=4190208 super=1.2 resync=pending:null%:null/null:nullmin:nullK members=sdb2[0],sdc2[1],sdc3[2](F),hda[4](S),ssdc2[3](S)",
      "md12: active raid0 rw [-] ok blocks=3886394368 super=1.2 chunk=512k members=sdc2[0],sdd2[1]",
      "md126: active raid0 rw [-] ok blocks=1855870976 super=external:/md127/0 in=md127/0 chunk=128k members=sdb[1],sdc[0]",
      "md219: inactive - rw [-] ok blocks=7932 super=external:imsm container members=sdb[2](S),sdc[1](S),sda[0](S)",
      "md00: active raid0 rw [-] ok blocks=4186624 super=1.2 chunk=256k members=xvdb[0]",
      "md120: active linear rw [-] ok blocks=2095104 super=1.2 rounding=0k members=sda1[1],sdb1[0]",
      "md101: active raid0 ro [-] ok blocks=322560 super=1.2 chunk=512k members=sdb[2],sdd[1],sdc[0]",
      "md42: active raid5 rw [3/2] UU_ missing=1 DEGRADED blocks=1953381440 super=1.2 chunk=64k algo=2 bitmap=4/15:16KB:65536KB:- reshape=running:56.1%:1096879076/1953381440:1868.1min:7640K members=sda1[3](S),sdd1[0],sde1[1]",
    ],
  },
  "pymdstat-01-empty-no-personalities.txt": { personalities: "", arrays: [] },
  "pymdstat-02-raid5-md_d0-partitionable-bitmap-healthy.txt": {
    personalities: "raid1 raid6 raid5 raid4",
    arrays: [
      "md_d0: active raid5 rw [5/5] UUUUU missing=0 ok blocks=1250241792 super=1.2 chunk=64k algo=2 bitmap=0/10:0KB:16384KB:- members=sde1[0],sdf1[4],sdb1[5],sdd1[2],sdc1[1]",
    ],
  },
  "pymdstat-03-raid5-degraded-4of3-no-super-line.txt": {
    personalities: "raid6 raid5 raid4",
    arrays: [
      "md0: active raid5 rw [4/3] UUU_ missing=1 DEGRADED blocks=1465151808 super=- chunk=64k algo=2 members=sda1[0],sdd1[2],sdb1[1]",
    ],
  },
  "pymdstat-04-multi-raid1-and-raid5-10disk-healthy.txt": {
    personalities: "raid1 raid6 raid5 raid4",
    arrays: [
      "md1: active raid1 rw [2/2] UU missing=0 ok blocks=136448 super=- members=sdb2[1],sda2[0]",
      "md2: active raid1 rw [2/2] UU missing=0 ok blocks=129596288 super=- members=sdb3[1],sda3[0]",
      "md3: active raid5 rw [10/10] UUUUUUUUUU missing=0 ok blocks=1318680576 super=- chunk=1024k algo=2 members=sdl1[9],sdk1[8],sdj1[7],sdi1[6],sdh1[5],sdg1[4],sdf1[3],sde1[2],sdd1[1],sdc1[0]",
      "md0: active raid1 rw [2/2] UU missing=0 ok blocks=16787776 super=- members=sdb1[1],sda1[0]",
    ],
  },
  // Recovery progress counts per member device: 292945152 = 1464725760 / 5 data disks.
  "pymdstat-05-raid5-md127-recovery-12pct.txt": {
    personalities: "raid1 raid6 raid5 raid4",
    arrays: [
      "md127: active raid5 rw [6/5] UUUUU_ missing=1 DEGRADED blocks=1464725760 super=- chunk=64k algo=2 recovery=running:12.6%:37043392/292945152:127.5min:33440K members=sdh1[6],sdg1[4],sdf1[3],sde1[2],sdd1[1],sdc1[0]",
    ],
  },
  "pymdstat-06-raid6-7disk-hdb-member-bitmap.txt": {
    personalities: "linear raid0 raid1 raid5 raid4 raid6",
    arrays: [
      "md0: active raid6 rw [7/7] UUUUUUU missing=0 ok blocks=1225557760 super=- chunk=256k algo=2 bitmap=0/234:0KB:512KB:- members=sdf1[0],sde1[1],sdd1[2],sdc1[3],sdb1[4],sda1[5],hdb1[6]",
    ],
  },
  "pymdstat-07-raid1-6slot-faulty-member-degraded.txt": {
    personalities: "raid1",
    arrays: [
      "md1: active raid1 rw [6/4] _UUUU_ missing=2 DEGRADED blocks=488383936 super=- members=sde1[6](F),sdg1[1],sdb1[4],sdd1[3],sdc1[2]",
    ],
  },
  "pymdstat-08-raid5-inactive-with-level-line.txt": {
    personalities: "raid5",
    arrays: [
      "md0: inactive raid5 rw [4/4] UUUU missing=0 ok blocks=95425536 super=- chunk=128k algo=2 members=sdd1[3],sdc1[2],sda1[0]",
    ],
  },
  "pymdstat-09-raid1-pair-plus-inactive-all-spares.txt": {
    personalities: "linear multipath raid0 raid1 raid6 raid5 raid4 raid10",
    arrays: [
      "md0: active raid1 rw [2/2] UU missing=0 ok blocks=3709312 super=- members=sdf1[1],sde1[0]",
      "md1: active raid1 rw [2/2] UU missing=0 ok blocks=200704 super=- members=sdf2[1],sde2[0]",
      "md2: inactive - rw [-] ok blocks=5860553984 super=- members=sdb[0](S),sdc[2](S),sdd[3](S),sda[1](S)",
    ],
  },
  "pymdstat-10-raid0-nvme-and-raid1-md125-129.txt": {
    personalities: "raid0 raid1 linear multipath raid6 raid5 raid4 raid10",
    arrays: [
      "md129: active raid1 rw [2/2] UU missing=0 ok blocks=15825920 super=1.2 members=sda3[0],sdd3[1]",
      "md128: active raid1 rw [2/2] UU missing=0 ok blocks=126887936 super=1.2 bitmap=1/1:4KB:65536KB:- members=sda2[0],sdd2[1]",
      "md125: active raid0 rw [-] ok blocks=2306837760 super=1.2 chunk=128k members=sdg[4],sdc[1],sdf[3],sdh[5],sde[2],sdb[0]",
      "md126: active raid0 rw [-] ok blocks=999948288 super=1.2 chunk=3072k members=nvme0n1[0],nvme1n1[1]",
    ],
  },
  "pymdstat-11-inactive-md127-super12-one-spare.txt": {
    personalities: "raid0",
    arrays: [
      "md127: inactive - rw [-] ok blocks=6282240 super=1.2 members=sda[0],sdb[1],sdc[2](S)",
    ],
  },
  "pymdstat-12-raid0-loop-members.txt": {
    personalities: "raid0 raid6 raid5 raid4",
    arrays: [
      "md127: active raid0 rw [-] ok blocks=10475520 super=1.2 chunk=32k members=loop1[1],loop0[0]",
    ],
  },
  // A reshape adding a 4th disk: m=3 while only two slots show U.
  "pymdstat-13-raid4-reshape-degraded-loop.txt": {
    personalities: "raid6 raid5 raid4 raid0",
    arrays: [
      "md127: active raid4 rw [4/3] UU__ missing=1 DEGRADED blocks=10475520 super=1.2 chunk=32k algo=5 reshape=running:2.1%:115168/5237760:3.7min:23033K members=loop2[3],loop1[1],loop0[0]",
    ],
  },
  // The Personalities line ends in a no-break space (U+00A0).
  "pymdstat-14-raid0-md127-trailing-space-personalities.txt": {
    personalities: "raid0",
    arrays: [
      "md127: active raid0 rw [-] ok blocks=4188160 super=1.2 chunk=256k members=sda[0],sdb[1]",
    ],
  },
  "pymdstat-15-raid6-raid1-no-indentation.txt": {
    personalities: "linear raid0 raid1 raid10 raid6 raid5 raid4",
    arrays: [
      "md3: active raid6 rw [8/8] UUUUUUUU missing=0 ok blocks=17581481472 super=1.2 chunk=64k algo=2 members=sdh6[8],sda6[0],sdg6[6],sdf6[5],sde6[4],sdd6[3],sdc6[2],sdb6[1]",
      "md2: active raid6 rw [8/8] UUUUUUUU missing=0 ok blocks=17552612736 super=1.2 chunk=64k algo=2 members=sdh5[15],sda5[9],sdg5[14],sdf5[8],sde5[13],sdd5[12],sdc5[11],sdb5[10]",
      "md1: active raid1 rw [8/8] UUUUUUUU missing=0 ok blocks=2097088 super=- members=sdh2[7],sda2[0],sdb2[1],sdc2[2],sdd2[3],sde2[4],sdf2[5],sdg2[6]",
      "md0: active raid1 rw [8/8] UUUUUUUU missing=0 ok blocks=2490176 super=- members=sdh1[7],sda1[0],sdb1[1],sdc1[2],sdd1[3],sde1[4],sdf1[5],sdg1[6]",
    ],
  },
  "pymdstat-16-raid5-8disk-bitmap-no-unused-devices-line.txt": {
    personalities: "raid6 raid5 raid4 linear multipath raid0 raid1 raid10",
    arrays: [
      "md1: active raid5 rw [8/8] UUUUUUUU missing=0 ok blocks=95705752576 super=1.2 chunk=512k algo=2 bitmap=2/102:8KB:65536KB:- members=sdd[2],sdf[8],sdb[6],sda[0],sdh[5],sdc[1],sde[7],sdg[3]",
    ],
  },
};

// The project's own captures (written in the kernel's exact format), usable without ../shared.
const OWN: Record<string, Expected> = {
  "raid1-recovery-faulty-member-plus-healthy-raid1.txt": {
    personalities: "raid1 linear multipath raid0 raid6 raid5 raid4 raid10",
    arrays: [
      "md0: active raid1 rw [2/1] U_ missing=1 DEGRADED blocks=976630464 super=1.2 bitmap=3/8:12KB:65536KB:- recovery=running:36.8%:359553024/976630464:52.1min:197214K members=sdc1[2],sda1[0],sdb1[1](F)",
      "md1: active raid1 rw [2/2] UU missing=0 ok blocks=1046528 super=1.2 members=sdb2[1],sda2[0]",
    ],
  },
  "raid10-far-offset-replacement-external-bitmap.txt": {
    personalities: "raid10 raid1",
    unused: ["sdi1", "sdj1"],
    arrays: [
      "md2: active raid10 rw [4/4] UUUU missing=0 ok blocks=3750481920 super=1.2 chunk=512k copies=nnull/f2/onull/setnull bitmap=1/28:4KB:65536KB:- members=nvme3n1p1[3],nvme2n1p1[2],nvme1n1p1[1],nvme0n1p1[0]",
      "md3: active raid10 rw [5/5] UUUUU missing=0 ok blocks=1221117440 super=1.2 chunk=64k copies=nnull/fnull/o2/setnull recovery=running:3.3%:16256000/488446976:41.2min:190923K members=sdf[5](R),sde[4],sdd[3],sdc[2],sdb[1],sda[0]",
      "md4: active raid1 rw [2/2] UU missing=0 ok blocks=52395008 super=1.2 bitmap=0/1:0KB:65536KB:/var/lib/mdadm/md4.bitmap members=sdh1[1](W),sdg1[0]",
    ],
  },
  "partial-paste-broken-raid0-pending-resync-check-tabs.txt": {
    personalities: "",
    arrays: [
      "md127: broken raid0 rw [-] ok blocks=1953260544 super=1.2 chunk=512k members=sdb[1],sda[0]",
      "md126: active raid1 auto-ro [2/2] UU missing=0 ok blocks=20954112 super=1.2 resync=pending:null%:null/null:nullmin:nullK members=sdd1[1],sdc1[0]",
      "md125: active raid6 rw [7/7] UUUUUUU missing=0 ok blocks=58603894780 super=1.2 chunk=512k algo=2 bitmap=2/88:8KB:65536KB:- check=running:92.4%:10830000000/11720778956:71.3min:208671K members=sdk[6],sdj[5],sdi[4],sdh[3],sdg[2],sdf[1],sde[0]",
    ],
  },
};

function expectReport(report: MdstatReport, expected: Expected): void {
  expect(report.personalities.join(" ")).toBe(expected.personalities);
  expect(report.unusedDevices).toEqual(expected.unused ?? []);
  expect(report.arrays.map(render)).toEqual(expected.arrays);
}

describe.runIf(hasSharedFixtures("mdstat shared captures"))(
  "parseMdstat on shared captures",
  () => {
    it("has an expectation for every capture in the folder", () => {
      expect(Object.keys(SHARED).sort()).toEqual(fixtureNames("mdstat"));
    });

    it.each(Object.keys(SHARED))("%s", (name) => {
      const expected = SHARED[name];
      if (!expected) throw new Error(`no expectation for ${name}`);
      expectReport(parseOk(fixture(`mdstat/${name}`)), expected);
    });
  },
);

describe("parseMdstat on own fixtures", () => {
  it.each(Object.keys(OWN))("%s", (name) => {
    const expected = OWN[name];
    if (!expected) throw new Error(`no expectation for ${name}`);
    expectReport(parseOk(ownFixture(`mdstat/${name}`)), expected);
  });

  it.each([
    ["malformed-truncated-status-line.txt", 3, "[2/2] [U"],
    ["malformed-status-count-mismatch.txt", 3, "[3/3] [UU]"],
  ])("rejects %s at line %i", (name, line, got) => {
    const result = parseMdstat(ownFixture(`mdstat/${name}`));
    expect(result).toEqual({
      ok: false,
      error: {
        code: "PARSE_FAILED",
        line,
        expected: '"[n/m] [U_]" status with one flag per raid disk',
        got,
      },
    });
  });
});

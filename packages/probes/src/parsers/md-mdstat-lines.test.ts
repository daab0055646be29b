import { describeParseError, type MdstatReport, MdstatReportSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture } from "../testing/fixtures";
import { parseMdstat } from "./mdstat";

// Line-level details of /proc/mdstat: numbers, rarer fields, and where malformed input fails.

function parseOk(text: string): MdstatReport {
  const result = parseMdstat(text);
  if (!result.ok) throw new Error(describeParseError(result.error));
  return MdstatReportSchema.parse(result.value);
}

describe("parseMdstat details", () => {
  const header = "Personalities : [raid1]\n";

  it("decodes a degraded array's numbers exactly", () => {
    const report = parseOk(`${header}md6 : active raid1 sdb2[2](F) sda2[0]
      195310144 blocks [2/1] [U_]
      [=>...................]  recovery =  8.5% (16775552/195310144) finish=17.0min speed=259783K/sec
`);
    expect(report.arrays[0]).toMatchObject({
      raidDisks: 2,
      activeDisks: 1,
      missingDisks: 1,
      statusString: "U_",
      degraded: true,
      sync: {
        action: "recovery",
        state: "running",
        percent: 8.5,
        doneBlocks: 16775552,
        totalBlocks: 195310144,
        finishMinutes: 17,
        speedKBps: 259783,
      },
    });
  });

  it("converts a byte-sized bitmap chunk and keeps the bitmap file", () => {
    const report = parseOk(`${header}md0 : active raid1 sdb1[1] sda1[0]
      1024 blocks [2/2] [UU]
      bitmap: 1/1 pages [4KB], 512B chunk, file: /srv/md0 bitmap
`);
    expect(report.arrays[0]?.bitmap).toEqual({
      pagesUsed: 1,
      pagesTotal: 1,
      memoryKb: 4,
      chunkKb: 0.5,
      file: "/srv/md0 bitmap",
    });
  });

  it("reads resync=REMOTE, the 'devices per set' raid10 layout and external:- members", () => {
    const report = parseOk(`md9 : active raid10 sdd[3] sdc[2] sdb[1] sda[0]
      2097152 blocks super external:-md127/1 64K chunks 2 far-copies 2 devices per set [4/4] [UUUU]
      resync=REMOTE
`);
    expect(report.arrays[0]).toMatchObject({
      layout: { nearCopies: null, farCopies: 2, offsetCopies: null, devicesPerSet: 2 },
      containerName: "md127",
      containerMember: "1",
      sync: { action: "resync", state: "remote", percent: null },
    });
  });

  it.each([
    ["", 1, '"Personalities :" header or an md array', ""],
    ["\n  \n", 1, '"Personalities :" header or an md array', ""],
    ["hello world", 1, '"mdN : active|inactive <level> <dev>[n]…" array header', "hello world"],
    [
      `${header}      1024 blocks [1/1] [U]`,
      2,
      '"mdN : active|inactive <level> <dev>[n]…" array header',
      "1024 blocks [1/1] [U]",
    ],
    ["Personalities : raid1", 1, 'personality "[name]"', "raid1"],
    [
      `${header}md0 : active raid1 sda1[0] sd`,
      2,
      '"mdN : active|inactive <level> <dev>[n]…" array header',
      "sd",
    ],
    [
      `${header}md0 : active raid1 sda1[0](X)`,
      2,
      '"mdN : active|inactive <level> <dev>[n]…" array header',
      "sda1[0](X)",
    ],
    [
      `${header}md0 : active raid1 sda1[0]\n      1024 blocks [2/3] [UU]`,
      3,
      '"[n/m] [U_]" status with one flag per raid disk',
      "[2/3] [UU]",
    ],
    [
      `${header}md0 : active raid1 sda1[0]\n      1024 blocks wibble`,
      3,
      "mdstat status field (super, chunk, level, algorithm, copies, [n/m] [U_])",
      "wibble",
    ],
    [
      `${header}md0 : active raid1 sda1[0]\n      1024 blocks\n      2048 blocks`,
      4,
      "one blocks line per array",
      "2048 blocks",
    ],
    [
      `${header}md0 : active raid1 sda1[0]\n      [=>..]  resync = 101.0% (1/2) finish=1.0min speed=1K/sec`,
      3,
      '"<action> = p% (done/total) finish=<m>min speed=<n>K/sec" progress line',
      "[=>..]  resync = 101.0% (1/2) finish=1.0min speed=1K/sec",
    ],
    [
      `${header}md0 : active raid1 sda1[0]\n      bitmap: 1/1 pages`,
      3,
      '"bitmap: u/t pages [nKB], nKB chunk" line',
      "bitmap: 1/1 pages",
    ],
    [
      `${header}md0 : active raid1 sda1[0]\n      something else`,
      3,
      "array status, resync/recovery progress or bitmap line",
      "something else",
    ],
    [
      `${header}unused devices: <none>\n      1024 blocks [1/1] [U]`,
      3,
      '"mdN : active|inactive <level> <dev>[n]…" array header',
      "1024 blocks [1/1] [U]",
    ],
  ])("rejects %j at line %i", (text, line, expected, got) => {
    expect(parseMdstat(text)).toEqual({
      ok: false,
      error: { code: "PARSE_FAILED", line, expected, got },
    });
  });

  it("ignores CRLF line endings", () => {
    const text = fixtureLikeText();
    expect(parseOk(text.replace(/\n/g, "\r\n"))).toEqual(parseOk(text));
  });
});

function fixtureLikeText(): string {
  return ownFixture("mdstat/raid1-recovery-faulty-member-plus-healthy-raid1.txt");
}

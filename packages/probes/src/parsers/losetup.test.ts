import { type LoopDevice, LoopDeviceListSchema, type ParseError } from "@holmes/core";
import { describe, expect, it } from "vitest";
import {
  fixture,
  fixtureNames,
  hasSharedFixtures,
  ownFixture,
  ownFixtureNames,
} from "../testing/fixtures";
import { parseLosetup } from "./losetup";

function parseOk(text: string): LoopDevice[] {
  const result = parseLosetup(text);
  if (!result.ok) expect.fail(JSON.stringify(result.error));
  return LoopDeviceListSchema.parse(result.value);
}

function failureOf(text: string): ParseError {
  const result = parseLosetup(text);
  if (result.ok) expect.fail("expected a parse failure");
  return result.error;
}

type Row = [
  name: string,
  backFile: string,
  backFileDeleted: boolean,
  offset: number,
  sizeLimit: number,
  autoclear: boolean,
  readOnly: boolean,
  directIo: boolean,
  logicalSectorSize: number,
];

function device(row: Row): LoopDevice {
  const [name, backFile, backFileDeleted, offset, sizeLimit, autoclear, readOnly, directIo] = row;
  return {
    name,
    backFile,
    backFileDeleted,
    offset,
    sizeLimit,
    autoclear,
    readOnly,
    directIo,
    logicalSectorSize: row[8],
  };
}

const LOOP2: Row = ["/dev/loop2", "/root/disk2.img", false, 256, 4096, false, true, false, 1024];
const LOOP0: Row = ["/dev/loop0", "/root/disk1.img", false, 0, 0, true, false, true, 512];

describe.runIf(hasSharedFixtures("losetup"))("parseLosetup on the shared capture", () => {
  it("has a test for every capture", () => {
    expect(fixtureNames("losetup")).toEqual(["insights-l-rhel8-dio-logsec.txt"]);
  });

  it("reads `losetup -l` of RHEL 8 with DIO and LOG-SEC columns", () => {
    const text = fixture("losetup/insights-l-rhel8-dio-logsec.txt");
    expect(parseOk(text)).toEqual([device(LOOP2), device(LOOP0)]);
    expect(parseLosetup(text.replaceAll("\n", "\r\n"))).toEqual(parseLosetup(text));
  });
});

describe("parseLosetup on own fixtures", () => {
  it("has a test for every own fixture", () => {
    expect(ownFixtureNames("losetup")).toEqual([
      "json-2.32-strings.json",
      "json-2.37-booleans-deleted.json",
      "text-2.37-spaces-and-deleted.txt",
    ]);
  });

  it("reads util-linux 2.32 JSON where every value is a string", () => {
    expect(parseOk(ownFixture("losetup/json-2.32-strings.json"))).toEqual([
      device(LOOP0),
      device(LOOP2),
    ]);
  });

  it("reads util-linux 2.37 JSON booleans and strips the (deleted) marker", () => {
    expect(parseOk(ownFixture("losetup/json-2.37-booleans-deleted.json"))).toEqual([
      device([
        "/dev/loop1",
        "/var/lib/snapd/snaps/core20_2015.snap",
        false,
        0,
        0,
        true,
        true,
        false,
        512,
      ]),
      device(["/dev/loop0", "/mnt/nfs/images/db1.img", true, 0, 0, false, false, true, 4096]),
    ]);
  });

  it("reads a text table whose backing files hold spaces and a (deleted) marker", () => {
    expect(parseOk(ownFixture("losetup/text-2.37-spaces-and-deleted.txt"))).toEqual([
      device([
        "/dev/loop0",
        "/srv/vm images/build agent 01.img",
        false,
        0,
        0,
        true,
        false,
        false,
        512,
      ]),
      device(["/dev/loop1", "/var/tmp/scratch.img", true, 0, 0, false, false, true, 4096]),
      device([
        "/dev/loop7",
        "/mnt/iso/ubuntu-22.04.3-live-server-amd64.iso",
        false,
        1048576,
        104857600,
        false,
        true,
        false,
        2048,
      ]),
    ]);
  });

  it("reads a reduced column set and leaves the missing columns null", () => {
    expect(parseOk("NAME       BACK-FILE\n/dev/loop3 /srv/a b.img (deleted)\n")).toEqual([
      {
        name: "/dev/loop3",
        backFile: "/srv/a b.img",
        backFileDeleted: true,
        offset: null,
        sizeLimit: null,
        autoclear: null,
        readOnly: null,
        directIo: null,
        logicalSectorSize: null,
      },
    ]);
  });

  it("reads an empty list (no loop devices) from both forms", () => {
    expect(parseOk('{"loopdevices": []}')).toEqual([]);
    expect(parseOk("NAME SIZELIMIT OFFSET AUTOCLEAR RO BACK-FILE DIO LOG-SEC\n")).toEqual([]);
  });

  it("reads no output at all as no loop devices: losetup --list prints nothing then", () => {
    expect(parseOk("")).toEqual([]);
    expect(parseOk("\n")).toEqual([]);
  });
});

const HEADER = "NAME       SIZELIMIT OFFSET AUTOCLEAR RO BACK-FILE       DIO LOG-SEC";

describe("parseLosetup on malformed input", () => {
  it.each([
    ["no loopdevices", "{}", "loopdevices"],
    ["an array document", '["/dev/loop0"]', "(document)"],
    [
      "a word for a flag",
      '{"loopdevices": [{"name": "/dev/loop0", "ro": "maybe"}]}',
      "loopdevices[0].ro",
    ],
    [
      "a negative offset",
      '{"loopdevices": [{"name": "/dev/loop0", "offset": -1}]}',
      "loopdevices[0].offset",
    ],
    ["a nameless device", '{"loopdevices": [{"ro": false}]}', "loopdevices[0].name"],
  ])("names the JSON field for %s", (_name, text, field) => {
    expect(failureOf(text).field).toBe(field);
  });

  it.each([
    [
      "losetup -a output",
      "/dev/loop0: [64769]:1234 (/root/disk1.img)\n",
      1,
      "a losetup --list header (NAME SIZELIMIT OFFSET …)",
    ],
    [
      "a word for a size",
      `${HEADER}\n/dev/loop0  x  0  1  0 /f.img  0  512\n`,
      2,
      "a non-negative integer in the SIZELIMIT column",
    ],
    [
      "a 2 for a flag",
      `${HEADER}\n/dev/loop0  0  0  2  0 /f.img  0  512\n`,
      2,
      "0 or 1 in the AUTOCLEAR column",
    ],
    [
      "a cut line",
      `${HEADER}\n/dev/loop0  0  0  1  0 /f.img  0  512\n/dev/loop1  0\n`,
      3,
      "one value per column",
    ],
  ])("names the line for %s", (_name, text, line, expected) => {
    expect(failureOf(text)).toMatchObject({ line, expected });
  });
});

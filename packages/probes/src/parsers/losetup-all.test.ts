import { type LoopDevice, LoopDeviceListSchema, type ParseError } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture, ownFixtureNames } from "../testing/fixtures";
import { parseLosetupAll } from "./losetup-all";

function parseOk(text: string): LoopDevice[] {
  const result = parseLosetupAll(text);
  if (!result.ok) expect.fail(JSON.stringify(result.error));
  return LoopDeviceListSchema.parse(result.value);
}

function failureOf(text: string): ParseError {
  const result = parseLosetupAll(text);
  if (result.ok) expect.fail("expected a parse failure");
  return result.error;
}

const unknownFlags = { autoclear: null, readOnly: null, directIo: null, logicalSectorSize: null };

describe("parseLosetupAll", () => {
  it("reads util-linux 2.13 (RHEL 5): hex device, offset and sizelimit, a name cut at 63", () => {
    const devices = parseOk(
      ownFixture("losetup-all/util-linux-2.13-rhel5-offset-sizelimit-cut-name.txt"),
    );
    expect(devices).toEqual([
      {
        name: "/dev/loop0",
        backFile: "/var/ftp/pub/rhel-5.11-server-x86_64-dvd.iso",
        backFileDeleted: false,
        offset: 0,
        sizeLimit: 0,
        ...unknownFlags,
      },
      {
        name: "/dev/loop1",
        backFile: "/var/lib/xen/images/guest01 (copy).img",
        backFileDeleted: false,
        offset: 32256,
        sizeLimit: 1048576,
        ...unknownFlags,
      },
      {
        name: "/dev/loop7",
        backFile:
          "/mnt/archive/images/a-very-long-directory-name/with-a-file-name-that-is-cut-at-63-c",
        backFileDeleted: false,
        offset: 0,
        sizeLimit: 0,
        ...unknownFlags,
      },
    ]);
  });

  it("reads util-linux 2.23 (RHEL 7): a deleted backing file and an encrypted loop", () => {
    const devices = parseOk(
      ownFixture("losetup-all/util-linux-2.23-rhel7-sysfs-deleted-encryption.txt"),
    );
    expect(devices.map((d) => [d.name, d.backFile, d.backFileDeleted])).toEqual([
      ["/dev/loop0", "/srv/images/db1.img", false],
      ["/dev/loop1", "/mnt/nfs/ci cache.img", true],
      ["/dev/loop2", "/root/crypt.img", false],
    ]);
  });

  it("reads no output (no loop device attached) as none", () => {
    expect(parseOk("")).toEqual([]);
    expect(parseOk("\n")).toEqual([]);
  });

  it("reads every own fixture onto the schema", () => {
    for (const name of ownFixtureNames("losetup-all")) {
      expect(parseOk(ownFixture(`losetup-all/${name}`)).length).toBeGreaterThan(0);
    }
  });

  it.each([
    ["losetup: unrecognized option `--list'", 1],
    ["/dev/loop0: [0803]:12 (/a.img", 1],
    ["/dev/loop0: [0803]:12 (/a.img)\n/dev/loop1 [0803]:13 (/b.img)", 2],
    ["/dev/loop0: [0803]:12 (/a.img), offset 99999999999999999999", 1],
  ])("refuses %j, naming line %i", (text, line) => {
    expect(failureOf(text)).toMatchObject({ code: "PARSE_FAILED", line });
  });
});

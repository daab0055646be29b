import {
  type LsblkDevice,
  type LsblkReport,
  LsblkReportSchema,
  type ParseError,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import {
  fixture,
  fixtureNames,
  hasSharedFixtures,
  ownFixture,
  ownFixtureNames,
} from "../testing/fixtures";
import { parseLsblk } from "./lsblk";

function parseOk(text: string): LsblkReport {
  const result = parseLsblk(text);
  if (!result.ok) expect.fail(JSON.stringify(result.error));
  return LsblkReportSchema.parse(result.value);
}

function failureOf(text: string): ParseError {
  const result = parseLsblk(text);
  if (result.ok) expect.fail("expected a parse failure");
  return result.error;
}

/** Every device in tree order, as "depth:name". */
function outline(devices: LsblkDevice[], depth = 0): string[] {
  return devices.flatMap((d) => [`${depth}:${d.name}`, ...outline(d.children, depth + 1)]);
}

function find(devices: LsblkDevice[], path: string): LsblkDevice {
  const [head, ...rest] = path.split("/");
  const device = devices.find((d) => d.name === head);
  if (device === undefined) return expect.fail(`no ${head} in ${devices.map((d) => d.name)}`);
  return rest.length === 0 ? device : find(device.children, rest.join("/"));
}

const NVME_PARTITIONS = [
  "0:sda",
  "1:sda1",
  "1:sda2",
  "1:sda3",
  "1:sda4",
  "1:sda5",
  "1:sda6",
  "0:sdb",
  "1:sdb1",
  "0:nvme0n1",
  "1:nvme0n1p1",
  "1:nvme0n1p2",
  "1:nvme0n1p3",
];

describe.runIf(hasSharedFixtures("lsblk"))("parseLsblk on the shared captures", () => {
  it("has a test for every capture", () => {
    expect(fixtureNames("lsblk")).toEqual([
      "jc-centos7-all-columns.txt",
      "jc-ubuntu1804-snap-loops.txt",
      "util-linux-loop-backed-lvm-sata-nvme.txt",
      "util-linux-nvme-partitions.txt",
    ]);
  });

  it("reads the all-columns CentOS 7 tree by column position, spaces in MODEL included", () => {
    const { format, devices } = parseOk(fixture("lsblk/jc-centos7-all-columns.txt"));
    expect(format).toBe("text");
    expect(outline(devices)).toEqual([
      "0:sda",
      "1:sda1",
      "1:sda2",
      "2:centos-root",
      "2:centos-swap",
      "0:sr0",
    ]);
    expect(find(devices, "sda")).toMatchObject({
      kname: "sda",
      majMin: "8:0",
      type: "disk",
      sizeBytes: null,
      sizeText: "20G",
      model: "VMware Virtual S",
      vendor: "VMware,",
      serial: null,
      wwn: null,
      transport: "spi",
      hctl: "0:0:0:0",
      state: "running",
      readOnly: false,
      removable: false,
      rotational: true,
      mountpoints: [],
    });
    expect(find(devices, "sda/sda1")).toMatchObject({
      majMin: "8:1",
      sizeText: "1G",
      fstype: "xfs",
      uuid: "05d927bb-5875-49e3-ada1-7f46cb31c932",
      mountpoints: ["/boot"],
      pkname: "sda",
    });
    expect(find(devices, "sda/sda2")).toMatchObject({
      fstype: "LVM2_member",
      uuid: "3klkIj-w1qk-DkJi-0XBJ-y3o7-i2Ac-vHqWBM",
      sizeText: "19G",
      mountpoints: [],
    });
    expect(find(devices, "sda/sda2/centos-root")).toMatchObject({
      kname: "dm-0",
      majMin: "253:0",
      type: "lvm",
      sizeText: "17G",
      fstype: "xfs",
      mountpoints: ["/"],
      pkname: "sda2",
      state: "running",
    });
    expect(find(devices, "sda/sda2/centos-swap")).toMatchObject({
      kname: "dm-1",
      fstype: "swap",
      mountpoints: ["[SWAP]"],
      sizeText: "2G",
    });
    expect(find(devices, "sr0")).toMatchObject({
      type: "rom",
      sizeText: "1024M",
      removable: true,
      serial: "10000000000000000001",
      model: "VMware IDE CDR10",
      vendor: "NECVMWar",
      transport: "ata",
      hctl: "2:0:0:0",
    });
  });

  it("reads the Ubuntu default columns: read-only snap loops and their mount points", () => {
    const { devices } = parseOk(fixture("lsblk/jc-ubuntu1804-snap-loops.txt"));
    expect(devices.map((d) => d.name)).toEqual([
      "fd0",
      ...["loop0", "loop1", "loop2", "loop3", "loop4", "loop5"],
      ...["loop7", "loop8", "loop9", "loop10", "loop11"],
      "sda",
      "sr0",
      "sr1",
    ]);
    const loops = devices.filter((d) => d.type === "loop");
    expect(loops.every((d) => d.readOnly === true && d.removable === false)).toBe(true);
    expect(find(devices, "loop10")).toMatchObject({
      majMin: "7:10",
      sizeText: "89.1M",
      mountpoints: ["/snap/core/7917"],
      kname: null,
      rotational: null,
    });
    expect(find(devices, "fd0")).toMatchObject({
      removable: true,
      sizeText: "1.4M",
      mountpoints: [],
    });
    expect(find(devices, "sda/sda1")).toMatchObject({ sizeText: "1M", mountpoints: [] });
    expect(find(devices, "sda/sda2")).toMatchObject({ sizeText: "20G", mountpoints: ["/"] });
    expect(find(devices, "sr1")).toMatchObject({ type: "rom", sizeText: "848M", removable: true });
  });

  it("reads the ASCII tree (LC_ALL=C) and repeats a multi-PV LV under every loop device", () => {
    const { devices } = parseOk(fixture("lsblk/util-linux-loop-backed-lvm-sata-nvme.txt"));
    expect(outline(devices)).toEqual([
      ...["loop0", "loop1", "loop2", "loop3"].flatMap((l) => [
        `0:${l}`,
        "1:vg_foo.4059-lv_foo.4059",
      ]),
      ...NVME_PARTITIONS,
    ]);
    expect(find(devices, "loop2/vg_foo.4059-lv_foo.4059")).toMatchObject({
      kname: "dm-0",
      majMin: "253:0",
      type: "lvm",
      sizeText: "32M",
      readOnly: null,
    });
    const sda = find(devices, "sda");
    expect(sda.children.map((p) => [p.name, p.sizeText, p.mountpoints])).toEqual([
      ["sda1", "200M", ["/boot/efi"]],
      ["sda2", "200M", ["/boot"]],
      ["sda3", "130.3G", []],
      ["sda4", "50G", ["/"]],
      ["sda5", "35.1G", []],
      ["sda6", "7.8G", []],
    ]);
    expect(find(devices, "sdb")).toMatchObject({ majMin: "8:16", sizeText: "74.5G" });
    expect(find(devices, "sdb/sdb1").mountpoints).toEqual(["/home/archive"]);
  });

  it("reads the NVMe partition tree", () => {
    const { devices } = parseOk(fixture("lsblk/util-linux-nvme-partitions.txt"));
    expect(outline(devices)).toEqual(NVME_PARTITIONS);
    expect(find(devices, "nvme0n1")).toMatchObject({
      kname: "nvme0n1",
      majMin: "259:0",
      sizeText: "223.6G",
      type: "disk",
      removable: false,
    });
    expect(find(devices, "nvme0n1").children.map((p) => p.mountpoints)).toEqual([
      [],
      ["/home"],
      ["/home/test"],
    ]);
  });

  it("reads CRLF line endings like LF", () => {
    for (const name of fixtureNames("lsblk")) {
      const text = fixture(`lsblk/${name}`);
      expect(parseLsblk(text.replaceAll("\n", "\r\n"))).toEqual(parseLsblk(text));
    }
  });
});

describe("parseLsblk on own fixtures", () => {
  it("has a test for every own fixture", () => {
    expect(ownFixtureNames("lsblk")).toEqual([
      "json-2.33-strings-degraded-md-crypt.json",
      "json-2.38-b-raid1-lvm-nvme-loop.json",
      "text-2.38-utf8-mountpoints-multiline.txt",
      "text-ascii-partial-paste-starts-mid-tree.txt",
    ]);
  });

  it("reads lsblk 2.38 -J -b: byte sizes, booleans, mountpoints arrays, md RAID1 under both disks", () => {
    const { format, devices } = parseOk(ownFixture("lsblk/json-2.38-b-raid1-lvm-nvme-loop.json"));
    expect(format).toBe("json");
    const lvs = ["3:vg0-root", "3:vg0-swap", "3:vg0-srv"];
    expect(outline(devices)).toEqual([
      "0:loop0",
      ...["0:sda", "1:sda1", "1:sda2", "2:md1", ...lvs],
      ...["0:sdb", "1:sdb1", "1:sdb2", "2:md1", ...lvs],
      ...["0:nvme0n1", "1:nvme0n1p1"],
    ]);
    expect(find(devices, "loop0")).toMatchObject({
      sizeBytes: 66637824,
      sizeText: null,
      readOnly: true,
      rotational: false,
      fstype: "squashfs",
      mountpoints: ["/snap/core20/2015"],
    });
    expect(find(devices, "sda")).toMatchObject({
      path: "/dev/sda",
      sizeBytes: 2000398934016,
      serial: "WD-WCC4M1KXRT21",
      wwn: "0x50014ee2b6f3bfe2",
      model: "WDC WD20EFRX-68EUZN0",
      transport: "sata",
      rotational: true,
      readOnly: false,
      mountpoints: [],
    });
    expect(find(devices, "sda/sda1").mountpoints).toEqual(["/boot/efi"]);
    expect(find(devices, "sdb/sdb1").mountpoints).toEqual([]);
    for (const member of ["sda/sda2", "sdb/sdb2"]) {
      expect(find(devices, member).fstype).toBe("linux_raid_member");
      expect(find(devices, `${member}/md1`)).toMatchObject({
        type: "raid1",
        sizeBytes: 1999725723648,
        fstype: "LVM2_member",
        pkname: member.split("/")[1],
      });
    }
    expect(find(devices, "sdb/sdb2/md1/vg0-srv")).toMatchObject({
      kname: "dm-2",
      path: "/dev/mapper/vg0-srv",
      sizeBytes: 536870912000,
      mountpoints: ["/srv/nfs", "/srv"],
    });
    expect(find(devices, "nvme0n1")).toMatchObject({
      wwn: "eui.0025385391b12345",
      transport: "nvme",
      rotational: false,
      sizeBytes: 250059350016,
    });
  });

  it('reads lsblk 2.33 JSON ("0"/"1" strings, human sizes): a degraded md under one member', () => {
    const { devices } = parseOk(ownFixture("lsblk/json-2.33-strings-degraded-md-crypt.json"));
    expect(outline(devices)).toEqual([
      "0:sda",
      "1:sda1",
      "1:sda2",
      "2:md0",
      "3:cryptdata",
      "4:vgdata-home",
      "4:vgdata-backup",
      "0:sr0",
    ]);
    expect(find(devices, "sda")).toMatchObject({
      sizeText: "1.8T",
      sizeBytes: null,
      readOnly: false,
      removable: false,
      rotational: null,
      mountpoints: [],
    });
    expect(find(devices, "sda/sda2/md0")).toMatchObject({ type: "raid1", majMin: "9:0" });
    expect(find(devices, "sda/sda2/md0/cryptdata")).toMatchObject({ type: "crypt" });
    expect(find(devices, "sda/sda2/md0/cryptdata/vgdata-backup")).toMatchObject({
      readOnly: true,
      sizeText: "300G",
      mountpoints: ["/srv/backup"],
    });
    expect(find(devices, "sr0")).toMatchObject({ removable: true, type: "rom" });
  });

  it("reads the 2.38 text tree with a second mount point on a continuation line", () => {
    const { devices } = parseOk(ownFixture("lsblk/text-2.38-utf8-mountpoints-multiline.txt"));
    expect(outline(devices)).toHaveLength(17);
    expect(find(devices, "sda/sda2/md1/vg0-srv").mountpoints).toEqual(["/srv/nfs", "/srv"]);
    expect(find(devices, "sdb/sdb2/md1/vg0-srv").mountpoints).toEqual(["/srv/nfs", "/srv"]);
    expect(find(devices, "sdb/sdb2/md1/vg0-swap").mountpoints).toEqual(["[SWAP]"]);
    expect(find(devices, "nvme0n1/nvme0n1p1")).toMatchObject({
      majMin: "259:1",
      sizeText: "224.9G",
      mountpoints: ["/var/lib/postgresql", "/srv/pgdata"],
    });
    expect(find(devices, "nvme0n1/nvme0n1p2").mountpoints).toEqual(["[SWAP]"]);
    expect(find(devices, "sda/sda2/md1")).toMatchObject({ type: "raid1", majMin: "9:1" });
  });

  it("rejects a paste that starts inside the tree, naming the orphan line", () => {
    const error = failureOf(ownFixture("lsblk/text-ascii-partial-paste-starts-mid-tree.txt"));
    expect(error).toMatchObject({ line: 2, expected: "a tree branch under a listed parent" });
  });
});

describe("parseLsblk on malformed input", () => {
  it.each([
    ["no blockdevices", "{}", "blockdevices"],
    ["an array document", "[]", "(document)"],
    ["a word for a flag", '{"blockdevices": [{"name": "sda", "ro": "yes"}]}', "blockdevices[0].ro"],
    [
      "a nameless child",
      '{"blockdevices": [{"name": "sda", "children": [{}]}]}',
      "blockdevices[0].children[0].name",
    ],
    ["an object size", '{"blockdevices": [{"name": "sda", "size": {}}]}', "blockdevices[0].size"],
    [
      "a numeric mount point",
      '{"blockdevices": [{"name": "sda", "mountpoints": [1]}]}',
      "blockdevices[0].mountpoints[0]",
    ],
  ])("names the JSON field for %s", (_name, text, field) => {
    expect(failureOf(text).field).toBe(field);
  });

  it.each([
    ["empty input", "", 1, "an lsblk header line (NAME MAJ:MIN … TYPE …)"],
    [
      "no NAME column",
      "KNAME TYPE\nsda   disk\n",
      1,
      "an lsblk header line (NAME MAJ:MIN … TYPE …)",
    ],
    ["a bad RO value", "\nNAME RO TYPE\nsda   x disk\n", 3, "0 or 1 in the RO column"],
    [
      "a skipped tree level",
      "NAME    TYPE\nsda     disk\n  └─md0 raid1\n",
      3,
      "a tree branch under a listed parent",
    ],
    [
      "a stray continuation",
      "NAME  TYPE MOUNTPOINTS\n           /srv\n",
      2,
      "a device name in the NAME column",
    ],
  ])("names the line for %s", (_name, text, line, expected) => {
    expect(failureOf(text)).toMatchObject({ line, expected });
  });

  it("skips FSROOTS continuation lines and keeps MOUNTPOINTS ones", () => {
    const text = [
      "NAME  TYPE MOUNTPOINTS FSROOTS",
      "sda   disk /srv        /",
      "                       /@home",
      "           /home       /@home",
    ].join("\n");
    expect(parseOk(text).devices[0]?.mountpoints).toEqual(["/srv", "/home"]);
  });

  it("reads exact byte sizes from `lsblk -b` text", () => {
    const { devices } = parseOk("NAME          SIZE TYPE\nsda  2000398934016 disk\n");
    expect(devices[0]).toMatchObject({ sizeBytes: 2000398934016, sizeText: null });
  });
});

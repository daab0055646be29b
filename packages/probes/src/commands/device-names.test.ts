import { describe, expect, it } from "vitest";
import { isBlockDeviceName, isDevicePath, isVolumeGroupName, toDevicePath } from "./device-names";

const HOSTILE = [
  "",
  "sda;reboot",
  "$(id)",
  "`id`",
  "sda b",
  "sda\n",
  "\nsda",
  "sda\0",
  "-sda",
  "--help",
  "sda'",
  'sda"',
  "sda|sh",
  "sda&",
  "sda>x",
  "../sda",
  "sda/../../etc/shadow",
  "ｓｄａ",
  "SDA",
];

describe("isBlockDeviceName", () => {
  it.each([
    "sda",
    "sdz",
    "sdaa",
    "sdaa1",
    "sdb12",
    "nvme0n1",
    "nvme0n1p2",
    "nvme12n3p128",
    "nvme0c1n1",
    "md0",
    "md127",
    "md127p1",
    "md_d0",
    "md_home",
    "dm-3",
    "loop12",
    "loop0p1",
    "vda1",
    "xvdb",
    "hdb1",
    "sr0",
    "mmcblk0p1",
    "mmcblk0boot0",
    "nbd0",
    "rbd3p1",
    "drbd1",
    "bcache0",
    "zram0",
    "pmem0",
    "pmem0s",
  ])("accepts %s", (name) => {
    expect(isBlockDeviceName(name)).toBe(true);
  });

  it.each([
    ...HOSTILE,
    "sd",
    "sda1234",
    "nvme0",
    "nvme0n",
    "md",
    "md_",
    "dm-",
    "dm3",
    "loop",
    "hdaa",
    "tty0",
    "mapper",
    "sda-1",
    `md_${"a".repeat(40)}`,
    "sdzzzzz",
  ])("rejects %j", (name) => {
    expect(isBlockDeviceName(name)).toBe(false);
  });
});

describe("isDevicePath", () => {
  it.each([
    "/dev/sda",
    "/dev/nvme0n1p2",
    "/dev/md127",
    "/dev/md/data",
    "/dev/md/host:raid.1",
    "/dev/md/a-b_c",
  ])("accepts %s", (path) => {
    expect(isDevicePath(path)).toBe(true);
  });

  it.each([
    ...HOSTILE.map((name) => `/dev/${name}`),
    "sda",
    "/dev/",
    "/dev//sda",
    "/dev/sda/",
    "//dev/sda",
    "/dev/md/",
    "/dev/md/.",
    "/dev/md/..",
    "/dev/md/../sda",
    "/dev/md/a..b",
    "/dev/md/a/b",
    "/dev/md/a b",
    "/dev/md/$(id)",
    "/dev/md/x;reboot",
    "/dev/mapper/vg-lv",
    "/etc/shadow",
    "/proc/../dev/sda",
  ])("rejects %j", (path) => {
    expect(isDevicePath(path)).toBe(false);
  });
});

describe("isVolumeGroupName", () => {
  it.each(["vg0", "vg_data", "VG-01", "a", "+plus", ".hidden", "a..b", "x".repeat(127)])(
    "accepts %s",
    (name) => {
      expect(isVolumeGroupName(name)).toBe(true);
    },
  );

  // Upper case is a valid VG name, unlike a kernel device name.
  const hostileForLvm = HOSTILE.filter((name) => name !== "SDA");
  it.each([...hostileForLvm, ".", "..", "-vg", "vg/lv", "vg lv", "vg:0", "x".repeat(128)])(
    "rejects %j",
    (name) => {
      expect(isVolumeGroupName(name)).toBe(false);
    },
  );
});

describe("toDevicePath", () => {
  it.each([
    ["sda", "/dev/sda"],
    ["/dev/md/data", "/dev/md/data"],
    ["md127", "/dev/md127"],
    ["sda;reboot", null],
    ["/dev/sda;reboot", null],
    ["/etc/passwd", null],
  ])("%j → %j", (input, expected) => {
    expect(toDevicePath(input)).toBe(expected);
  });
});

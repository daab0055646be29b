import { describe, expect, it } from "vitest";
import { VARIABLE_KIND_NAMES, type VariableKind } from "./types";
import { checkVariableValue, toBindingValue, VARIABLE_KINDS } from "./variables";

const GOOD: Record<VariableKind, string[]> = {
  host: ["db1", "db1.example.org", "node-07.dc2.example.com", "10-0-0-1"],
  "md-device": [
    "/dev/md0",
    "/dev/md127",
    "/dev/md_d0",
    "/dev/md0p1",
    "/dev/md/data",
    "/dev/md/host:0",
  ],
  "block-device": [
    "/dev/sda",
    "/dev/sdb1",
    "/dev/nvme0n1p2",
    "/dev/loop3",
    "/dev/xvdb",
    "/dev/dm-3",
  ],
  "block-devices": [
    "/dev/sdb1",
    "/dev/sdb1 /dev/sdc1",
    "/dev/sdb1,/dev/sdc1",
    "/dev/sdb1  /dev/sdc1 ",
  ],
  "mount-path": ["/", "/srv/nfs", "/var/lib/app", "/mnt/recovery"],
  path: ["/root/md0-grow.backup", "/srv/data/app.img", "/etc/lvm/backup/vg0"],
  "vg-name": ["vg0", "vg_data", "rhel", "VG.1+x"],
  "lv-name": ["data", "root", "lv_home", "swap"],
  integer: ["0", "6", "999999"],
  text: ["WD-WCC4N1234567", "raid6", "1.0", "a plain sentence, with commas"],
};

/** Every hostile shape the brief names, each dressed up to look like the kind it attacks. */
function hostileValues(kind: VariableKind): string[] {
  const base = GOOD[kind][0] ?? "x";
  const prefix = base.startsWith("/dev/") ? "/dev/" : base.startsWith("/") ? "/srv/" : "";
  const shapes = [
    "sda;reboot",
    "$(id)",
    "`id`",
    "sda\nreboot",
    "../etc",
    "sda&&reboot",
    "a|b",
    "'x'",
    '"x"',
  ];
  return [
    ...shapes.map((shape) => `${prefix}${shape}`),
    `${base};reboot`,
    `${base}$(id)`,
    `${base}\`id\``,
    `${base}\nrm -rf /`,
    `${base}\r`,
    `${base}/../..`,
    prefix === "" ? ".." : `${prefix}..`,
    "",
  ];
}

describe("variable kinds", () => {
  it("has a rule for every declared kind", () => {
    expect(Object.keys(VARIABLE_KINDS).sort()).toEqual([...VARIABLE_KIND_NAMES].sort());
  });

  it.each(VARIABLE_KIND_NAMES.map((kind) => [kind, GOOD[kind]] as const))(
    "%s accepts its ordinary values",
    (kind, values) => {
      for (const value of values) expect(checkVariableValue(kind, value), value).toBeNull();
    },
  );

  it.each([...VARIABLE_KIND_NAMES])(
    "%s rejects ;, $( ), backticks, quotes, newlines and ..",
    (kind) => {
      for (const value of hostileValues(kind)) {
        expect(checkVariableValue(kind, value), JSON.stringify(value)).toMatch(/^expected /);
      }
    },
  );

  it("rejects values of the wrong kind", () => {
    expect(checkVariableValue("md-device", "/dev/sda")).not.toBeNull();
    expect(checkVariableValue("block-device", "sda")).not.toBeNull();
    expect(checkVariableValue("block-device", "/dev/../sda")).not.toBeNull();
    expect(checkVariableValue("mount-path", "srv/nfs")).not.toBeNull();
    expect(checkVariableValue("mount-path", "/srv//nfs")).not.toBeNull();
    expect(checkVariableValue("mount-path", "/srv/./nfs")).not.toBeNull();
    expect(checkVariableValue("integer", "-1")).not.toBeNull();
    expect(checkVariableValue("integer", "1e3")).not.toBeNull();
    expect(checkVariableValue("integer", "07")).not.toBeNull();
    expect(checkVariableValue("lv-name", "snapshot1")).not.toBeNull();
    expect(checkVariableValue("lv-name", "data_rimage_0")).not.toBeNull();
    expect(checkVariableValue("host", "-db1")).not.toBeNull();
    expect(checkVariableValue("host", "db1 .example.org")).not.toBeNull();
    expect(checkVariableValue("text", "x".repeat(201))).not.toBeNull();
  });

  it("says what it expected and quotes what it got", () => {
    expect(checkVariableValue("md-device", "/dev/sda;reboot")).toBe(
      'expected an md array such as /dev/md0 or /dev/md/data, got "/dev/sda;reboot"',
    );
  });
});

describe("toBindingValue", () => {
  it("splits a device list on spaces or commas into distinct devices", () => {
    expect(toBindingValue("block-devices", " /dev/sdb1, /dev/sdc1 /dev/sdd1 ")).toEqual({
      ok: true,
      value: ["/dev/sdb1", "/dev/sdc1", "/dev/sdd1"],
    });
    expect(toBindingValue("block-devices", ["/dev/sdb1", "/dev/sdc1"])).toEqual({
      ok: true,
      value: ["/dev/sdb1", "/dev/sdc1"],
    });
  });

  it("refuses a list with a hostile, duplicate or missing item", () => {
    for (const raw of [
      "/dev/sdb1 /dev/sdb1",
      "/dev/sdb1 $(id)",
      "/dev/sdb1\n/dev/sdc1",
      "",
      " , ",
    ]) {
      expect(toBindingValue("block-devices", raw).ok, JSON.stringify(raw)).toBe(false);
    }
    expect(toBindingValue("block-devices", ["/dev/sdb1", "/dev/sdc1;reboot"]).ok).toBe(false);
    expect(toBindingValue("block-devices", []).ok).toBe(false);
  });

  it("trims a pasted value but keeps a single kind single", () => {
    expect(toBindingValue("md-device", "  /dev/md1\n")).toEqual({ ok: true, value: "/dev/md1" });
    expect(toBindingValue("md-device", ["/dev/md1"])).toEqual({
      ok: false,
      message: "expected one value, got a list",
    });
  });
});

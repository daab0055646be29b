import { MountOptionMapSchema, NfsMountOptionsSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture } from "../testing/fixtures";
import {
  createNfsOptionsMemo,
  parseMountOptions,
  parseNfsOptions,
  splitNfsSource,
} from "./nfs-options";

const optionLines = ownFixture("nfs-options/option-strings.txt").trimEnd().split("\n");

function nfs(line: number) {
  const value = parseNfsOptions(optionLines[line - 1] ?? "");
  NfsMountOptionsSchema.parse(value);
  return value;
}

describe("parseNfsOptions on own option strings", () => {
  it("reads a kernel /proc/mounts NFSv4.2 option list (line 1)", () => {
    expect(nfs(1)).toEqual({
      vers: "4.2",
      proto: "tcp",
      hard: true,
      soft: false,
      softerr: false,
      timeo: 600,
      retrans: 2,
      rsize: 1048576,
      wsize: 1048576,
      acregmin: null,
      acregmax: null,
      acdirmin: null,
      acdirmax: null,
      actimeo: null,
      noac: false,
      cto: true,
      lock: true,
      intr: null,
      sec: "krb5p",
      port: null,
      mountaddr: null,
      addr: "10.20.0.5",
      clientaddr: "10.20.0.15",
      readOnly: false,
      other: { relatime: true, namlen: "255", nconnect: "4", local_lock: "none" },
    });
  });

  it("reads fstab spellings: nfsvers=, bare tcp, soft, intr, noac, nocto (line 2)", () => {
    const value = nfs(2);
    expect(value).toMatchObject({
      vers: "3",
      proto: "tcp",
      hard: false,
      soft: true,
      softerr: false,
      intr: true,
      noac: true,
      cto: false,
      actimeo: 30,
      readOnly: null,
    });
    expect(value.other).toEqual({ defaults: true, _netdev: true, "x-systemd.automount": true });
  });

  it("keeps a quoted SELinux context with commas as one option (line 3)", () => {
    const value = nfs(3);
    expect(value.other).toEqual({ context: "system_u:object_r:nfs_t:s0:c12,c34" });
    expect(value).toMatchObject({
      vers: "4.1",
      hard: true,
      sec: "krb5i",
      port: 2049,
      readOnly: false,
    });
  });

  it("reads softerr, ro, nolock, udp and nointr (line 4)", () => {
    expect(nfs(4)).toMatchObject({
      vers: "3",
      proto: "udp",
      hard: false,
      soft: true,
      softerr: true,
      lock: false,
      intr: false,
      readOnly: true,
      mountaddr: "10.0.0.9",
      timeo: 11,
      retrans: 3,
    });
  });

  it("keeps values it cannot type in `other`, and the last of soft/hard wins (line 5)", () => {
    const value = nfs(5);
    expect(value).toMatchObject({
      timeo: null,
      retrans: null,
      rsize: null,
      hard: true,
      soft: false,
    });
    expect(value.vers).toBe("4.1");
    expect(value.other).toEqual({
      timeo: "abc",
      retrans: "-1",
      rsize: "99999999999999999999",
    });
  });
});

describe("parseNfsOptions defaults", () => {
  it("treats a list without hard/soft as hard, with cto and locking on", () => {
    expect(parseNfsOptions("")).toMatchObject({
      hard: true,
      soft: false,
      cto: true,
      lock: true,
      intr: null,
      readOnly: null,
      vers: null,
    });
    expect(parseNfsOptions("  rw,vers=4.0\n").vers).toBe("4.0");
  });

  it.each([
    ["soft,hard", true],
    ["hard,soft", false],
    ["hard,softerr", false],
    ["softerr,hard", true],
  ])("%s → hard %s", (options, hard) => {
    expect(parseNfsOptions(options).hard).toBe(hard);
  });
});

describe("createNfsOptionsMemo", () => {
  const options = "rw,vers=4.1,namlen=255,local_lock=none";

  it("reads like parseNfsOptions, the superblock's options after the mount's", () => {
    const read = createNfsOptionsMemo();
    expect(read(options, null)).toEqual(parseNfsOptions(options));
    expect(read("ro,soft", "rw,hard")).toEqual(parseNfsOptions("ro,soft,rw,hard"));
    // Back to the first list, now found in the map rather than as the last one read.
    expect(read(options, null)).toEqual(parseNfsOptions(options));
    expect(read("ro,soft", null)).toEqual(parseNfsOptions("ro,soft"));
  });

  it("hands every mount its own object, so completing one leaves the others alone", () => {
    const read = createNfsOptionsMemo();
    const first = read(options, null);
    const second = read(options, null);
    expect(second).not.toBe(first);
    expect(second.other).not.toBe(first.other);
    expect(Object.getPrototypeOf(second.other)).toBeNull();
    first.readOnly = true;
    first.other.namlen = "1";
    expect(read(options, null)).toEqual(parseNfsOptions(options));
  });
});

describe("parseMountOptions", () => {
  it("maps flags to true and key=value to strings; later duplicates win", () => {
    const map = parseMountOptions("rw,size=10k,mode=755,size=20k,,noexec");
    expect(map).toEqual({ rw: true, size: "20k", mode: "755", noexec: true });
    MountOptionMapSchema.parse(map);
  });

  it("splits only at the first '=' (cifs unc=\\\\host\\share)", () => {
    expect(parseMountOptions("unc=\\\\foo\\bar,x=a=b")).toEqual({ unc: "\\\\foo\\bar", x: "a=b" });
  });

  it("stores __proto__ and constructor as plain keys", () => {
    const map = parseMountOptions("__proto__=x,constructor");
    expect(Object.keys(map)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(map, "__proto__")?.value).toBe("x");
    expect(Object.getPrototypeOf(map)).toBeNull();
  });
});

describe("splitNfsSource", () => {
  it.each([
    ["192.168.1.1:/srv/test", "192.168.1.1", "/srv/test"],
    ["[fd00:20::5]:/scratch", "fd00:20::5", "/scratch"],
    ["nas:/", "nas", "/"],
    ["nfsd", null, null],
    ["[fe80::1", null, null],
    [":/x", null, "/x"],
  ])("%s → %s %s", (source, server, exportPath) => {
    expect(splitNfsSource(source)).toEqual({ server, export: exportPath });
  });
});

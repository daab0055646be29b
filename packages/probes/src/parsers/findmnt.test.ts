import { type MountEntry, MountEntrySchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { fixture, fixtureNames, hasSharedFixtures, ownFixture } from "../testing/fixtures";
import { parseFindmnt } from "./findmnt";

function parseOk(text: string): MountEntry[] {
  const result = parseFindmnt(text);
  if (!result.ok) throw new Error(`unexpected failure: ${JSON.stringify(result.error)}`);
  for (const entry of result.value) MountEntrySchema.parse(entry);
  return result.value;
}

function byTarget(entries: MountEntry[], target: string, nth = 0): MountEntry {
  const entry = entries.filter((e) => e.target === target)[nth];
  if (!entry) throw new Error(`no entry for ${target}`);
  return entry;
}

function parentsOf(entries: MountEntry[]): Record<string, string | null> {
  return Object.fromEntries(entries.map((e) => [e.target, e.parentTarget]));
}

describe.runIf(hasSharedFixtures("findmnt shared corpus"))(
  "parseFindmnt on shared captures",
  () => {
    it("covers every file of findmnt/", () => {
      expect(fixtureNames("findmnt")).toEqual([
        "jc-centos7-list.txt",
        "jc-centos7-tree.txt",
        "util-linux-findmnt-json-tree.json",
      ]);
    });

    it("jc CentOS 7 `findmnt -l`: 31 flat rows, bind roots split from SOURCE[/path]", () => {
      const entries = parseOk(fixture("findmnt/jc-centos7-list.txt"));
      expect(entries).toHaveLength(31);
      expect(entries[0]).toMatchObject({
        target: "/sys",
        source: "sysfs",
        fstype: "sysfs",
        options: "rw,nosuid,nodev,noexec,relatime,seclabel",
        parentTarget: null,
      });
      expect(byTarget(entries, "/")).toMatchObject({
        source: "/dev/mapper/centos-root",
        fstype: "xfs",
        root: null,
        readOnly: false,
      });
      expect(byTarget(entries, "/var/lib/docker/containers")).toMatchObject({
        source: "/dev/mapper/centos-root",
        root: "/var/lib/docker/containers",
      });
      expect(byTarget(entries, "/sys/fs/cgroup/net_cls,net_prio").fstype).toBe("cgroup");
      expect(byTarget(entries, "/proc/sys/fs/binfmt_misc").options).toBe(
        "rw,relatime,fd=22,pgrp=1,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=13827",
      );
      expect(entries.filter((e) => e.readOnly).map((e) => e.target)).toEqual(["/sys/fs/cgroup"]);
      expect(
        entries.every((e) => e.parentTarget === null && e.mountId === null && e.nfs === null),
      ).toBe(true);
    });

    it("jc CentOS 7 tree: parents follow the ├─ │ └─ drawing", () => {
      const entries = parseOk(fixture("findmnt/jc-centos7-tree.txt"));
      expect(entries).toHaveLength(32);
      expect(parentsOf(entries)).toMatchObject({
        "/": null,
        "/sys": "/",
        "/sys/kernel/security": "/sys",
        "/sys/fs/cgroup": "/sys",
        "/sys/fs/cgroup/pids": "/sys/fs/cgroup",
        "/sys/fs/pstore": "/sys",
        "/sys/kernel/debug": "/sys",
        "/proc/sys/fs/binfmt_misc": "/proc",
        "/dev/hugepages": "/dev",
        "/run/user/1000": "/run",
        "/boot": "/",
        "/var/lib/docker/overlay2": "/",
      });
      expect(entries.filter((e) => e.parentTarget === "/sys/fs/cgroup")).toHaveLength(11);
      expect(entries.filter((e) => e.parentTarget === "/")).toHaveLength(7);
      expect(byTarget(entries, "/var/lib/docker/overlay2")).toMatchObject({
        source: "/dev/mapper/centos-root",
        root: "/var/lib/docker/overlay2",
        fstype: "xfs",
      });
    });

    it("util-linux `findmnt -J`: nested children flattened in tree order", () => {
      const entries = parseOk(fixture("findmnt/util-linux-findmnt-json-tree.json"));
      expect(entries).toHaveLength(32);
      expect(entries.slice(0, 5).map((e) => e.target)).toEqual([
        "/",
        "/proc",
        "/proc/sys/fs/binfmt_misc",
        "/proc/sys/fs/binfmt_misc",
        "/proc/bus/usb",
      ]);
      expect(byTarget(entries, "/proc/sys/fs/binfmt_misc", 0)).toMatchObject({
        fstype: "autofs",
        source: "systemd-1",
        parentTarget: "/proc",
      });
      expect(byTarget(entries, "/proc/sys/fs/binfmt_misc", 1)).toMatchObject({
        fstype: "binfmt_misc",
        source: "none",
        parentTarget: "/proc/sys/fs/binfmt_misc",
      });
      expect(byTarget(entries, "/mnt/sounds")).toMatchObject({
        source: "//foo.home/bar/",
        fstype: "cifs",
        parentTarget: "/",
      });
      expect(byTarget(entries, "/mnt/sounds").options).toContain("unc=\\\\foo.home\\bar,");
      expect(byTarget(entries, "/home/kzak/.gvfs")).toMatchObject({
        fstype: "fuse.gvfs-fuse-daemon",
        parentTarget: "/home/kzak",
      });
      expect(entries.filter((e) => e.parentTarget === "/sys/fs/cgroup")).toHaveLength(10);
      expect(byTarget(entries, "/").options).toBe(
        "rw,noatime,errors=continue,user_xattr,acl,barrier=0,data=ordered",
      );
    });
  },
);

describe("parseFindmnt on own fixtures", () => {
  it("RHEL 9 tree: NFS, IPv6 NFS, a bind root, a deleted target with a space", () => {
    const entries = parseOk(ownFixture("findmnt/rhel9-tree-nfs-bind-deleted.txt"));
    expect(entries).toHaveLength(10);
    expect(byTarget(entries, "/proc/sys/fs/binfmt_misc").parentTarget).toBe("/proc");
    expect(byTarget(entries, "/boot").readOnly).toBe(true);
    expect(byTarget(entries, "/srv/data/exports")).toMatchObject({
      source: "/dev/md127",
      root: "/exports",
      parentTarget: "/srv/data",
    });
    expect(byTarget(entries, "/mnt/home")).toMatchObject({
      fstype: "nfs4",
      parentTarget: "/",
      nfsServer: "nas01.example.com",
      nfsExport: "/export/home",
      nfs: { vers: "4.2", sec: "krb5p", hard: true, other: { nconnect: "4" } },
    });
    expect(byTarget(entries, "/mnt/scratch")).toMatchObject({
      source: "[fd00:20::5]:/scratch",
      root: null,
      nfsServer: "fd00:20::5",
      nfsExport: "/scratch",
      nfs: { vers: "3", soft: true, hard: false, lock: false, proto: "tcp6", timeo: 150 },
    });
    expect(byTarget(entries, "/var/lib/kubelet/pods/x")).toMatchObject({
      deleted: true,
      source: "tmpfs",
      parentTarget: "/",
      options: "rw,relatime,seclabel,size=65536k",
    });
  });

  it("`--ascii` tree pasted with collapsed spacing falls back to whitespace columns", () => {
    const entries = parseOk(ownFixture("findmnt/ascii-tree-collapsed-spacing.txt"));
    expect(parentsOf(entries)).toEqual({
      "/": null,
      "/dev": "/",
      "/dev/shm": "/dev",
      "/home": "/",
      "/home/shared": "/home",
      "/mnt/backup": "/",
    });
    expect(byTarget(entries, "/home/shared")).toMatchObject({
      source: "10.0.0.9:/vol/shared",
      nfs: { proto: "udp", timeo: 11, retrans: 3, mountaddr: "10.0.0.9" },
    });
    expect(byTarget(entries, "/mnt/backup").readOnly).toBe(true);
  });

  it("`findmnt -J -l -o +ID,PARENT,MAJ:MIN,FSROOT`: ids, parents by id, a null source", () => {
    const entries = parseOk(ownFixture("findmnt/json-list-ids-null-source.json"));
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ mountId: 22, parentId: 1, major: 253, minor: 0, root: "/" });
    expect(entries[1]).toMatchObject({
      mountId: 61,
      parentTarget: "/",
      readOnly: true,
      nfs: { vers: "4.1", softerr: true, soft: true, hard: false, readOnly: true, timeo: 50 },
      nfsServer: "archive.example.com",
    });
    expect(entries[2]).toMatchObject({
      source: null,
      fstype: "ramfs",
      readOnly: true,
      parentTarget: "/",
    });
  });

  it("`findmnt -P`: hex escapes decoded, bind root split", () => {
    const entries = parseOk(ownFixture("findmnt/pairs-raw-escapes.txt"));
    expect(entries.map((e) => e.target)).toEqual(["/", "/mnt/Media Share", "/home"]);
    expect(entries[1]).toMatchObject({ source: "//fs.example.com/media", fstype: "cifs" });
    expect(entries[2]).toMatchObject({ source: "/dev/nvme0n1p2", root: "/@home", fstype: "btrfs" });
  });

  it("names the last line of a truncated JSON paste", () => {
    const result = parseFindmnt(ownFixture("findmnt/json-truncated-paste.json"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.expected).toBe("findmnt -J JSON");
    expect(result.error.line).toBe(11);
  });
});

describe("parseFindmnt edge cases", () => {
  it("treats blank input as no mounts and headerless rows as the default columns", () => {
    expect(parseOk("")).toEqual([]);
    expect(parseOk("  \n")).toEqual([]);
    const entries = parseOk("/ /dev/sda1 ext4 rw,relatime\n/boot /dev/sda2 vfat rw");
    expect(entries.map((e) => [e.target, e.source, e.fstype])).toEqual([
      ["/", "/dev/sda1", "ext4"],
      ["/boot", "/dev/sda2", "vfat"],
    ]);
  });

  it("gives the same entries for CRLF line endings", () => {
    const text = ownFixture("findmnt/rhel9-tree-nfs-bind-deleted.txt");
    expect(parseOk(text.replaceAll("\n", "\r\n"))).toEqual(parseOk(text));
  });

  it.each([
    ["a header without FSTYPE", "TARGET SOURCE OPTIONS\n/ /dev/sda1 rw", 1, "findmnt header"],
    [
      "a row with too few columns",
      "TARGET SOURCE FSTYPE OPTIONS\n/ /dev/sda1 ext4 rw\n/boot",
      3,
      "columns",
    ],
    [
      "a row that is not a path",
      "TARGET SOURCE FSTYPE OPTIONS\nsda1 /dev/sda1 ext4 rw",
      2,
      "mount target",
    ],
    ["a -P row without FSTYPE", 'TARGET="/" SOURCE="/dev/sda1"', 1, "FSTYPE"],
  ])("rejects %s with its line", (_, text, line, expected) => {
    const result = parseFindmnt(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(line);
    expect(result.error.expected).toContain(expected);
  });

  it.each([
    ['{"filesystems": {}}', "filesystems"],
    ['{"x": 1, "filesystems": null}', "filesystems"],
    ['{"filesystems": [7]}', "filesystems[0]"],
    ['{"filesystems": [{"target": "/", "source": "x", "options": "rw"}]}', "filesystems[0].fstype"],
    [
      '{"filesystems": [{"target": "/", "source": "x", "fstype": "xfs", "options": "rw", "children": {}}]}',
      "filesystems[0].children",
    ],
    [
      '{"filesystems": [{"target": "/", "source": null, "fstype": "xfs", "options": "rw", "children": [{"target": "x", "fstype": "y", "options": "z"}]}]}',
      "filesystems[0].children[0].target",
    ],
  ])("rejects JSON %s naming field %s", (text, field) => {
    const result = parseFindmnt(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.field).toBe(field);
  });
});

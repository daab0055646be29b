import { type MountEntry, MountEntrySchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { fixture, fixtureNames, hasSharedFixtures, ownFixture } from "../testing/fixtures";
import { decodeMountEscapes, parseMountinfo } from "./mountinfo";

function parseOk(text: string): MountEntry[] {
  const result = parseMountinfo(text);
  if (!result.ok) throw new Error(`unexpected failure: ${JSON.stringify(result.error)}`);
  for (const entry of result.value) MountEntrySchema.parse(entry);
  return result.value;
}

function at(entries: MountEntry[], index: number): MountEntry {
  const entry = entries[index];
  if (!entry) throw new Error(`no entry ${index}`);
  return entry;
}

describe.runIf(hasSharedFixtures("mountinfo shared corpus"))(
  "parseMountinfo on shared captures",
  () => {
    it("covers every file of mountinfo/ and proc-mounts/", () => {
      expect(fixtureNames("mountinfo")).toEqual(["procfs-nfs4-twice-nfs3-udp-xfs-overlay.txt"]);
      expect(fixtureNames("proc-mounts")).toEqual([
        "libstorage-ng-lvm-btrfs-xfs-nfsd-rpc_pipefs.txt",
      ]);
    });

    it("procfs mountinfo: two nfs4 mounts of one export, an NFSv3/UDP mount, an xfs bind", () => {
      const entries = parseOk(fixture("mountinfo/procfs-nfs4-twice-nfs3-udp-xfs-overlay.txt"));
      expect(entries).toHaveLength(8);
      // The capture has two spaces between root and mount point; fields are split on runs.
      expect(at(entries, 0)).toMatchObject({
        mountId: 1,
        parentId: 1,
        major: 0,
        minor: 5,
        root: "/",
        target: "/root",
        options: "rw,nosuid",
        optionalFields: ["shared:8"],
        fstype: "rootfs",
        source: "rootfs",
        superOptions: "rw",
        parentTarget: null,
        nfs: null,
      });
      expect(at(entries, 3)).toMatchObject({
        mountId: 21,
        parentId: 0,
        major: 8,
        minor: 1,
        target: "/",
        fstype: "ext4",
        source: "/dev/sda1",
        superOptions: "rw,errors=remount-ro,data=ordered",
        readOnly: false,
        parentTarget: null,
      });
      for (const index of [4, 5]) {
        expect(at(entries, index)).toMatchObject({
          target: "/mnt/nfs/test",
          fstype: "nfs4",
          major: 0,
          minor: 42,
          parentTarget: "/",
          nfsServer: "192.168.1.1",
          nfsExport: "/srv/test",
          nfs: {
            vers: "4.0",
            proto: "tcp",
            hard: true,
            soft: false,
            rsize: 1048576,
            wsize: 1048576,
            acregmin: 3,
            acregmax: 60,
            acdirmin: 30,
            acdirmax: 60,
            timeo: 600,
            retrans: 2,
            sec: "sys",
            port: 0,
            clientaddr: "192.168.1.5",
            addr: "192.168.1.1",
            mountaddr: null,
            readOnly: false,
            other: { namlen: "255", local_lock: "none" },
          },
        });
      }
      expect(entries.map((e) => e.mountId)).toEqual([1, 16, 17, 21, 194, 177, 1398, 1128]);
      expect(at(entries, 5).optionalFields).toEqual(["shared:130"]);
      expect(at(entries, 6)).toMatchObject({
        mountId: 1398,
        parentId: 798,
        parentTarget: null,
        fstype: "nfs",
        options: "rw,relatime",
        nfs: {
          vers: "3",
          proto: "udp",
          timeo: 11,
          retrans: 3,
          rsize: 32768,
          mountaddr: "192.168.1.1",
          addr: "192.168.1.1",
          other: {
            relatime: true,
            namlen: "255",
            mountvers: "3",
            mountport: "49602",
            mountproto: "udp",
            local_lock: "none",
          },
        },
      });
      expect(at(entries, 7)).toMatchObject({
        mountId: 1128,
        parentId: 67,
        major: 253,
        minor: 0,
        root: "/var/lib/containers/storage/overlay",
        target: "/var/lib/containers/storage/overlay",
        fstype: "xfs",
        source: "/dev/mapper/rhel-root",
        optionalFields: [],
        nfs: null,
      });
      expect(entries.every((e) => !e.deleted)).toBe(true);
    });

    it("libstorage-ng /proc/mounts: 38 mounts, nfsd/rpc_pipefs are not NFS client mounts", () => {
      const entries = parseOk(
        fixture("proc-mounts/libstorage-ng-lvm-btrfs-xfs-nfsd-rpc_pipefs.txt"),
      );
      expect(entries).toHaveLength(38);
      expect(at(entries, 0)).toMatchObject({
        source: "rootfs",
        target: "/",
        fstype: "rootfs",
        options: "rw",
        superOptions: null,
        mountId: null,
        root: null,
        optionalFields: [],
      });
      const byTarget = new Map(entries.map((e) => [e.target, e]));
      expect(byTarget.get("/proc/fs/nfsd")).toMatchObject({
        fstype: "nfsd",
        nfs: null,
        nfsServer: null,
      });
      expect(byTarget.get("/var/lib/nfs/rpc_pipefs")).toMatchObject({
        fstype: "rpc_pipefs",
        nfs: null,
      });
      expect(byTarget.get("/ARVIN/giant")).toMatchObject({
        source: "/dev/mapper/system-giant--xfs",
        fstype: "xfs",
        options: "rw,noatime,attr2,inode64,noquota",
      });
      expect(byTarget.get("/run/user/10176/gvfs")?.fstype).toBe("fuse.gvfsd-fuse");
      expect(byTarget.get("/btrfs")).toMatchObject({
        fstype: "btrfs",
        source: "/dev/mapper/system-btrfs",
      });
      expect(entries.filter((e) => e.readOnly).map((e) => e.target)).toEqual(["/var/lib/ntp/proc"]);
      expect(entries.filter((e) => e.fstype === "cgroup")).toHaveLength(10);
      expect(entries.every((e) => e.nfs === null && e.parentTarget === null)).toBe(true);
    });
  },
);

describe("parseMountinfo on own fixtures", () => {
  const k8s = parseOk(ownFixture("mountinfo/k8s-node-nfs-bind-deleted-escapes.txt"));

  it("flags a root filesystem whose superblock went read-only (errors=remount-ro)", () => {
    expect(k8s).toHaveLength(11);
    expect(at(k8s, 0)).toMatchObject({
      target: "/",
      options: "rw,relatime",
      superOptions: "ro,errors=remount-ro",
      readOnly: true,
    });
  });

  it("reads a soft NFSv4.2 mount and a read-only bind of a subdirectory of it", () => {
    expect(at(k8s, 5)).toMatchObject({
      target: "/mnt/nfs/home",
      nfsServer: "10.20.0.5",
      nfsExport: "/export/home",
      nfs: { vers: "4.2", hard: false, soft: true, timeo: 100, retrans: 2, readOnly: false },
    });
    expect(at(k8s, 6)).toMatchObject({
      mountId: 121,
      parentId: 120,
      parentTarget: "/mnt/nfs/home",
      root: "/alice",
      target: "/home/alice",
      readOnly: true,
      nfs: { readOnly: true, soft: true },
    });
  });

  it("decodes \\040, \\011 and \\134 and strips the \\040(deleted) marker", () => {
    expect(at(k8s, 7).target).toBe("/mnt/USB Disk");
    expect(at(k8s, 8)).toMatchObject({
      root: "/volumes/pvc-1",
      deleted: true,
      optionalFields: ["shared:80", "master:45"],
    });
    expect(at(k8s, 9)).toMatchObject({
      target: "/var/lib/kubelet/pods/9a2c/volumes/kubernetes.io~nfs/pv-logs",
      deleted: true,
      optionalFields: [],
      nfsServer: "10.20.0.7",
      nfsExport: "/logs",
      nfs: { vers: "3", lock: false, hard: true, other: { local_lock: "all" } },
    });
    expect(at(k8s, 10).target).toBe("/srv/tab\tname\\x");
    expect(k8s.filter((e) => e.deleted)).toHaveLength(2);
  });

  it("reads /proc/mounts with IPv6 and softerr NFS and an escaped space", () => {
    const entries = parseOk(ownFixture("mountinfo/proc-mounts-nfs-ipv6-softerr.txt"));
    expect(entries).toHaveLength(7);
    expect(at(entries, 3)).toMatchObject({
      fstype: "nfs4",
      nfsServer: "nas01",
      nfsExport: "/vol/projects",
      nfs: { vers: "4.0", hard: true, port: 0 },
    });
    expect(at(entries, 4)).toMatchObject({
      source: "[2001:db8::5]:/export",
      nfsServer: "2001:db8::5",
      nfsExport: "/export",
      readOnly: true,
      nfs: { hard: false, soft: true, softerr: true, proto: "tcp6", readOnly: true },
    });
    expect(at(entries, 5)).toMatchObject({ target: "/mnt/old photos", readOnly: true });
  });

  it("names the cut line of a truncated paste", () => {
    const result = parseMountinfo(ownFixture("mountinfo/truncated-last-line.txt"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(3);
    expect(result.error.expected).toContain("mountinfo line");
    expect(result.error.got).toContain("10.20.0.5:/export/ho");
  });
});

describe("parseMountinfo edge cases", () => {
  it.each([
    ["", 0],
    ["\n\n  \n", 0],
  ])("blank input %j is an empty table", (text, count) => {
    expect(parseOk(text)).toHaveLength(count);
  });

  it("gives the same entries for CRLF line endings", () => {
    const text = ownFixture("mountinfo/k8s-node-nfs-bind-deleted-escapes.txt");
    expect(parseOk(text.replaceAll("\n", "\r\n"))).toEqual(parseOk(text));
  });

  it.each([
    [
      "a line with no separator",
      "22 1 253:0 / / rw shared:1 ext4 /dev/sda1 rw",
      1,
      "mountinfo line",
    ],
    ["a separator with a missing field", "22 1 253:0 / / rw - ext4 /dev/sda1", 1, "mountinfo line"],
    ["junk after the super options", "22 1 8:1 / / rw - ext4 /dev/sda1 rw extra", 1, "mountinfo"],
    ["a non-numeric id", "2x 1 8:1 / / rw - ext4 /dev/sda1 rw", 1, "/proc/mounts line"],
    ["a /proc/mounts line without dump/pass", "/dev/sda1 / ext4 rw", 1, "/proc/mounts line"],
    [
      "formats mixed",
      "21 0 8:1 / / rw - ext4 /dev/sda1 rw\n/dev/sdb1 /x ext4 rw 0 0",
      2,
      "mountinfo",
    ],
    ["text", "hello world", 1, "/proc/mounts line"],
  ])("rejects %s at the right line", (_, text, line, expected) => {
    const result = parseMountinfo(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(line);
    expect(result.error.expected).toContain(expected);
  });

  it("keeps a directory literally named '(deleted)' and only strips the escaped marker", () => {
    const entries = parseOk(
      "/dev/sda1 /x\\040(deleted) ext4 rw 0 0\n/dev/sda2 /(deleted) ext4 rw 0 0",
    );
    expect(at(entries, 0)).toMatchObject({ target: "/x", deleted: true });
    expect(at(entries, 1)).toMatchObject({ target: "/(deleted)", deleted: false });
  });

  it("gives NFS mounts with the same options objects of their own", () => {
    const line = (id: number, target: string, options: string) =>
      `${id} 21 0:42 / ${target} ${options} shared:1 - nfs4 srv:/x rw,vers=4.1,hard`;
    const entries = parseOk(
      [line(40, "/a", "rw"), line(41, "/b", "rw"), line(42, "/c", "ro")].join("\n"),
    );
    const [a, b, c] = entries.map((entry) => entry.nfs);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    expect(a?.other).not.toBe(b?.other);
    expect([a?.readOnly, b?.readOnly, c?.readOnly]).toEqual([false, false, true]);
  });

  it("splits a line pasted with runs of blanks like one with single spaces", () => {
    const single = "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue";
    expect(parseOk(single.replaceAll(" ", " \t  "))).toEqual(parseOk(single));
  });

  it("decodes only three-digit octal escapes", () => {
    expect(decodeMountEscapes("a\\040b\\12c\\999\\")).toBe("a b\\12c\\999\\");
  });
});

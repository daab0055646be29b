import { describe, expect, it } from "vitest";
import { fixedCommand, LVM_COLUMN_FIELDS, LVM_COLUMN_SEPARATOR } from "../commands";
import {
  type LvmColumnsKind,
  parseLosetup,
  parseLosetupAll,
  parseLvmColumns,
  parseLvmReport,
  parseMountinfo,
} from "../parsers";
import { createFleet, hostAt } from "./fleet";
import type { HostModel } from "./model";
import { renderCommand } from "./render/command";
import { lvmArgv, parsedOk, run } from "./testing/poll";

const fleet = createFleet({ hosts: 6, seed: 9, scenarios: "all" });
const atMs = fleet.epochMs + 60_000;

function hostNamed(name: string): HostModel {
  const host = hostAt(fleet, name, atMs);
  if (!host) throw new Error(`no host ${name}`);
  return host;
}

const oldHost = () => hostNamed(fleet.scenarioHosts["raid6-grow-old-kernel"] ?? "");
const modernHost = () => hostNamed(fleet.scenarioHosts["nfs-failover"] ?? "");
const columnsOf = (host: HostModel, kind: LvmColumnsKind) =>
  parsedOk(
    parseLvmColumns(
      run(host, fixedCommand(`${kind}s-columns`).argv, atMs).stdout,
      kind,
      LVM_COLUMN_FIELDS[kind],
      LVM_COLUMN_SEPARATOR,
    ),
    `${kind}s columns`,
  );

describe("a RHEL 5 host (2.6.18) answers the collector's fallbacks like the real one", () => {
  it("refuses the JSON forms with the tools' own error text", () => {
    const host = oldHost();
    expect(run(host, ["losetup", "--list", "--json"], atMs)).toMatchObject({
      exitCode: 1,
      stdout: expect.stringMatching(/^losetup: unrecognized option `--list'\nusage:/),
    });
    expect(run(host, lvmArgv("vgs"), atMs)).toEqual({
      exitCode: 3,
      stdout:
        "vgs: unrecognized option `--reportformat'\n  Error during parsing of command line.\n",
    });
    expect(run(host, ["cat", "/proc/self/mountinfo"], atMs).exitCode).toBe(1);
    expect(renderCommand(host, ["findmnt", "-J"], atMs)).toEqual({ missing: true });
  });

  it("lists its mounts in /proc/mounts: /dev/root, ext3, the NFS archive with its options", () => {
    const text = run(oldHost(), fixedCommand("proc-mounts").argv, atMs).stdout;
    expect(text.split("\n")[0]).toBe("rootfs / rootfs rw 0 0");
    const mounts = parsedOk(parseMountinfo(text), "/proc/mounts");
    const byTarget = new Map(mounts.map((m) => [m.target, m]));
    expect(byTarget.get("/")).toMatchObject({ source: "/dev/root", fstype: "ext3" });
    expect(byTarget.get("/mnt/archive")).toMatchObject({
      fstype: "nfs",
      nfsServer: "fs1",
      nfsExport: "/export/archive",
      nfs: expect.objectContaining({ vers: "3", hard: true, intr: true }),
    });
    expect(byTarget.get("/media/rhel5-dvd")).toMatchObject({ source: "/dev/loop0" });
    expect(text).not.toContain("relatime");
  });

  it("lists its loop device with `losetup -a`: hex device, the image on the NFS mount", () => {
    const text = run(oldHost(), fixedCommand("losetup-all").argv, atMs).stdout;
    expect(text).toMatch(/^\/dev\/loop0: \[[0-9a-f]{4}\]:\d+ \(\/mnt\/archive\/iso\//);
    const loops = parsedOk(parseLosetupAll(text), "losetup -a");
    expect(loops.map((l) => [l.name, l.backFile])).toEqual([
      ["/dev/loop0", "/mnt/archive/iso/rhel-5.11-server-x86_64-dvd.iso"],
    ]);
  });

  it("reports its LVM in columns, with the attributes of LVM 2.02.88", () => {
    const host = oldHost();
    const { vgs } = columnsOf(host, "vg");
    const { lvs } = columnsOf(host, "lv");
    const { pvs } = columnsOf(host, "pv");
    expect(vgs.map((vg) => [vg.vgName, vg.lvCount, vg.pvCount])).toEqual([["VolGroup00", 2, 1]]);
    expect(lvs.map((lv) => [lv.lvName, lv.lvAttr])).toEqual([
      ["LogVol00", "-wi-ao"],
      ["LogVol01", "-wi-ao"],
    ]);
    expect(pvs.map((pv) => [pv.pvName, pv.pvAttr])).toEqual([["/dev/sda2", "a-"]]);
  });

  it("refuses a column LVM does not know, as lvm does", () => {
    const argv = [
      "vgs",
      "--noheadings",
      "--separator",
      "|",
      "--units",
      "b",
      "--nosuffix",
      "-o",
      "vg_name,nope",
    ];
    expect(run(oldHost(), argv, atMs)).toEqual({
      exitCode: 3,
      stdout: "  Unrecognised field: nope\n",
    });
  });
});

describe("on a modern host, the fallbacks say what the JSON forms say", () => {
  it.each(["pv", "vg", "lv"] as const)(
    "%ss: same objects, names, sizes and UUID-free fields",
    (kind) => {
      const host = modernHost();
      const json = parsedOk(parseLvmReport(run(host, lvmArgv(`${kind}s`), atMs).stdout), "json");
      const columns = columnsOf(host, kind);
      const key = {
        pv: () =>
          [json.pvs, columns.pvs].map((pvs) =>
            pvs.map((p) => [p.pvName, p.vgName, p.pvSize, p.pvFree]),
          ),
        vg: () =>
          [json.vgs, columns.vgs].map((vgs) =>
            vgs.map((v) => [v.vgName, v.vgSize, v.vgFree, v.lvCount]),
          ),
        lv: () =>
          [json.lvs, columns.lvs].map((lvs) =>
            lvs.map((l) => [l.vgName, l.lvName, l.lvSize, l.lvAttr]),
          ),
      }[kind]();
      expect(key[1]).toEqual(key[0]);
      expect(key[0]?.length).toBeGreaterThan(0);
    },
  );

  it("loops: `losetup -a` names the same devices and files as --json", () => {
    const host = modernHost();
    const json = parsedOk(
      parseLosetup(run(host, ["losetup", "--list", "--json"], atMs).stdout),
      "json",
    );
    const all = parsedOk(parseLosetupAll(run(host, ["losetup", "-a"], atMs).stdout), "-a");
    expect(all.map((l) => [l.name, l.backFile])).toEqual(json.map((l) => [l.name, l.backFile]));
    expect(all.length).toBe(2);
  });

  it("mounts: /proc/mounts has the same mount points, sources and types as mountinfo", () => {
    const host = modernHost();
    const info = parsedOk(
      parseMountinfo(run(host, ["cat", "/proc/self/mountinfo"], atMs).stdout),
      "mi",
    );
    const mounts = parsedOk(parseMountinfo(run(host, ["cat", "/proc/mounts"], atMs).stdout), "pm");
    const shape = (list: typeof info) =>
      list.map((m) => [m.target, m.source, m.fstype, m.nfsServer]);
    expect(shape(mounts)).toEqual(shape(info));
  });
});

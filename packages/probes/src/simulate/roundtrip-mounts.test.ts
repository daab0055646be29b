import {
  LoopDeviceListSchema,
  type MountEntry,
  MountEntrySchema,
  MountstatsReportSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { parseFindmnt, parseLosetup, parseMountinfo, parseMountstats } from "../parsers";
import { createFleet, hostAt } from "./fleet";
import type { HostModel, MountModel } from "./model";
import { isLegacyKernel } from "./render/nfs-options";
import { parsedOk, run } from "./testing/poll";

const fleet = createFleet({ hosts: 40, seed: 3, scenarios: "all" });
const samples = [0, 10.4, 12.9, 24].flatMap((minute) => {
  const at = fleet.epochMs + minute * 60_000;
  return fleet.hosts.map((h) => ({
    host: hostAt(fleet, h.hostname, at) as HostModel,
    at,
    label: `${h.hostname} @${minute}m`,
  }));
});

/** What the parser should read for a mount; `intr` only where the kernel still prints it. */
function expectMount(host: HostModel, model: MountModel, entry: MountEntry | undefined) {
  expect(entry?.source).toBe(model.source);
  expect(entry?.fstype).toBe(model.fstype);
  const nfs = model.nfs;
  if (!nfs) {
    expect(entry?.nfs).toBeNull();
    return;
  }
  expect(entry?.nfsServer).toBe(nfs.server);
  expect(entry?.nfsExport).toBe(nfs.exportPath);
  expect(entry?.nfs).toMatchObject({
    vers: nfs.vers,
    soft: nfs.isSoft,
    hard: !nfs.isSoft,
    timeo: nfs.timeo,
    retrans: nfs.retrans,
    rsize: nfs.rsize,
    intr: isLegacyKernel(host.kernel) && nfs.isIntr ? true : null,
    addr: nfs.serverAddr,
  });
}

describe("mountinfo and findmnt round trip", () => {
  it.each(samples.filter((s) => s.host.hasMountinfo))("$label", ({ host, at }) => {
    const mountinfo = parsedOk(
      parseMountinfo(run(host, ["cat", "/proc/self/mountinfo"], at).stdout),
      "mountinfo",
    );
    const findmnt = parsedOk(parseFindmnt(run(host, ["findmnt", "-J"], at).stdout), "findmnt");
    for (const entry of [...mountinfo, ...findmnt]) MountEntrySchema.parse(entry);
    expect(mountinfo.map((m) => m.target)).toEqual(host.mounts.map((m) => m.target));
    expect(new Set(findmnt.map((m) => m.target))).toEqual(
      new Set(host.mounts.map((m) => m.target)),
    );
    for (const model of host.mounts) {
      const fromMountinfo = mountinfo.find((m) => m.target === model.target);
      expect(fromMountinfo?.mountId).toBe(model.id);
      expect(fromMountinfo?.parentId).toBe(model.parentId);
      expectMount(host, model, fromMountinfo);
      expectMount(
        host,
        model,
        findmnt.find((m) => m.target === model.target),
      );
    }
  });
});

describe("mountstats round trip", () => {
  it.each(samples)("$label", ({ host, at }) => {
    const report = parsedOk(
      parseMountstats(run(host, ["cat", "/proc/self/mountstats"], at).stdout),
      "mountstats",
    );
    MountstatsReportSchema.parse(report);
    expect(report.mounts.map((m) => m.mountPoint)).toEqual(host.mounts.map((m) => m.target));
    for (const model of host.mounts) {
      const parsed = report.mounts.find((m) => m.mountPoint === model.target);
      if (!model.nfs) {
        expect(parsed?.opts).toBeNull();
        continue;
      }
      const nfs = model.nfs;
      const retrans = nfs.ops.reduce((sum, op) => sum + Math.max(0, op.transmissions - op.ops), 0);
      expect(parsed?.retransmissions).toBe(retrans);
      expect(parsed?.ageSeconds).toBe(Math.floor((at - nfs.mountedAtMs) / 1000));
      expect(parsed?.opts?.soft).toBe(nfs.isSoft);
      expect(parsed?.opts?.vers).toBe(nfs.vers);
      expect(parsed?.opts?.intr).toBe(isLegacyKernel(host.kernel) && nfs.isIntr ? true : null);
      const read = parsed?.operations?.find((op) => op.name === "READ");
      const modelRead = nfs.ops.find((op) => op.name === "READ");
      expect(read?.ops).toBe(modelRead?.ops);
      expect(read?.timeouts).toBe(modelRead?.timeouts);
      expect(parsed?.transports?.[0]?.srcPort).toBe(nfs.srcPort);
    }
  });
});

describe("losetup round trip", () => {
  it.each(samples.filter((s) => s.host.loops.length > 0 && !s.host.legacyCommands.losetup))(
    "$label",
    ({ host, at }) => {
      const loops = parsedOk(
        parseLosetup(run(host, ["losetup", "--list", "--json"], at).stdout),
        "losetup",
      );
      LoopDeviceListSchema.parse(loops);
      expect(
        loops.map((l) => ({ name: l.name, backFile: l.backFile, deleted: l.backFileDeleted })),
      ).toEqual(
        host.loops.map((l) => ({ name: `/dev/${l.name}`, backFile: l.backFile, deleted: false })),
      );
    },
  );

  it("prints nothing when no loop device is attached", () => {
    const sample = samples.find((s) => s.host.loops.length === 0 && !s.host.legacyCommands.losetup);
    if (!sample) throw new Error("every host has a loop device");
    expect(run(sample.host, ["losetup", "--list", "--json"], sample.at)).toEqual({
      stdout: "",
      exitCode: 0,
    });
  });
});

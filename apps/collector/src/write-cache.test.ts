import type { HostSnapshot } from "@holmes/db/queries/fleet-state";
import { describe, expect, it } from "vitest";
import { deepFreeze } from "./poll/poll-memory";
import { type KnownHostState, snapshotHashes, WriteCache } from "./write-cache";

function snapshot(overrides: Partial<HostSnapshot> = {}): HostSnapshot {
  return {
    observedAt: new Date("2026-06-01T03:00:00Z"),
    kernelRelease: "6.1.0",
    osName: "Debian",
    missingTools: [],
    arrays: [{ name: "md0", state: "active", degraded: false }],
    members: [],
    disks: null,
    mounts: [{ mountPoint: "/", source: "/dev/md0", fstype: "ext4", options: "rw" }],
    loopDevices: [],
    volumeGroups: [],
    kernelEvents: [],
    smartSamples: [],
    nfsSamples: [],
    ...overrides,
  };
}

describe("WriteCache", () => {
  const first = new Date("2026-06-01T03:00:00Z");

  it("skips only tables whose content is what this process wrote last", () => {
    const cache = new WriteCache();
    const before = snapshotHashes(snapshot());
    expect(cache.unchanged("h1", before, null)).toEqual(new Set());
    cache.remember("h1", before, first);
    const degraded = snapshotHashes(
      snapshot({ arrays: [{ name: "md0", state: "active", degraded: true }] }),
    );
    expect(cache.unchanged("h1", degraded, first)).toEqual(
      new Set(["members", "mounts", "loopDevices", "volumeGroups"]),
    );
  });

  it("hashes rows shared between polls (frozen) as it hashes the same rows unshared", () => {
    const shared = deepFreeze(snapshot());
    const again = snapshotHashes(shared);
    expect(snapshotHashes(shared)).toEqual(again);
    expect(again).toEqual(snapshotHashes(snapshot()));
    const changed = snapshotHashes({ ...shared, mounts: [] });
    expect(changed.mounts).not.toBe(again.mounts);
    expect(changed.arrays).toBe(again.arrays);
  });

  it("trusts nothing once someone else wrote the host (its last success is not ours)", () => {
    const cache = new WriteCache();
    const hashes = snapshotHashes(snapshot());
    cache.remember("h1", hashes, first);
    const elsewhere = new Date(first.getTime() + 60_000);
    expect(cache.unchanged("h1", hashes, elsewhere)).toEqual(new Set());
    cache.forget("h1");
    expect(cache.unchanged("h1", hashes, first)).toEqual(new Set());
  });

  it("never skips the disks of a poll that read SMART after one that did not", () => {
    const cache = new WriteCache();
    cache.remember("h1", snapshotHashes(snapshot()), first);
    const withDisks = snapshotHashes(snapshot({ disks: [{ name: "sda" }] }));
    expect(cache.unchanged("h1", withDisks, first).has("disks")).toBe(false);
  });

  describe("the host state it follows", () => {
    const known = (loadedAt: Date): KnownHostState => ({
      state: { host: { id: "h1" } } as KnownHostState["state"],
      history: {
        smartCounters: new Map(),
        nfsRetransmissions: new Map(),
        kernelEvents: [],
        slotSerials: new Map(),
      },
      evidenceAlerts: [],
      loadedAt,
    });

    it("is trusted while the host's last success is this process's write", () => {
      const cache = new WriteCache();
      cache.rememberState("h1", known(first), first);
      const soon = new Date(first.getTime() + 60_000);
      expect(cache.knownState("h1", first, soon)?.loadedAt).toEqual(first);
      expect(cache.knownState("h1", soon, soon)).toBeNull();
      expect(cache.knownState("h1", null, soon)).toBeNull();
      expect(cache.knownState("h2", first, soon)).toBeNull();
    });

    it("is read again an hour after it was loaded, and dropped after a failed poll", () => {
      const cache = new WriteCache();
      cache.rememberState("h1", known(first), first);
      expect(cache.knownState("h1", first, new Date(first.getTime() + 3_600_000))).toBeNull();
      cache.forgetState("h1");
      expect(cache.knownState("h1", first, first)).toBeNull();
    });

    it("is dropped with the write hashes when a write fails, but not the other way round", () => {
      const cache = new WriteCache();
      const hashes = snapshotHashes(snapshot());
      cache.remember("h1", hashes, first);
      cache.rememberState("h1", known(first), first);
      cache.forgetState("h1");
      expect(cache.unchanged("h1", hashes, first).size).toBeGreaterThan(0);
      cache.rememberState("h1", known(first), first);
      cache.forget("h1");
      expect(cache.knownState("h1", first, first)).toBeNull();
    });
  });
});

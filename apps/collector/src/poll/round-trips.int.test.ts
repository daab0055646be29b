import type { DiscoveredNames } from "@holmes/probes/commands";
import { generateEd25519, type SimServer, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { SshConnectionPool } from "@holmes/probes/ssh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PollOutcome, type PollTarget, pollHost } from "./poll-host";
import { expectingDevices } from "./poll-memory";

/** Over real SSH to the simulator: how many round trips a poll takes, and that it reads the same. */
describe("a poll's round trips", () => {
  const clientKey = generateEd25519("holmes-test-collector");
  const fleet = createFleet({ hosts: 3, seed: 5, scenarios: [], epochMs: Date.now() - 3_600_000 });
  const host = fleet.hosts[0]?.hostname ?? "";
  const pool = new SshConnectionPool();
  let sim: SimServer;
  const TIMEOUTS = { connectTimeoutMs: 5_000, keepaliveIntervalMs: 10_000 };

  beforeAll(async () => {
    sim = await startSimServer({
      fleet,
      hostKey: generateEd25519("sim").privateKey,
      authorizedKey: clientKey.publicKey,
    });
  });
  afterAll(async () => {
    pool.closeAll();
    await sim?.close();
  });

  async function poll(options: Partial<PollTarget> = {}) {
    const target: PollTarget = {
      name: host,
      address: "127.0.0.1",
      port: sim.port,
      username: host,
      privateKey: clientKey.privateKey,
      pinnedHostKey: null,
      useSudo: true,
      kernelLogSinceEpochSeconds: Math.floor(Date.now() / 1000) - 60,
      isSmartDue: true,
      ...options,
    };
    const execsBefore = sim.execCount();
    const outcome = await pollHost(target, pool, TIMEOUTS, new Date());
    if (!outcome.ok) throw new Error(`poll failed: ${outcome.error.message}`);
    return { outcome, roundTrips: sim.execCount() - execsBefore };
  }

  /** What the devices are: a poll that reads them all must agree with one that reads them again. */
  const storage = (outcome: Extract<PollOutcome, { ok: true }>) => ({
    arrays: outcome.snapshot.arrays.map(({ name, state, level, uuid }) => ({
      name,
      state,
      level,
      uuid,
    })),
    members: outcome.snapshot.members.map(({ arrayName, device, slot, role }) => ({
      arrayName,
      device,
      slot,
      role,
    })),
    disks: outcome.snapshot.disks?.map(({ name, serial }) => ({ name, serial })),
    volumeGroups: outcome.snapshot.volumeGroups.map(({ name, uuid }) => ({ name, uuid })),
    problems: outcome.problems,
  });
  const detailIds = (outcome: Extract<PollOutcome, { ok: true }>) =>
    outcome.sections
      .map((section) => section.id)
      .filter((id) => /^(mdadm-detail|mdadm-examine|smartctl|sfdisk-dump|lvm-backup):/.test(id))
      .sort();

  let first: Awaited<ReturnType<typeof poll>>;
  beforeAll(async () => {
    first = await poll();
  });

  it("takes two round trips when it knows nothing of the host: discovery, then the details", () => {
    expect(first.roundTrips).toBe(2);
    expect(first.outcome.memory.devices.arrays.length).toBeGreaterThan(0);
    expect(first.outcome.memory.devices.members.length).toBeGreaterThan(0);
    expect(first.outcome.memory.devices.disks.length).toBeGreaterThan(0);
    expect(first.outcome.memory.devices.volumeGroups.length).toBeGreaterThan(0);
    expect(first.outcome.problems).toEqual([]);
    // What only the details say: each array's UUID and level, each member's role, each disk's serial.
    const read = storage(first.outcome);
    expect(read.arrays.length).toBeGreaterThan(0);
    expect(read.arrays.every((array) => array.uuid && array.level)).toBe(true);
    expect(read.members.every((member) => member.role)).toBe(true);
    expect(read.disks?.length).toBeGreaterThan(0);
    expect(read.disks?.every((disk) => disk.serial)).toBe(true);
    // Each volume group's metadata backup is kept as evidence, not in the snapshot.
    const backups = first.outcome.memory.devices.volumeGroups.map((vg) => `lvm-backup:${vg}`);
    expect(detailIds(first.outcome)).toEqual(expect.arrayContaining(backups));
  });

  it("takes one round trip when the devices are those the previous poll found, and reads the same", async () => {
    const again = await poll({ previous: first.outcome.memory });
    expect(again.roundTrips).toBe(1);
    expect(storage(again.outcome)).toEqual(storage(first.outcome));
    expect(detailIds(again.outcome)).toEqual(detailIds(first.outcome));
  });

  it("reads the details of a device the previous poll did not find in a second round trip", async () => {
    const devices = first.outcome.memory.devices;
    const [newArray, ...olderArrays] = devices.arrays;
    const [newDisk, ...olderDisks] = devices.disks;
    const again = await poll({
      previous: expectingDevices({ ...devices, arrays: olderArrays, disks: olderDisks }),
    });
    expect(again.roundTrips).toBe(2);
    expect(detailIds(again.outcome)).toContain(`mdadm-detail:/dev/${newArray}`);
    expect(detailIds(again.outcome)).toContain(`smartctl:/dev/${newDisk}`);
    expect(storage(again.outcome)).toEqual(storage(first.outcome));
  });

  it("drops what it read of an expected device the host no longer has", async () => {
    const devices: DiscoveredNames = {
      arrays: [...first.outcome.memory.devices.arrays, "md9"],
      members: [...first.outcome.memory.devices.members, "sdz1"],
      disks: [...first.outcome.memory.devices.disks, "sdz"],
      volumeGroups: [...first.outcome.memory.devices.volumeGroups, "vg_gone"],
    };
    const again = await poll({ previous: expectingDevices(devices) });
    expect(again.roundTrips).toBe(1);
    const ids = again.outcome.sections.map((section) => section.id);
    expect(ids.filter((id) => /md9|sdz|vg_gone/.test(id))).toEqual([]);
    expect(storage(again.outcome)).toEqual(storage(first.outcome));
    expect(again.outcome.memory.devices).toEqual(first.outcome.memory.devices);
  });

  it("reads no disk details when SMART is not due, whatever the previous poll found", async () => {
    const again = await poll({ previous: first.outcome.memory, isSmartDue: false });
    expect(again.roundTrips).toBe(1);
    expect(detailIds(again.outcome).filter((id) => /^(smartctl|sfdisk-dump):/.test(id))).toEqual(
      [],
    );
    expect(again.outcome.snapshot.disks).toBeNull();
  });

  it("never puts a name that fails validation into the script, even one it expected", async () => {
    const again = await poll({
      previous: expectingDevices({
        ...first.outcome.memory.devices,
        arrays: ["md0;reboot", "$(id)"],
      }),
    });
    expect(again.outcome.problems).toEqual([]);
    expect(again.outcome.sections.map((section) => section.id).join(" ")).not.toMatch(
      /reboot|id\)/,
    );
  });

  /** The parts of a snapshot a poll may take from the host's last one (poll-memory.ts). */
  const stableOf = (outcome: Extract<PollOutcome, { ok: true }>) => {
    const { kernelRelease, osName, arrays, members, mounts, loopDevices, volumeGroups } =
      outcome.snapshot;
    return { kernelRelease, osName, arrays, members, mounts, loopDevices, volumeGroups };
  };

  it("reuses what unchanged outputs gave last time, the same as reading them again", async () => {
    const again = await poll({ previous: first.outcome.memory });
    const fresh = await poll();
    expect(again.outcome.memory.stableDigest).toBe(first.outcome.memory.stableDigest);
    // Not parsed again: the very rows of the first poll, frozen so no poll can change them.
    expect(again.outcome.snapshot.arrays).toBe(first.outcome.snapshot.arrays);
    expect(again.outcome.snapshot.mounts).toBe(first.outcome.snapshot.mounts);
    expect(again.outcome.memory.devices).toBe(first.outcome.memory.devices);
    expect(() => (again.outcome.snapshot.members as unknown[]).push({})).toThrow(TypeError);
    expect(stableOf(again.outcome)).toEqual(stableOf(fresh.outcome));
    expect(stableOf(again.outcome).arrays.length).toBeGreaterThan(0);
    expect(again.outcome.problems).toEqual(fresh.outcome.problems);
    // Read afresh every poll: the NFS counters and the kernel log.
    expect(again.outcome.snapshot.nfsSamples).not.toBe(first.outcome.snapshot.nfsSamples);
  });

  it("reads everything again when the outputs are not those its memory was read from", async () => {
    const other = fleet.hosts[1]?.hostname ?? "";
    const fresh = await poll({ name: other, username: other });
    // The first host's memory, offered for another host: its outputs differ, so none is used.
    const misled = await poll({ name: other, username: other, previous: first.outcome.memory });
    expect(misled.outcome.memory.stableDigest).not.toBe(first.outcome.memory.stableDigest);
    expect(misled.outcome.memory.devices).toEqual(fresh.outcome.memory.devices);
    expect(stableOf(misled.outcome)).toEqual(stableOf(fresh.outcome));
    expect(stableOf(misled.outcome)).not.toEqual(stableOf(first.outcome));
  });
});

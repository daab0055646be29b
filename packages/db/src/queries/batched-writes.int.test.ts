import type { FindingDraft } from "@holmes/core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  findingEvents,
  findings,
  hostCollection,
  hosts as hostsTable,
  kernelEvents,
  mdArrays,
  mounts,
  probeRuns,
} from "../schema";
import { testDatabaseKinds, useTestDatabase } from "../testing";
import { reconcileHostsFindings } from "./findings";
import { type HostSnapshot, recordSnapshots } from "./fleet-state";
import { addHosts, listPollTargets, pinHostKeys } from "./hosts";

const T0 = new Date("2026-06-01T03:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function snapshot(observedAt: Date, array: string, events: number): HostSnapshot {
  return {
    observedAt,
    kernelRelease: "6.1.0",
    osName: "Debian",
    missingTools: [],
    arrays: [{ name: array, state: "active", degraded: false }],
    members: [],
    disks: null,
    mounts: [{ mountPoint: "/", source: `/dev/${array}`, fstype: "ext4", options: "rw" }],
    loopDevices: [],
    volumeGroups: [],
    kernelEvents: Array.from({ length: events }, (_, i) => ({
      kind: "io_error",
      severity: "error",
      rawLine: `line ${i}`,
    })),
    smartSamples: [],
    nfsSamples: [],
  };
}

function draft(objectName: string): FindingDraft {
  return {
    ruleId: "md.degraded",
    severity: "warning",
    objectKind: "array",
    objectName,
    title: `${objectName} is degraded`,
    explanation: "A member is missing.",
    evidence: { values: {}, lines: [] },
    runbookId: null,
  };
}

describe.each(testDatabaseKinds())("writes of several hosts at once on %s", (kind) => {
  const database = useTestDatabase(kind);

  async function hosts(...names: string[]) {
    const { db } = database();
    await addHosts(
      db,
      names.map((name) => ({ name, address: "192.0.2.20" })),
    );
    const rows = await listPollTargets(db, names);
    return names.map((name) => rows.find((r) => r.name === name)?.id ?? "");
  }

  it("stores each host's snapshot as its own, and returns each its probe run", async () => {
    const { db } = database();
    const [a = "", b = ""] = await hosts("batch-a", "batch-b");
    const run = { startedAt: T0, durationMs: 5, status: "ok" };
    const ids = await recordSnapshots(db, [
      { hostId: a, snapshot: snapshot(at(0), "md0", 2), run },
      // More rows than one statement may carry parameters: the insert is sliced.
      { hostId: b, snapshot: snapshot(at(0), "md9", 4_000), run: { ...run, status: "partial" } },
    ]);
    const runs = await db.select({ id: probeRuns.id, hostId: probeRuns.hostId }).from(probeRuns);
    expect(ids.map((id) => runs.find((r) => r.id === id)?.hostId)).toEqual([a, b]);
    const arrays = await db.select({ hostId: mdArrays.hostId, name: mdArrays.name }).from(mdArrays);
    expect(arrays.filter((r) => r.hostId === a).map((r) => r.name)).toEqual(["md0"]);
    expect(arrays.filter((r) => r.hostId === b).map((r) => r.name)).toEqual(["md9"]);
    const states = await db
      .select({ hostId: hostCollection.hostId, state: hostCollection.state })
      .from(hostCollection);
    expect(states.find((s) => s.hostId === b)?.state).toBe("partial");
    const events = await db
      .select({ hostId: kernelEvents.hostId })
      .from(kernelEvents)
      .where(eq(kernelEvents.hostId, b));
    expect(events).toHaveLength(4_000);

    // A table the caller knows unchanged is left alone for that host only.
    await recordSnapshots(db, [
      {
        hostId: a,
        snapshot: snapshot(at(1), "md1", 0),
        run,
        unchanged: new Set(["arrays", "mounts"]),
      },
      { hostId: b, snapshot: snapshot(at(1), "md8", 0), run },
    ]);
    const after = await db.select({ hostId: mdArrays.hostId, name: mdArrays.name }).from(mdArrays);
    expect(after.filter((r) => r.hostId === a).map((r) => r.name)).toEqual(["md0"]);
    expect(after.filter((r) => r.hostId === b).map((r) => r.name)).toEqual(["md8"]);
    const mountsOfB = await db.select().from(mounts).where(eq(mounts.hostId, b));
    expect(mountsOfB.map((m) => m.source)).toEqual(["/dev/md8"]);
  }, 30_000);

  it("refuses a host twice in one batch, and writes nothing of it", async () => {
    const { db } = database();
    const [a = ""] = await hosts("batch-twice");
    const run = { startedAt: T0, durationMs: 5, status: "ok" };
    await expect(
      recordSnapshots(db, [
        { hostId: a, snapshot: snapshot(at(0), "md0", 0), run },
        { hostId: a, snapshot: snapshot(at(1), "md0", 0), run },
      ]),
    ).rejects.toThrow(/at most once/);
    expect(await db.select().from(probeRuns).where(eq(probeRuns.hostId, a))).toEqual([]);
  });

  it("reconciles several hosts' findings in one go, each with its own time", async () => {
    const { db } = database();
    const [a = "", b = ""] = await hosts("judged-a", "judged-b");
    const first = await reconcileHostsFindings(db, [
      { hostId: a, drafts: [draft("md0"), draft("md1")], now: at(0) },
      { hostId: b, drafts: [draft("md0")], now: at(0) },
    ]);
    // The findings opened together come back to their own host, each with its own row's id and
    // one "opened" event, though both hosts have an md0.
    const stored = await db
      .select({ id: findings.id, hostId: findings.hostId, objectName: findings.objectName })
      .from(findings);
    const idOf = (hostId: string, objectName: string) =>
      stored.find((r) => r.hostId === hostId && r.objectName === objectName)?.id;
    expect(first.map((r) => r.opened.map((o) => o.id))).toEqual([
      [idOf(a, "md0"), idOf(a, "md1")],
      [idOf(b, "md0")],
    ]);
    const events = await db
      .select({ findingId: findingEvents.findingId, hostId: findingEvents.hostId })
      .from(findingEvents)
      .where(eq(findingEvents.kind, "opened"));
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => `${e.hostId}/${e.findingId}`))).toEqual(
      new Set(stored.map((r) => `${r.hostId}/${r.id}`)),
    );
    const results = await reconcileHostsFindings(db, [
      { hostId: a, drafts: [draft("md0")], now: at(1) },
      { hostId: b, drafts: [draft("md0"), draft("md5")], now: at(2) },
    ]);
    expect(results.map((r) => [r.opened.map((o) => o.objectName), r.resolved, r.updated])).toEqual([
      [[], 1, 1],
      [["md5"], 0, 1],
    ]);
    const rows = await db
      .select({
        hostId: findings.hostId,
        objectName: findings.objectName,
        state: findings.state,
        lastSeenAt: findings.lastSeenAt,
      })
      .from(findings);
    const of = (hostId: string, objectName: string) =>
      rows.find((r) => r.hostId === hostId && r.objectName === objectName);
    expect(of(a, "md0")).toMatchObject({ state: "open", lastSeenAt: at(1) });
    expect(of(a, "md1")).toMatchObject({ state: "resolved", lastSeenAt: at(0) });
    expect(of(b, "md0")).toMatchObject({ state: "open", lastSeenAt: at(2) });
    expect(of(b, "md5")).toMatchObject({ state: "open", lastSeenAt: at(2) });
    await expect(
      reconcileHostsFindings(db, [
        { hostId: a, drafts: [], now: at(3) },
        { hostId: a, drafts: [], now: at(3) },
      ]),
    ).rejects.toThrow(/each host once/);
  });

  it("pins several hosts' first keys in one statement, never over a key already pinned", async () => {
    const { db } = database();
    const [a = "", b = "", kept = ""] = await hosts("pin-a", "pin-b", "pin-kept");
    await pinHostKeys(db, [{ hostId: kept, fingerprint: "SHA256:first", at: at(0) }]);
    await pinHostKeys(db, [
      { hostId: a, fingerprint: "SHA256:a", at: at(1) },
      { hostId: b, fingerprint: "SHA256:b", at: at(2) },
      { hostId: kept, fingerprint: "SHA256:other", at: at(2) },
    ]);
    const rows = await db
      .select({ id: hostsTable.id, key: hostsTable.pinnedHostKey, at: hostsTable.pinnedHostKeyAt })
      .from(hostsTable);
    const byId = new Map(rows.map((row) => [row.id, [row.key, row.at]]));
    expect(byId.get(a)).toEqual(["SHA256:a", at(1)]);
    expect(byId.get(b)).toEqual(["SHA256:b", at(2)]);
    expect(byId.get(kept)).toEqual(["SHA256:first", at(0)]);
  });
});

import { randomUUID } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../client";
import * as schema from "../schema";
import { arrayExpectations, evidenceAlerts } from "../schema";
import { testDatabaseKinds, useTestDatabase } from "../testing";
import { loadEvidenceAlerts, loadEvidenceAlertsOf } from "./evidence-alerts";
import { type HostSnapshot, recordFailure, recordSnapshots } from "./fleet-state";
import { loadHostHistories, loadHostHistory } from "./host-history";
import { loadHostState, loadHostStates } from "./host-state";
import { addHosts, listPollTargets } from "./hosts";

const HOUR = 3_600_000;
const T0 = new Date("2026-06-01T03:00:00Z");
const hoursAgo = (hours: number) => new Date(T0.getTime() - hours * HOUR);
const OPTIONS = { now: T0, pollIntervalMs: 60_000, recentWindowHours: 24 };
const SINCE = hoursAgo(24);
/** Three polls: the first falls outside the 24 h window, the other two inside. */
const POLLS = [hoursAgo(30), hoursAgo(2), hoursAgo(1)];

/**
 * Hosts a and b share a disk serial and an NFS mount point (cloned machines do), so a window not
 * partitioned by host would mix their samples; c has neither arrays nor disks.
 */
function snapshot(host: "a" | "b" | "c", poll: number): HostSnapshot {
  const offset = { a: 0, b: 1000, c: 2000 }[host];
  const hasStorage = host !== "c";
  // The disk in slot 1 is replaced: on a at the last poll, on b at the second.
  const slot1Serial = poll >= (host === "a" ? 2 : 1) ? `${host}-new` : `${host}-old`;
  return {
    observedAt: POLLS[poll] ?? T0,
    kernelRelease: "6.1.0",
    osName: "Debian 12",
    missingTools: host === "c" ? ["smartctl"] : [],
    arrays: hasStorage
      ? [
          { name: "md1", state: "active", level: "raid0" },
          { name: "md0", state: "active", level: "raid1", degraded: host === "b", raidDisks: 2 },
        ]
      : [],
    members: hasStorage
      ? [
          { arrayName: "md0", device: "sdb1", slot: 1, role: "active", diskSerial: slot1Serial },
          { arrayName: "md0", device: "sda1", slot: 0, role: "active", diskSerial: "SHARED1" },
          { arrayName: "md1", device: "sdc1", slot: 0, role: "active", diskSerial: `${host}-c` },
        ]
      : [],
    disks: hasStorage
      ? [
          { name: "sdb", protocol: "ATA", serial: slot1Serial, smartPassed: true },
          { name: "sda", protocol: "ATA", serial: "SHARED1", smartPassed: true, temperatureC: 30 },
        ]
      : null,
    mounts: [
      { mountPoint: "/", source: "/dev/md0", fstype: "ext4", options: "rw" },
      {
        mountPoint: "/mnt/images",
        source: "fs1:/export/images",
        fstype: "nfs",
        options: "rw,hard",
        nfs: { server: "fs1", export: "/export/images", hard: true },
      },
    ],
    loopDevices: host === "a" ? [{ name: "loop0", backFile: "/mnt/images/db.img" }] : [],
    volumeGroups: [],
    kernelEvents:
      host === "c"
        ? []
        : [
            {
              kind: "io_error",
              severity: "error",
              device: "sdb",
              rawLine: `${host}: I/O error on sdb, poll ${poll}`,
              loggedAt: poll === 1 ? null : new Date((POLLS[poll] ?? T0).getTime() - 5000),
            },
          ],
    smartSamples: hasStorage
      ? [{ diskSerial: "SHARED1", counters: { ata5: offset + poll, ata197: poll } }]
      : [],
    nfsSamples: [
      // c's newest sample lacks the counter: its previous value becomes the latest.
      {
        mountPoint: "/mnt/images",
        retransmissions: host === "c" && poll === 2 ? null : offset + 10 * poll,
      },
    ],
  };
}

function alert(hostId: string, kind: string, observedAt: Date, extra = {}) {
  return {
    hostId,
    kind,
    subject: "md0",
    itemKey: `md:${kind}`,
    message: `${kind} on md0`,
    detail: { slot: 1 },
    observedAt,
    ...extra,
  };
}

/**
 * A second client whose postgres-js `debug` hook sees every statement it sends. Each new
 * connection first reads the array types (pg_type); those are the driver's, not the reads'.
 */
function countingClient(url: string) {
  const statements: string[] = [];
  const client = postgres(url, {
    max: 4,
    onnotice: () => {},
    debug: (_connection, query) => {
      if (!query.includes("pg_catalog.pg_type")) statements.push(query);
    },
  });
  const db: Database = drizzle(client, { schema, casing: "snake_case" });
  const count = async (read: () => Promise<unknown>) => {
    statements.length = 0;
    await read();
    return statements.length;
  };
  return { db, count, close: () => client.end({ timeout: 5 }) };
}

describe.each(testDatabaseKinds())("host state of several hosts at once on %s", (kind) => {
  const database = useTestDatabase(kind);
  const ids = { a: "", b: "", c: "", d: "" };
  const unknown = randomUUID();

  beforeAll(async () => {
    const { db } = database();
    const names = ["many-a", "many-b", "many-c", "many-d"];
    await addHosts(
      db,
      names.map((name) => ({ name, address: "192.0.2.30" })),
    );
    const targets = await listPollTargets(db, names);
    const idOf = (name: string) => targets.find((t) => t.name === name)?.id ?? "";
    Object.assign(ids, {
      a: idOf("many-a"),
      b: idOf("many-b"),
      c: idOf("many-c"),
      d: idOf("many-d"),
    });
    for (const [poll, startedAt] of POLLS.entries()) {
      await recordSnapshots(
        db,
        (["a", "b", "c"] as const).map((host) => ({
          hostId: ids[host],
          snapshot: snapshot(host, poll),
          run: runOf(host, poll, startedAt),
        })),
      );
    }
    // a's newest poll failed: the parse errors shown stay those of the poll before.
    await recordFailure(
      db,
      ids.a,
      {
        at: hoursAgo(0.5),
        state: "timeout",
        code: "TIMEOUT",
        message: "no answer within 30 s",
        durationMs: 30_000,
        retryAfterMs: 60_000,
      },
      { startedAt: hoursAgo(0.5), durationMs: 30_000, status: "failed", errorCode: "TIMEOUT" },
    );
    await db.insert(arrayExpectations).values({
      hostId: ids.b,
      arrayName: "md0",
      isDegradedByDesign: true,
      setAt: hoursAgo(1),
    });
    await db
      .insert(evidenceAlerts)
      .values([
        alert(ids.a, "events-diverged", hoursAgo(40)),
        alert(ids.a, "slot-serial-changed", hoursAgo(1)),
        alert(ids.a, "array-gone", hoursAgo(1), { subject: "md9", itemKey: "md:md9" }),
        alert(ids.a, "array-gone", hoursAgo(30)),
        alert(ids.a, "slot-serial-changed", hoursAgo(2), { resolvedAt: hoursAgo(1) }),
        alert(ids.b, "slot-serial-changed", hoursAgo(2)),
        alert(ids.b, "no-such-kind", hoursAgo(2)),
      ]);
  }, 60_000);

  it("reads each host as it reads it alone, and leaves out hosts that do not exist", async () => {
    const { db } = database();
    const all = [ids.a, ids.b, ids.c, ids.d, unknown];
    const states = await loadHostStates(db, all, OPTIONS);
    expect([...states.keys()].sort()).toEqual([ids.a, ids.b, ids.c, ids.d].sort());
    for (const hostId of all) {
      expect(states.get(hostId) ?? null).toEqual(await loadHostState(db, hostId, OPTIONS));
    }
    expect(await loadHostStates(db, [], OPTIONS)).toEqual(new Map());
    expect(await loadHostStates(db, [unknown], OPTIONS)).toEqual(new Map());

    const histories = await loadHostHistories(db, all, SINCE);
    expect([...histories.keys()]).toEqual(all);
    for (const hostId of all) {
      expect(histories.get(hostId)).toEqual(await loadHostHistory(db, hostId, SINCE));
    }
    const alerts = await loadEvidenceAlertsOf(db, all, SINCE);
    expect([...alerts.keys()]).toEqual(all);
    for (const hostId of all) {
      expect(alerts.get(hostId)).toEqual(await loadEvidenceAlerts(db, hostId, SINCE));
    }
  });

  it("keeps each host's own rows and history apart", async () => {
    const { db } = database();
    const states = await loadHostStates(db, [ids.a, ids.b, ids.c, ids.d], OPTIONS);
    const a = states.get(ids.a);
    const b = states.get(ids.b);
    const c = states.get(ids.c);
    expect(a?.collection).toMatchObject({
      state: "timeout",
      consecutiveFailures: 1,
      parseErrors: [{ commandId: "mdstat", message: "a: line 2" }],
    });
    expect(b?.collection.parseErrors).toEqual([]);
    expect(c?.collection.missingTools).toEqual(["smartctl"]);
    expect(states.get(ids.d)?.collection).toMatchObject({ state: "never", parseErrors: [] });

    expect(a?.arrays.map((x) => [x.name, x.isDegradedByDesign, x.members.length])).toEqual([
      ["md0", false, 2],
      ["md1", false, 1],
    ]);
    expect(b?.arrays.map((x) => [x.name, x.isDegradedByDesign])).toEqual([
      ["md0", true],
      ["md1", false],
    ]);
    expect(c?.arrays).toEqual([]);
    const previousOf = (state: typeof a) =>
      state?.disks.map((disk) => [disk.name, disk.previousCounters]);
    expect(previousOf(a)).toEqual([
      ["sda", { ata5: 1, ata197: 1 }],
      ["sdb", null],
    ]);
    expect(previousOf(b)).toEqual([
      ["sda", { ata5: 1001, ata197: 1 }],
      ["sdb", null],
    ]);
    const retransmissionsOf = (state: typeof a) => state?.mounts.map((m) => m.retransmissions);
    expect(retransmissionsOf(a)).toEqual([null, { latest: 20, previous: 10 }]);
    expect(retransmissionsOf(b)).toEqual([null, { latest: 1020, previous: 1010 }]);
    expect(retransmissionsOf(c)).toEqual([null, { latest: 2010, previous: null }]);
    expect(a?.loopDevices.map((loop) => loop.name)).toEqual(["loop0"]);
    expect(b?.loopDevices).toEqual([]);

    // The first poll's event is older than the window; the second's has no kernel time.
    expect(a?.kernelEvents.map((e) => [e.rawLine, e.at])).toEqual([
      ["a: I/O error on sdb, poll 1", POLLS[1]],
      ["a: I/O error on sdb, poll 2", new Date((POLLS[2]?.getTime() ?? 0) - 5000)],
    ]);
    expect(c?.kernelEvents).toEqual([]);
    expect(a?.slotChanges).toEqual([
      { arrayName: "md0", slot: 1, previousSerial: "a-old", serial: "a-new", changedAt: POLLS[2] },
    ]);
    expect(b?.slotChanges.map((s) => s.changedAt)).toEqual([POLLS[1]]);

    expect(a?.evidenceAlerts.map((x) => [x.kind, x.subject])).toEqual([
      ["slot-serial-changed", "md0"],
      ["array-gone", "md9"],
      ["events-diverged", "md0"],
    ]);
    expect(b?.evidenceAlerts.map((x) => x.kind)).toEqual(["slot-serial-changed"]);
    expect(c?.evidenceAlerts).toEqual([]);
  });

  describe("statements", () => {
    let client: ReturnType<typeof countingClient> | undefined;
    beforeAll(() => {
      client = countingClient(database().url);
    });
    afterAll(async () => {
      await client?.close();
    });

    it("issues as many for several hosts as for one, and none for no host", async () => {
      if (!client) throw new Error("no counting client");
      const { db, count } = client;
      const one = [ids.a];
      const many = [ids.a, ids.b, ids.c, ids.d, unknown];
      const counts = {
        states: [
          await count(() => loadHostStates(db, one, OPTIONS)),
          await count(() => loadHostStates(db, many, OPTIONS)),
        ],
        histories: [
          await count(() => loadHostHistories(db, one, SINCE)),
          await count(() => loadHostHistories(db, many, SINCE)),
        ],
        alerts: [
          await count(() => loadEvidenceAlertsOf(db, one, SINCE)),
          await count(() => loadEvidenceAlertsOf(db, many, SINCE)),
        ],
        none: [
          await count(() => loadHostStates(db, [], OPTIONS)),
          await count(() => loadHostHistories(db, [], SINCE)),
          await count(() => loadEvidenceAlertsOf(db, [], SINCE)),
        ],
      };
      expect(counts).toEqual({
        states: [13, 13],
        histories: [4, 4],
        alerts: [1, 1],
        none: [0, 0, 0],
      });
      // A host that does not exist costs the one read that finds it missing.
      expect(await count(() => loadHostStates(db, [unknown], OPTIONS))).toBe(1);
    });
  });
});

function runOf(host: "a" | "b" | "c", poll: number, startedAt: Date) {
  // a's newest successful poll and b's middle one had parse errors; b's newest had none.
  const hasErrors = (host === "a" && poll === 2) || (host === "b" && poll === 1);
  return {
    startedAt,
    durationMs: 500,
    status: hasErrors ? "partial" : "ok",
    parseErrors: hasErrors ? [{ commandId: "mdstat", message: `${host}: line 2` }] : null,
  };
}

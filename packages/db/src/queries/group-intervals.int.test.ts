import { describe, expect, it } from "vitest";
import { groupPollIntervals } from "../schema";
import { testDatabaseKinds, useTestDatabase } from "../testing";
import {
  listGroupIntervalOverview,
  listGroupPollIntervals,
  loadHostPollIntervals,
  setGroupPollIntervals,
} from "./group-intervals";
import { addHosts, listPollTargets } from "./hosts";

const DEFAULTS = { stateIntervalMs: 60_000, smartIntervalMs: 600_000 };
const NOW = new Date("2026-06-01T00:00:00Z");

describe.each(testDatabaseKinds())("per-group poll intervals on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("stores, lists, replaces and clears a group's setting", async () => {
    const { db } = database();
    await setGroupPollIntervals(
      db,
      "db",
      { stateIntervalSeconds: 15, smartIntervalSeconds: null },
      NOW,
    );
    await setGroupPollIntervals(
      db,
      "db",
      { stateIntervalSeconds: 20, smartIntervalSeconds: 300 },
      NOW,
    );
    expect(await listGroupPollIntervals(db)).toEqual([
      { group: "db", stateIntervalSeconds: 20, smartIntervalSeconds: 300 },
    ]);
    await setGroupPollIntervals(
      db,
      "db",
      { stateIntervalSeconds: null, smartIntervalSeconds: null },
      NOW,
    );
    expect(await listGroupPollIntervals(db)).toEqual([]);
  });

  it("refuses out-of-bounds values in the table itself", async () => {
    const { db } = database();
    await expect(
      db.insert(groupPollIntervals).values({ groupName: "x", stateIntervalSeconds: 1 }),
    ).rejects.toThrow();
    await expect(
      db.insert(groupPollIntervals).values({ groupName: "x", smartIntervalSeconds: 60 }),
    ).rejects.toThrow();
    expect(await listGroupPollIntervals(db)).toEqual([]);
  });

  it("gives each host the shortest interval of its groups, or the defaults", async () => {
    const { db } = database();
    await addHosts(db, [
      { name: "g-fast", address: "192.0.2.10", groups: ["db", "archive"] },
      { name: "g-slow", address: "192.0.2.11", groups: ["archive"] },
      { name: "g-plain", address: "192.0.2.12", groups: ["web"] },
    ]);
    await setGroupPollIntervals(
      db,
      "db",
      { stateIntervalSeconds: 15, smartIntervalSeconds: null },
      NOW,
    );
    await setGroupPollIntervals(
      db,
      "archive",
      { stateIntervalSeconds: 300, smartIntervalSeconds: 3_600 },
      NOW,
    );
    const targets = await listPollTargets(db, ["g-fast", "g-slow", "g-plain"]);
    const idOf = (name: string) => targets.find((t) => t.name === name)?.id ?? "";
    const intervals = await loadHostPollIntervals(
      db,
      DEFAULTS,
      targets.map((t) => t.id),
    );
    expect(intervals.get(idOf("g-fast"))).toEqual({
      stateIntervalMs: 15_000,
      smartIntervalMs: 3_600_000,
      stateFrom: "db",
      smartFrom: "archive",
    });
    expect(intervals.get(idOf("g-slow"))?.stateIntervalMs).toBe(300_000);
    expect(intervals.get(idOf("g-plain"))).toEqual({
      ...DEFAULTS,
      stateFrom: null,
      smartFrom: null,
    });

    const overview = await listGroupIntervalOverview(db);
    expect(overview.map((g) => [g.group, g.hostCount, g.stateIntervalSeconds])).toEqual([
      ["archive", 2, 300],
      ["db", 1, 15],
      ["web", 1, null],
    ]);
    expect(overview.find((g) => g.group === "db")?.updatedAt).toEqual(NOW);
  });

  it("lists a group set before any host carries it", async () => {
    const { db } = database();
    await setGroupPollIntervals(
      db,
      "future",
      { stateIntervalSeconds: 30, smartIntervalSeconds: null },
      NOW,
    );
    const future = (await listGroupIntervalOverview(db)).find((g) => g.group === "future");
    expect(future).toMatchObject({ hostCount: 0, stateIntervalSeconds: 30 });
  });
});

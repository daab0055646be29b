import { describe, expect, it } from "vitest";
import { probeRuns } from "../schema";
import { testDatabaseKinds, useTestDatabase } from "../testing";
import { pruneProbeRuns } from "./fleet-state";
import { addHosts, listPollTargets } from "./hosts";

const DAY = 86_400_000;

describe.each(testDatabaseKinds())("probe run retention on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("drops runs older than the window but keeps each host's newest run", async () => {
    const { db } = database();
    await addHosts(db, [
      { name: "busy", address: "192.0.2.1" },
      { name: "gone", address: "192.0.2.2" },
    ]);
    const [busy, gone] = await listPollTargets(db, ["busy", "gone"]).then((rows) => [
      rows.find((r) => r.name === "busy"),
      rows.find((r) => r.name === "gone"),
    ]);
    const now = new Date("2026-06-01T00:00:00Z");
    const run = (hostId: string, daysAgo: number) => ({
      hostId,
      startedAt: new Date(now.getTime() - daysAgo * DAY),
      durationMs: 10,
      status: "ok",
    });
    await db
      .insert(probeRuns)
      .values([
        run(busy?.id ?? "", 40),
        run(busy?.id ?? "", 31),
        run(busy?.id ?? "", 2),
        run(gone?.id ?? "", 60),
        run(gone?.id ?? "", 50),
      ]);
    expect(await pruneProbeRuns(db, 30, now)).toBe(3);
    const left = await db
      .select({ hostId: probeRuns.hostId, startedAt: probeRuns.startedAt })
      .from(probeRuns);
    const ages = left.map((r) => [
      r.hostId === busy?.id ? "busy" : "gone",
      Math.round((now.getTime() - r.startedAt.getTime()) / DAY),
    ]);
    expect(ages.sort()).toEqual([
      ["busy", 2],
      ["gone", 50],
    ]);
  });
});

import { and, eq, gte, lt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { smartSamples } from "../schema";
import { testDatabaseKinds, useTestDatabase } from "../testing";
import { thinHistory } from "./history-retention";
import { addHosts, listPollTargets } from "./hosts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = new Date("2026-06-30T12:00:00Z");

describe.each(testDatabaseKinds())("history thinning on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("keeps 24 h in full, then the last sample per hour, then per day, and drops nothing newer", async () => {
    const { db } = database();
    await addHosts(db, [{ name: `thin-${kind}`, address: "192.0.2.7" }]);
    const [host] = await listPollTargets(db, [`thin-${kind}`]);
    const hostId = host?.id ?? "";
    // Ten days of SMART reads every 10 minutes; the counter is the sample's index, so the last
    // sample of a bucket is the one with the largest counter in it.
    const samples = Array.from({ length: (10 * DAY) / (10 * MINUTE) }, (_, i) => ({
      hostId,
      diskSerial: "WD-1",
      observedAt: new Date(NOW.getTime() - i * 10 * MINUTE),
      temperatureC: 30,
      counters: { ata197: 100_000 - i },
    }));
    for (let i = 0; i < samples.length; i += 500) {
      await db.insert(smartSamples).values(samples.slice(i, i + 500));
    }
    const removed = await thinHistory(db, NOW, { sinceMs: 30 * DAY });
    const count = async (from: number, to: number) => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(smartSamples)
        .where(
          and(
            eq(smartSamples.hostId, hostId),
            lt(smartSamples.observedAt, new Date(NOW.getTime() - from)),
            gte(smartSamples.observedAt, new Date(NOW.getTime() - to)),
          ),
        );
      return row?.n ?? 0;
    };
    expect(await count(-1, DAY - 1)).toBe(144);
    expect(await count(DAY, 7 * DAY)).toBe(6 * 24);
    expect(await count(7 * DAY + HOUR, 10 * DAY)).toBeLessThanOrEqual(3);
    expect(removed.smart_samples).toBe(samples.length - (await count(-1, 11 * DAY)));
    // The survivor of each hour is its newest sample: counters stay exact between kept samples.
    const [kept] = await db
      .select({ counters: smartSamples.counters, at: smartSamples.observedAt })
      .from(smartSamples)
      .where(
        and(
          eq(smartSamples.hostId, hostId),
          gte(smartSamples.observedAt, new Date("2026-06-27T05:00:00Z")),
          lt(smartSamples.observedAt, new Date("2026-06-27T06:00:00Z")),
        ),
      );
    expect(kept?.at.toISOString()).toBe("2026-06-27T05:50:00.000Z");
  });
});

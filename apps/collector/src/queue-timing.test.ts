import { describe, expect, it } from "vitest";
import { hostCollectorSettings, hostQueueTiming, queueTiming } from "./queue-timing";

describe("queueTiming", () => {
  it.each([5, 10, 15, 60, 300, 3_600])(
    "for a %i s interval, expiry plus maintenance fit in one interval and outlast a poll",
    (seconds) => {
      const timing = queueTiming({ intervalMs: seconds * 1000 });
      expect(timing.pollTimeoutMs).toBeLessThanOrEqual((seconds * 1000) / 2);
      // A live collector's poll and its writes end before pg-boss may hand the job to another.
      expect(timing.expireInSeconds * 1000).toBeGreaterThan(timing.pollTimeoutMs);
      // A dead collector's job is failed by the time the host's next slot begins.
      expect(timing.expireInSeconds + timing.maintenanceIntervalSeconds).toBeLessThanOrEqual(
        seconds,
      );
      expect(timing.slotSeconds).toBe(seconds);
      expect(timing.keepFinishedSeconds).toBeGreaterThanOrEqual(timing.slotSeconds);
      expect(timing.planEveryMs).toBeLessThanOrEqual(seconds * 1000);
      expect(timing.maintenanceIntervalSeconds).toBeLessThanOrEqual(60);
    },
  );

  it("uses a configured poll timeout as it is", () => {
    expect(queueTiming({ intervalMs: 60_000, pollTimeoutMs: 10_000 })).toMatchObject({
      pollTimeoutMs: 10_000,
      expireInSeconds: 15,
      maintenanceIntervalSeconds: 22,
    });
  });

  it("caps the default poll timeout at a minute", () => {
    expect(queueTiming({ intervalMs: 3_600_000 }).pollTimeoutMs).toBe(60_000);
  });
});

describe("hostQueueTiming", () => {
  const collector = { intervalMs: 60_000, pollTimeoutMs: 30_000 };

  it.each([10, 15, 30, 60, 600, 3_600])(
    "for a group interval of %i s, the host's own slot holds its poll, expiry and maintenance",
    (seconds) => {
      const timing = hostQueueTiming(collector, seconds * 1000);
      expect(timing.slotSeconds).toBe(seconds);
      expect(timing.pollTimeoutMs).toBeLessThanOrEqual((seconds * 1000) / 2);
      expect(timing.expireInSeconds * 1000).toBeGreaterThan(timing.pollTimeoutMs);
      expect(timing.expireInSeconds + timing.maintenanceIntervalSeconds).toBeLessThanOrEqual(
        seconds,
      );
    },
  );

  it("keeps the collector's budget for a longer interval, and halves a shorter one", () => {
    expect(hostQueueTiming(collector, 600_000).pollTimeoutMs).toBe(30_000);
    expect(hostQueueTiming(collector, 20_000).pollTimeoutMs).toBe(10_000);
    expect(hostQueueTiming({ intervalMs: 60_000 }, 60_000).pollTimeoutMs).toBe(30_000);
  });
});

describe("hostCollectorSettings", () => {
  it("swaps in the host's intervals and a budget that fits them", () => {
    const settings = {
      defaultUser: "holmes",
      intervalMs: 60_000,
      smartIntervalMs: 600_000,
      pollTimeoutMs: 30_000,
    };
    expect(
      hostCollectorSettings(settings, { stateIntervalMs: 15_000, smartIntervalMs: 300_000 }),
    ).toEqual({
      defaultUser: "holmes",
      intervalMs: 15_000,
      smartIntervalMs: 300_000,
      pollTimeoutMs: 7_500,
    });
  });
});

import { describe, expect, it } from "vitest";
import { type PumpQueue, startFetchPump } from "./fetch-pump";

/** An in-memory queue with pg-boss's contract: fetch hands each job out once. */
function memoryQueue(jobCount: number) {
  const queued = Array.from({ length: jobCount }, (_, i) => ({ id: `job-${i}`, data: i }));
  const completed = new Map<string, object>();
  const failed = new Map<string, string>();
  const fetchSizes: number[] = [];
  const completeCalls: string[][] = [];
  const queue: PumpQueue<number> = {
    fetch: async (batchSize) => {
      fetchSizes.push(batchSize);
      return queued.splice(0, batchSize);
    },
    complete: async (ids, output) => {
      completeCalls.push(ids);
      for (const id of ids) completed.set(id, output);
    },
    fail: async (ids, message) => {
      for (const id of ids) failed.set(id, message);
    },
  };
  return {
    queue,
    completed,
    failed,
    fetchSizes,
    completeCalls,
    add: (id: string, data: number) => queued.push({ id, data }),
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noErrors = (error: Error) => {
  throw error;
};

/**
 * A pump on an in-memory queue. Its idle wait is a whole minute: a pump that waited it between
 * jobs, or after a short fetch without being nudged, could not finish in any test's time.
 */
function pumpOn(
  memory: ReturnType<typeof memoryQueue>,
  concurrency: number,
  handler: (n: number) => Promise<object>,
) {
  return startFetchPump({
    queue: memory.queue,
    handler,
    concurrency,
    idleMs: 60_000,
    onError: noErrors,
  });
}

describe("the fetch pump", () => {
  it("works a full queue back to back, never more than `concurrency` at once", async () => {
    const memory = memoryQueue(40);
    let running = 0;
    let mostAtOnce = 0;
    const started = performance.now();
    const pump = pumpOn(memory, 4, async (n) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await delay(5 + (n % 3));
      running -= 1;
      return { status: n % 5 === 0 ? "partial" : "ok" };
    });
    await expect.poll(() => memory.completed.size, { timeout: 5_000, interval: 10 }).toBe(40);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(mostAtOnce).toBe(4);
    expect(memory.completed.get("job-5")).toEqual({ status: "partial" });
    expect(memory.completed.get("job-6")).toEqual({ status: "ok" });
    // Each fetch asked for the free slots only.
    expect(memory.fetchSizes.every((size) => size >= 1 && size <= 4)).toBe(true);
    await pump.stop(1_000);
  });

  it("gathers slots that free one by one into fewer fetches", async () => {
    const memory = memoryQueue(64);
    // Staggered ends: without gathering, nearly every finished job would be a fetch of one.
    const pump = pumpOn(memory, 16, async (n) => {
      await delay(2 + (n % 7) * 3);
      return { status: "ok" };
    });
    await expect.poll(() => memory.completed.size, { timeout: 5_000, interval: 10 }).toBe(64);
    // The first fetch fills 16 slots; every later one waits for 4 free or 20 ms.
    expect(memory.fetchSizes.length).toBeLessThanOrEqual(20);
    expect(memory.fetchSizes[0]).toBe(16);
    await pump.stop(1_000);
  });

  it("completes jobs that end together in one call per distinct output", async () => {
    const memory = memoryQueue(8);
    const pump = pumpOn(memory, 8, async (n) => ({ status: n < 6 ? "ok" : "partial" }));
    await expect.poll(() => memory.completed.size, { timeout: 2_000, interval: 10 }).toBe(8);
    expect(memory.completeCalls.map((ids) => ids.length).sort()).toEqual([2, 6]);
    await pump.stop(1_000);
  });

  it("fails a job whose handler threw, with its message", async () => {
    const memory = memoryQueue(3);
    const pump = pumpOn(memory, 2, async (n) => {
      if (n === 1) throw new Error("no such host");
      return { status: "ok" };
    });
    await expect
      .poll(() => memory.completed.size + memory.failed.size, { timeout: 2_000, interval: 10 })
      .toBe(3);
    expect(Object.fromEntries(memory.failed)).toEqual({ "job-1": "no such host" });
    await pump.stop(1_000);
  });

  it("looks again when nudged, not only after its idle wait", async () => {
    const memory = memoryQueue(0);
    const worked: number[] = [];
    const pump = pumpOn(memory, 2, async (n) => {
      worked.push(n);
      return { status: "ok" };
    });
    await delay(50);
    memory.add("late", 7);
    await delay(50);
    expect(worked).toEqual([]);
    pump.nudge();
    await expect.poll(() => worked, { timeout: 1_000, interval: 10 }).toEqual([7]);
    await pump.stop(1_000);
  });

  it("on stop, waits for jobs in flight, then fails those still running", async () => {
    const memory = memoryQueue(2);
    const pump = pumpOn(memory, 2, async (n) => {
      await delay(n === 0 ? 20 : 10_000);
      return { status: "ok" };
    });
    await delay(5);
    await pump.stop(300);
    expect([...memory.completed.keys()]).toEqual(["job-0"]);
    expect(Object.fromEntries(memory.failed)).toEqual({
      "job-1": "collector stopped while polling",
    });
  });
});

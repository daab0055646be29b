import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit";

/** A flush that records its batches and doubles each item; `bad` items make a batch fail. */
function recorder(options: { bad?: number; delayMs?: number } = {}) {
  const batches: number[][] = [];
  let running = 0;
  let mostRunning = 0;
  const flush = async (items: number[]) => {
    batches.push(items);
    running += 1;
    mostRunning = Math.max(mostRunning, running);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
    running -= 1;
    if (options.bad !== undefined && items.includes(options.bad)) throw new Error("bad item");
    return items.map((item) => item * 2);
  };
  return { flush, batches, mostRunning: () => mostRunning };
}

describe("group commit", () => {
  it("flushes items handed in together as one batch, and each caller gets its own result", async () => {
    const { flush, batches } = recorder();
    const commit = createGroupCommit({ flush, maxItems: 10, parallel: 1 });
    const results = await Promise.all([1, 2, 3].map((item) => commit(item)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("gathers the items that arrive during a flush into the next one, up to maxItems", async () => {
    const { flush, batches } = recorder({ delayMs: 20 });
    const commit = createGroupCommit({ flush, maxItems: 2, parallel: 1 });
    const first = commit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [2, 3, 4].map((item) => commit(item));
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it("never runs more flushes at once than allowed", async () => {
    const { flush, mostRunning } = recorder({ delayMs: 10 });
    const commit = createGroupCommit({ flush, maxItems: 1, parallel: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => commit(i)));
    expect(mostRunning()).toBe(2);
  });

  it("retries a failed batch item by item: only the bad item's caller sees the error", async () => {
    const { flush, batches } = recorder({ bad: 2 });
    const commit = createGroupCommit({ flush, maxItems: 10, parallel: 1 });
    const settled = await Promise.allSettled([1, 2, 3].map((item) => commit(item)));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(settled[0]).toMatchObject({ value: 2 });
    expect(settled[1]).toMatchObject({ reason: new Error("bad item") });
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});

import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const CHILD = resolve(import.meta.dirname, "testing/heap-growth-child.ts");

type HeapFigures = { liveBytes: number; peakBytes: number };

async function runChild(limit: boolean): Promise<HeapFigures> {
  const args = ["--expose-gc", "--import", "tsx", CHILD, ...(limit ? ["limit"] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args);
  return JSON.parse(stdout) as HeapFigures;
}

describe("limitHeapGrowth", () => {
  it("keeps the heap near twice the live heap where V8 alone lets it grow much further", async () => {
    const [unlimited, limited] = [await runChild(false), await runChild(true)];
    // The same live set (about 60 MB) in both processes.
    expect(Math.abs(limited.liveBytes - unlimited.liveBytes)).toBeLessThan(4 * 1024 * 1024);
    // Measured: 395–444 MB alone, 239–247 MB limited (twice the live heap and the churn kept,
    // plus the young generation).
    expect(limited.peakBytes).toBeLessThan(unlimited.peakBytes * 0.8);
    expect(limited.peakBytes).toBeLessThan(limited.liveBytes * 5);
  }, 60_000);
});

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { detachStrings } from "./detach-strings";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Live heap after a full collection. */
function liveHeapBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A poll-like object whose fields are slices of one large output, as the parsers make them. */
function parsedFrom(output: string) {
  return {
    observedAt: new Date(0),
    kernelRelease: output.slice(10, 40),
    arrays: Array.from({ length: 20 }, (_, index) => ({
      name: `md${index}`,
      uuid: output.slice(index * 100, index * 100 + 35),
      level: null,
      members: [output.slice(index, index + 13), output.slice(index, index + 12)],
    })),
    raw: Buffer.from("kept as it is"),
  };
}

const OUTPUT_BYTES = 16 * 1024 * 1024;

describe("detachStrings", () => {
  it("keeps every value, and dates and buffers as they are", () => {
    const output = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(200);
    const parsed = parsedFrom(output);
    const expected = parsedFrom(output);
    const { observedAt, raw } = parsed;
    const detached = detachStrings(parsed);
    expect(detached).toEqual(expected);
    expect(detached.observedAt).toBe(observedAt);
    expect(detached.raw).toBe(raw);
  });

  it("lets the output the fields were sliced from be collected", () => {
    // Built from parts so it is a fresh string on the heap, not a constant; only what was parsed
    // from it leaves this function.
    const parseLargeOutput = () =>
      parsedFrom(
        Array.from({ length: OUTPUT_BYTES / 64 }, (_, i) => `${i}`.padStart(64, "-")).join(""),
      );
    const retainedBy = (detach: boolean): number => {
      const before = liveHeapBytes();
      const parsed = parseLargeOutput();
      const kept = detach ? detachStrings(parsed) : parsed;
      const retained = liveHeapBytes() - before;
      expect(kept.arrays).toHaveLength(20);
      return retained;
    };
    // Without detaching, a 35-character UUID keeps all 16 MB alive; with it, almost nothing is.
    expect(retainedBy(false)).toBeGreaterThan(OUTPUT_BYTES * 0.9);
    expect(retainedBy(true)).toBeLessThan(1024 * 1024);
  });
});

/**
 * Run by heap-growth.test.ts in a fresh process (`--expose-gc`): keeps a live set, then churns
 * through short-lived garbage as a poll cycle does, and prints the live heap and the peak heap
 * size V8 reserved meanwhile. With the argument `limit`, calls limitHeapGrowth first.
 */
import { limitHeapGrowth } from "../heap-growth";

if (process.argv[2] === "limit") limitHeapGrowth();
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

const live = Array.from({ length: 400_000 }, (_, i) => ({ name: `host-${i}`, values: [i, i + 1] }));
gc();
const liveBytes = process.memoryUsage().heapUsed;
let peakBytes = 0;
let churn: unknown[] = [];
for (let round = 0; round < 150; round++) {
  // Kept across a few rounds, as a poll's rows are kept until its write commits.
  if (round % 4 === 0) churn = [];
  for (let i = 0; i < 40_000; i++)
    churn.push({ text: `row ${i} of ${round}`, cells: [i, round, i * round] });
  peakBytes = Math.max(peakBytes, process.memoryUsage().heapTotal);
}
process.stdout.write(
  `${JSON.stringify({ liveBytes, peakBytes, kept: live.length + churn.length })}\n`,
);

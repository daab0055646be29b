/**
 * A fixed piece of single-threaded work of the collector's kind (JSON, hashing, string scanning),
 * timed alone: this machine's speed at the moment the figures are taken. A shared VM's speed
 * moves by a third from one minute to the next with what its neighbours do, and the load average
 * does not show it (they are not in it, and it is not counted as steal); two runs of the bench
 * compare only beside their reference times.
 */
import { createHash } from "node:crypto";

const ROWS = Array.from({ length: 2_000 }, (_, i) => ({
  name: `sd${String.fromCharCode(97 + (i % 26))}${i}`,
  serial: `ZL2${(i * 7919).toString(36).toUpperCase()}`,
  sizeBytes: 4_000_787_030_016 + i,
  attributes: Array.from({ length: 12 }, (_, id) => ({ id, raw: i * id, flags: "PO--CK" })),
  mountpoint: i % 3 === 0 ? null : `/srv/data/${i}`,
}));

function once(): number {
  const started = performance.now();
  let digest = "";
  for (let round = 0; round < 4; round++) {
    const text = JSON.stringify(ROWS, null, 2);
    const parsed = JSON.parse(text) as typeof ROWS;
    const lines = text.split("\n").filter((line) => /"serial": "ZL2[0-9A-Z]+"/.test(line));
    digest = createHash("sha256")
      .update(text)
      .update(String(parsed.length + lines.length))
      .digest("hex");
  }
  if (digest.length !== 64) throw new Error("reference work went wrong");
  return performance.now() - started;
}

/** The median of five runs, in ms. */
export function timeReferenceWork(): number {
  const times = Array.from({ length: 5 }, once).sort((a, b) => a - b);
  return times[2] ?? 0;
}

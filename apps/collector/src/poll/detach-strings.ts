/**
 * Copies, in place, every string of a parsed poll that could keep the poll's raw output alive.
 *
 * The parsers take their fields as slices of the command output, and V8 represents a slice of 13
 * or more characters as a view on its parent: one device UUID kept in the collector's write
 * cache would keep that host's whole composite output (tens of kB) in memory. At 1,000 hosts
 * that was 80 of the collector's 115 MB of live heap. A copy made by flattening a concatenation
 * owns its characters, so the output can be collected once the poll is stored.
 */
export function detachStrings<T>(value: T): T {
  return detach(value) as T;
}

/** V8 copies shorter slices outright (SlicedString::kMinLength). */
const MIN_SLICED_LENGTH = 13;

function detach(value: unknown): unknown {
  if (typeof value === "string") {
    return value.length < MIN_SLICED_LENGTH ? value : ` ${value}`.slice(1);
  }
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  // Frozen: shared between polls (poll-memory.ts), and detached before it was frozen.
  if (Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = detach(value[index]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) record[key] = detach(record[key]);
  return value;
}

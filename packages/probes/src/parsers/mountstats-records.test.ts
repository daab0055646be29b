import { MOUNTSTATS_BYTE_NAMES, MOUNTSTATS_EVENT_NAMES } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { mountstatsBytes, mountstatsEvents } from "./mountstats-records";

/** Counter i of the line must land under name i of the core list, and nothing else may exist. */
function expectPositional(record: Record<string, unknown>, names: readonly string[]) {
  expect(Object.keys(record)).toEqual([...names]);
  for (const [i, name] of names.entries()) expect(record[name], name).toBe(1000 + i);
}

describe("mountstats records", () => {
  it("names the events: counters in MOUNTSTATS_EVENT_NAMES order", () => {
    const values = MOUNTSTATS_EVENT_NAMES.map((_, i) => 1000 + i);
    expectPositional(mountstatsEvents(values), MOUNTSTATS_EVENT_NAMES);
  });

  it("names the bytes: counters in MOUNTSTATS_BYTE_NAMES order", () => {
    const values = MOUNTSTATS_BYTE_NAMES.map((_, i) => 1000 + i);
    expectPositional(mountstatsBytes(values), MOUNTSTATS_BYTE_NAMES);
  });

  it("reads counters an older kernel did not print as null, and keeps u64 strings", () => {
    const events = mountstatsEvents([1, "18446744073709551615"]);
    expect(events.inodeRevalidates).toBe(1);
    expect(events.dentryRevalidates).toBe("18446744073709551615");
    expect(events.pnfsWrites).toBeNull();
    expect(mountstatsBytes([]).writePages).toBeNull();
  });
});

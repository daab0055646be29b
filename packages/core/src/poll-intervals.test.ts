import { describe, expect, it } from "vitest";
import { GroupPollIntervalsSchema, hostPollIntervals } from "./poll-intervals";

const defaults = { stateIntervalMs: 60_000, smartIntervalMs: 600_000 };
const settings = [
  { group: "db", stateIntervalSeconds: 15, smartIntervalSeconds: null },
  { group: "archive", stateIntervalSeconds: 300, smartIntervalSeconds: 3_600 },
  { group: "nvme", stateIntervalSeconds: null, smartIntervalSeconds: 300 },
];

describe("hostPollIntervals", () => {
  it("gives a host in no configured group the collector's defaults", () => {
    expect(hostPollIntervals(["web"], settings, defaults)).toEqual({
      ...defaults,
      stateFrom: null,
      smartFrom: null,
    });
    expect(hostPollIntervals([], settings, defaults).stateIntervalMs).toBe(60_000);
  });

  it("lets one group lengthen or shorten the default", () => {
    expect(hostPollIntervals(["archive"], settings, defaults)).toEqual({
      stateIntervalMs: 300_000,
      smartIntervalMs: 3_600_000,
      stateFrom: "archive",
      smartFrom: "archive",
    });
  });

  it("takes the shortest interval of a host's groups, each interval on its own", () => {
    expect(hostPollIntervals(["archive", "db", "nvme"], settings, defaults)).toEqual({
      stateIntervalMs: 15_000,
      smartIntervalMs: 300_000,
      stateFrom: "db",
      smartFrom: "nvme",
    });
  });

  it("breaks a tie by group name, whatever the order of the settings", () => {
    const tied = [
      { group: "b", stateIntervalSeconds: 30, smartIntervalSeconds: null },
      { group: "a", stateIntervalSeconds: 30, smartIntervalSeconds: null },
    ];
    expect(hostPollIntervals(["a", "b"], tied, defaults).stateFrom).toBe("a");
    expect(hostPollIntervals(["a", "b"], [...tied].reverse(), defaults).stateFrom).toBe("a");
  });
});

describe("GroupPollIntervalsSchema", () => {
  const parse = (state: number | null, smart: number | null) =>
    GroupPollIntervalsSchema.safeParse({
      stateIntervalSeconds: state,
      smartIntervalSeconds: smart,
    });
  const messageOf = (state: number | null, smart: number | null) =>
    parse(state, smart).error?.issues.map((issue) => issue.message);

  it("accepts the bounds and null (the default)", () => {
    expect(parse(10, 120).success).toBe(true);
    expect(parse(3_600, 86_400).success).toBe(true);
    expect(parse(null, null).success).toBe(true);
  });

  it.each([
    [9, null, "The state interval must be at least 10 s"],
    [3_601, null, "The state interval must be at most 3600 s"],
    [null, 119, "The SMART interval must be at least 120 s"],
    [null, 86_401, "The SMART interval must be at most 86400 s"],
    [12.5, null, "The state interval is a whole number of seconds"],
    [
      600,
      300,
      "The SMART interval cannot be shorter than the state interval: SMART is read by a poll",
    ],
  ])("refuses state %s / SMART %s with a clear message", (state, smart, message) => {
    expect(messageOf(state, smart)).toEqual([message]);
  });
});

import { describe, expect, it } from "vitest";
import { formatValue, summarizeTrend, toTrendSeries } from "./to-trend-series";

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute));

describe("toTrendSeries", () => {
  it("pivots lines into rows sorted by time, with null where a line has no point", () => {
    const series = toTrendSeries({
      read: [
        { at: at(10), value: 5 },
        { at: at(0), value: 4 },
      ],
      write: [{ at: at(5).toISOString(), value: 9 }],
    });
    expect(series.lines).toEqual([
      { key: "read", label: "read" },
      { key: "write", label: "write" },
    ]);
    expect(series.rows).toEqual([
      { t: at(0).getTime(), read: 4, write: null },
      { t: at(5).getTime(), read: null, write: 9 },
      { t: at(10).getTime(), read: 5, write: null },
    ]);
  });

  it("keeps only the requested keys that have points, in the requested order", () => {
    const series = toTrendSeries(
      { a: [{ at: at(0), value: 1 }], b: [], c: [{ at: at(0), value: 3 }] },
      (key) => key.toUpperCase(),
      ["c", "b", "a", "missing"],
    );
    expect(series.lines).toEqual([
      { key: "c", label: "C" },
      { key: "a", label: "A" },
    ]);
    expect(series.rows).toEqual([{ t: at(0).getTime(), c: 3, a: 1 }]);
  });

  it("returns no rows for no data", () => {
    expect(toTrendSeries({})).toEqual({ rows: [], lines: [] });
  });
});

describe("summarizeTrend", () => {
  it("states each line's first and last value, skipping gaps", () => {
    const series = toTrendSeries(
      {
        ata197: [
          { at: at(0), value: 16 },
          { at: at(5), value: null },
          { at: at(10), value: 48 },
        ],
        temp: [{ at: at(0), value: 36.5 }],
      },
      (key) => (key === "temp" ? "Temperature" : "Pending sectors"),
    );
    expect(summarizeTrend(series)).toEqual(["Pending sectors: 16 → 48", "Temperature: 36.5"]);
    expect(summarizeTrend(toTrendSeries({ x: [{ at: at(0), value: null }] }))).toEqual([
      "x: no data",
    ]);
  });

  it("formats large counts with separators and small rates with two decimals", () => {
    expect(formatValue(123456)).toBe("123,456");
    expect(formatValue(4.56789)).toBe("4.57");
    expect(formatValue(45.678)).toBe("45.7");
  });
});

import { describe, expect, it } from "vitest";
import { toNfsRttSeries, toRetransSeries, toSyncSeries } from "./to-nfs-series";
import { toNvmePercentSeries, toSmartCounterSeries, toTemperatureSeries } from "./to-smart-series";

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute));
const flat = (value: number) => [
  { at: at(0), value },
  { at: at(10), value },
];

describe("SMART series", () => {
  it("draws only counters that were ever non-zero, labelled by attribute", () => {
    const lines = {
      ata5: [
        { at: at(0), value: 300 },
        { at: at(10), value: 900 },
      ],
      ata187: flat(0),
      ata197: [
        { at: at(0), value: 0 },
        { at: at(10), value: 48 },
      ],
      temperatureC: flat(36),
    };
    const series = toSmartCounterSeries(lines);
    expect(series.lines).toEqual([
      { key: "ata5", label: "5 Reallocated sectors" },
      { key: "ata197", label: "197 Pending sectors" },
    ]);
    expect(series.rows.at(-1)).toEqual({ t: at(10).getTime(), ata5: 900, ata197: 48 });
    expect(toTemperatureSeries(lines).lines).toEqual([
      { key: "temperatureC", label: "Temperature" },
    ]);
  });

  it("gives a healthy disk no counter lines at all", () => {
    expect(toSmartCounterSeries({ ata5: flat(0), ata197: flat(0) })).toEqual({
      rows: [],
      lines: [],
    });
  });

  it("puts NVMe percentages on their own series", () => {
    const series = toNvmePercentSeries({
      nvmeMediaErrors: flat(2),
      nvmePercentageUsed: flat(91),
      nvmeAvailableSpare: flat(40),
    });
    expect(series.lines.map((l) => l.label)).toEqual(["Percentage used", "Available spare"]);
  });
});

describe("NFS and sync series", () => {
  it("labels RTT per operation, keeps the API's busiest-first order", () => {
    const series = toNfsRttSeries({ WRITE: flat(12), READ: flat(5) });
    expect(series.lines.map((l) => l.label)).toEqual(["WRITE", "READ"]);
    expect(series.rows[0]).toEqual({ t: at(0).getTime(), WRITE: 12, READ: 5 });
  });

  it("maps retransmissions and sync percent to single named lines", () => {
    expect(toRetransSeries(flat(3)).rows).toEqual([
      { t: at(0).getTime(), retrans: 3 },
      { t: at(10).getTime(), retrans: 3 },
    ]);
    const sync = toSyncSeries([{ arrayName: "md2", percent: flat(38.2) }]);
    expect(sync.lines).toEqual([{ key: "md2", label: "md2 %" }]);
  });
});

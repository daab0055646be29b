import { type SeriesPointInput, type TrendSeries, toTrendSeries } from "./to-trend-series";

/** The counters Holmes samples per disk, in the order a card lists them, with plain names. */
export const SMART_COUNTER_LABELS: Record<string, string> = {
  ata5: "5 Reallocated sectors",
  ata187: "187 Reported uncorrectable",
  ata188: "188 Command timeouts",
  ata196: "196 Reallocation events",
  ata197: "197 Pending sectors",
  ata198: "198 Offline uncorrectable",
  ata199: "199 CRC errors (cabling)",
  nvmeMediaErrors: "Media errors",
  nvmeCriticalWarning: "Critical warning bits",
  scsiGrownDefects: "Grown defects",
};

/** Percentages sit on another scale than error counts, so they get their own chart. */
export const NVME_PERCENT_LABELS: Record<string, string> = {
  nvmePercentageUsed: "Percentage used",
  nvmeAvailableSpare: "Available spare",
};

type SmartLines = Record<string, readonly SeriesPointInput[]>;

/**
 * The error counters worth a line: those that were ever non-zero in the range. A disk whose
 * counters all stayed at zero gets an empty series and the card says so in words instead of
 * drawing seven flat lines.
 */
export function toSmartCounterSeries(lines: SmartLines): TrendSeries {
  const keys = Object.keys(SMART_COUNTER_LABELS).filter((key) =>
    (lines[key] ?? []).some((point) => (point.value ?? 0) !== 0),
  );
  return toTrendSeries(lines, (key) => SMART_COUNTER_LABELS[key] ?? key, keys);
}

export function toNvmePercentSeries(lines: SmartLines): TrendSeries {
  return toTrendSeries(
    lines,
    (key) => NVME_PERCENT_LABELS[key] ?? key,
    Object.keys(NVME_PERCENT_LABELS),
  );
}

export function toTemperatureSeries(lines: SmartLines): TrendSeries {
  return toTrendSeries(lines, () => "Temperature", ["temperatureC"]);
}

/** Thresholds the rules use; every one has a sensible default and can be overridden. */
export type FindingSettings = {
  /** A disk without a completed self-test in this many hours gets an info finding. */
  selfTestMaxAgeHours: number;
  /** Rotating and SATA SSD drives: most vendors rate 0–60 °C; sustained heat above ~50 °C ages them. */
  diskTemperatureWarningC: number;
  diskTemperatureCriticalC: number;
  /** NVMe controllers throttle around 70–80 °C (their own WCTEMP/CCTEMP are usually 70/80+). */
  nvmeTemperatureWarningC: number;
  nvmeTemperatureCriticalC: number;
  nvmePercentageUsedWarning: number;
  /**
   * Retransmissions a mount may add between two polls before it is a finding. A busy mount over a
   * healthy network still resends the odd request; a burst is what precedes "not responding".
   */
  nfsRetransmissionsPerPollWarning: number;
  /** Data older than this many poll intervals is stale: shown as stale, never as healthy. */
  staleAfterIntervals: number;
  /** Kernel events and disk replacements older than this no longer hold a finding open. */
  recentWindowHours: number;
};

export const DEFAULT_FINDING_SETTINGS: FindingSettings = {
  selfTestMaxAgeHours: 24,
  diskTemperatureWarningC: 55,
  diskTemperatureCriticalC: 65,
  nvmeTemperatureWarningC: 70,
  nvmeTemperatureCriticalC: 80,
  nvmePercentageUsedWarning: 90,
  nfsRetransmissionsPerPollWarning: 10,
  staleAfterIntervals: 3,
  recentWindowHours: 24,
};

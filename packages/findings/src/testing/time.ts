/** The fixed "now" of every built state, so ages and windows in tests are exact. */
export const NOW = new Date("2024-06-03T12:00:00Z");
export const hoursAgo = (hours: number, now: Date = NOW) => new Date(now.getTime() - hours * 3.6e6);
export const minutesAgo = (minutes: number, now: Date = NOW) =>
  new Date(now.getTime() - minutes * 60_000);

/** Disk sizes the way vendors print them (decimal): "4.0 TB", "480 GB". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** md's ETA in minutes as words: "12 min", "2 h 5 min". */
export function formatMinutes(minutes: number): string {
  const rounded = Math.max(1, Math.round(minutes));
  if (rounded < 60) return `${rounded} min`;
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Power-on hours with the human scale beside them: "41,000 h (4.7 years)". */
export function formatPowerOn(hours: number | null): string {
  if (hours === null) return "—";
  const years = hours / 8766;
  const scale = years >= 1 ? `${years.toFixed(1)} years` : `${Math.round(hours / 24)} days`;
  return `${hours.toLocaleString("en-US")} h (${scale})`;
}

/** mdstat reports K/sec (KiB): shown as MB/s, which is what people compare. */
export function formatSpeed(kibPerSecond: number): string {
  return `${((kibPerSecond * 1024) / 1e6).toFixed(0)} MB/s`;
}

/** A clock time for an ETA; fixed locale so server and browser render the same text. */
export function formatClock(at: Date): string {
  return at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Formatting shared by the renderers: C-style padding, ctime(3) dates and mdadm's human sizes. */

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** printf `%Nd`. */
export function padStart(value: number | string, width: number): string {
  return String(value).padStart(width, " ");
}

/** ctime(3) without the newline (`Sun Aug  7 21:15:49 2022`); hosts run in UTC. */
export function ctime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const time = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${padStart(d.getUTCDate(), 2)} ${time} ${d.getUTCFullYear()}`;
}

/** journalctl -o short-iso: seconds precision; systemd >= 250 puts a colon in the offset. */
export function isoSeconds(epochMs: number, hasColonOffset: boolean): string {
  const text = new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19);
  return `${text}${hasColonOffset ? "+00:00" : "+0000"}`;
}

/**
 * mdadm's human_size(): ` (99.00 MiB 103.81 MB)`, rounded the way its integer arithmetic
 * rounds; nothing below 5000 KiB.
 */
export function humanSize(bytes: number): string {
  if (bytes < 5000 * 1024) return "";
  const [binary, decimal, bUnit, dUnit] =
    bytes < 2 * 2 ** 30
      ? [2 ** 20, 1e6, "MiB", "MB"]
      : bytes < 2 * 2 ** 40
        ? [2 ** 30, 1e9, "GiB", "GB"]
        : [2 ** 40, 1e12, "TiB", "TB"];
  const cBin = Math.floor((Math.floor((bytes * 200) / binary) + 1) / 2);
  const cDec = Math.floor((Math.floor(bytes / (decimal / 200)) + 1) / 2);
  return ` (${hundredths(cBin)} ${bUnit} ${hundredths(cDec)} ${dUnit})`;
}

function hundredths(centi: number): string {
  return `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, "0")}`;
}

/** A stable 32-bit hex word from a string, for checksums that must not change between polls. */
export function hashHex(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/*
 * Ansible host patterns (inventory docs "Adding ranges of hosts"; ansible.inventory.helpers and
 * parsing.utils.addresses, ansible-core 2.14–2.17):
 *
 *   stor-[01:12].example.com     zero-padded when the start has a leading zero
 *   db-[a:c]                     letters, in string.ascii_letters order (a–z then A–Z)
 *   web[1:9:2]:2222              optional step; a trailing `:port` sets ansible_port
 *
 * Several ranges in one name expand left to right.
 */
import { quote, readPort } from "./host-fields";

export type HostPattern = { names: string[]; port: number | null };
export type ExpandedPattern = ({ ok: true } & HostPattern) | { ok: false; reason: string };

/** A typo like `[0:99999999]` must not make a preview with millions of hosts. */
export const MAX_RANGE_HOSTS = 10_000;
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function expandHostPattern(pattern: string): ExpandedPattern {
  const split = splitPort(pattern);
  if (!split.ok) return split;
  const names: string[] = [];
  const expanded = expandInto(split.host, names);
  if (expanded !== null) return { ok: false, reason: `${quote(pattern)}: ${expanded}` };
  return { ok: true, names, port: split.port };
}

/** Splits `host:port` and `[v6]:port`; a bare IPv6 literal has several colons and no port. */
function splitPort(pattern: string):
  | { ok: true; host: string; port: number | null }
  | {
      ok: false;
      reason: string;
    } {
  const bracketed = /^\[([^\]]*:[^\]]*)\]:(\d+)$/.exec(pattern);
  const outside = pattern.replace(/\[[^\]]*\]/g, "");
  const colons = outside.split(":").length - 1;
  const portText =
    bracketed?.[2] ?? (colons === 1 ? pattern.slice(pattern.lastIndexOf(":") + 1) : null);
  if (portText === null) return { ok: true, host: pattern, port: null };
  const port = readPort(portText);
  if (port === null)
    return { ok: false, reason: `${quote(pattern)} has a bad port ${quote(portText)}` };
  const host = bracketed?.[1] ?? pattern.slice(0, pattern.lastIndexOf(":"));
  return { ok: true, host, port };
}

/** Appends the expansion of `name` to `out`; returns why it cannot be expanded, or null. */
function expandInto(name: string, out: string[]): string | null {
  const open = name.indexOf("[");
  if (open < 0) {
    if (name.includes("]")) return `"]" without "["`;
    out.push(name);
    return out.length > MAX_RANGE_HOSTS ? `expands to more than ${MAX_RANGE_HOSTS} hosts` : null;
  }
  const close = name.indexOf("]", open);
  if (close < 0) return `"[" without "]"`;
  const values = rangeValues(name.slice(open + 1, close));
  if (typeof values === "string") return values;
  for (const value of values) {
    const failed = expandInto(`${name.slice(0, open)}${value}${name.slice(close + 1)}`, out);
    if (failed !== null) return failed;
  }
  return null;
}

function rangeValues(range: string): string[] | string {
  const [start = "", end = "", stepText, ...rest] = range.split(":");
  if (rest.length > 0 || !range.includes(":"))
    return `[${range}] is not [start:end] or [start:end:step]`;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!/^\d+$/.test(stepText ?? "1") || step < 1)
    return `the step of [${range}] is not a positive number`;
  if (end === "") return `[${range}] has no end`;
  if (LETTERS.includes(start) && start.length === 1 && LETTERS.includes(end) && end.length === 1) {
    return letterRange(start, end, step, range);
  }
  return numberRange(start === "" ? "0" : start, end, step, range);
}

function letterRange(start: string, end: string, step: number, range: string): string[] | string {
  const from = LETTERS.indexOf(start);
  const to = LETTERS.indexOf(end);
  if (from > to) return `[${range}] starts after it ends`;
  const values: string[] = [];
  for (let i = from; i <= to; i += step) values.push(LETTERS[i] ?? "");
  return values;
}

function numberRange(start: string, end: string, step: number, range: string): string[] | string {
  if (!/^\d+$/.test(start) || !/^\d+$/.test(end))
    return `[${range}] is neither numbers nor letters`;
  // A leading zero asks for zero-padding, which only makes sense when both ends have one width.
  const width = start.length > 1 && start.startsWith("0") ? start.length : 0;
  if (width > 0 && end.length !== width)
    return `[${range}] has a padded start but an end of another width`;
  const from = Number(start);
  const to = Number(end);
  if (from > to) return `[${range}] starts after it ends`;
  if ((to - from) / step >= MAX_RANGE_HOSTS) return `expands to more than ${MAX_RANGE_HOSTS} hosts`;
  const values: string[] = [];
  for (let i = from; i <= to; i += step) values.push(String(i).padStart(width, "0"));
  return values;
}

/*
 * Small helpers shared by the md parsers (mdstat, mdadm --detail, --examine, --detail --scan).
 * They never throw: every conversion returns null when the text is not what it should be, and the
 * caller turns that into a ParseResult failure naming the line.
 */

import { lineEnd, trimmedSlice } from "./text-lines";

/** What went wrong on one line; the caller adds the line number. */
export type LineIssue = { expected: string; got: string };

/**
 * Splits on LF and CRLF alike, so pastes from Windows terminals parse the same: the same lines
 * as `text.split(/\r?\n/)`, cut with indexOf, which skips the regex split's matching.
 */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  for (let start = 0; start <= text.length; ) {
    const end = lineEnd(text, start);
    lines.push(lineText(text, start, end));
    start = end + 1;
  }
  return lines;
}

/**
 * One line of splitLines() (from `start` to its "\n" at `end`), for parsers that walk the text
 * line by line without building the array first.
 */
export function lineText(text: string, start: number, end: number): string {
  const isCrlf = end < text.length && end > start && text.charCodeAt(end - 1) === 13;
  return text.slice(start, isCrlf ? end - 1 : end);
}

/** A non-negative decimal integer that fits a JS number exactly, else null. */
export function toCount(text: string): number | null {
  // The digit test is a loop rather than /^\d{1,16}$/: these run on every number of every line.
  const digits = digitRun(text, 0);
  if (digits === 0 || digits > 16 || digits !== text.length) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** A non-negative decimal (e.g. `23.4`, `4.6`), else null: /^\d{1,16}(?:\.\d{1,6})?$/. */
export function toDecimal(text: string): number | null {
  const whole = digitRun(text, 0);
  if (whole === 0 || whole > 16) return null;
  if (whole !== text.length) {
    const fraction = text.charCodeAt(whole) === 46 ? digitRun(text, whole + 1) : 0;
    if (fraction === 0 || fraction > 6 || whole + 1 + fraction !== text.length) return null;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** How many ASCII digits (what /\d/ matches) follow `from`. */
function digitRun(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    i++;
  }
  return i - from;
}

/**
 * mdadm prints `%18s : %s`. Values may contain colons (times, UUIDs) but never " : ", so the
 * first " : " splits key from value. An empty value prints as a trailing " :".
 */
export function splitKeyValue(line: string): { key: string; value: string } | null {
  // Searched in the whole line rather than in line.trimEnd(): a first " : " that runs into the
  // trailing blanks is the " :" ending the trimmed line, and gives the same empty value.
  let index = line.indexOf(" : ");
  let value = "";
  if (index >= 0) {
    value = trimmedSlice(line, index + 3, line.length);
  } else {
    const trimmed = line.trimEnd();
    if (!trimmed.endsWith(" :")) return null;
    index = trimmed.length - 2;
  }
  const key = trimmedSlice(line, 0, index);
  return key === "" ? null : { key, value };
}

/** `sysrescue:0  (local to host sysrescue)` → value and host; mdadm appends it to Name/UUID. */
export function splitLocalToHost(value: string): { value: string; host: string | null } {
  const marker = "(local to host ";
  const index = value.lastIndexOf(marker);
  if (index < 0 || !value.endsWith(")")) return { value, host: null };
  const host = value.slice(index + marker.length, -1).trim();
  return { value: value.slice(0, index).trim(), host: host === "" ? null : host };
}

/**
 * Event counters: 1.x and newer 0.90 output print one integer; --detail on 0.90 (and old
 * --examine) prints `hi.lo` of the two 32-bit halves.
 */
export function parseEvents(value: string): number | null {
  const split = /^(\d{1,10})\.(\d{1,10})$/.exec(value);
  if (split) {
    const high = toCount(split[1] ?? "");
    const low = toCount(split[2] ?? "");
    if (high === null || low === null || low > 0xffffffff) return null;
    const total = high * 0x100000000 + low;
    return Number.isSafeInteger(total) ? total : null;
  }
  return toCount(value);
}

/** Leading integer of `786432 (768.00 MiB 805.31 MB)` or `200704 sectors (…)`, with its unit. */
export function parseSize(value: string): { amount: number; unit: string | null } | null {
  const match = /^(\d+)(?:\s+(sectors|KiB|K))?(?:\s+\([^()]*\))?$/.exec(value);
  if (!match) return null;
  const amount = toCount(match[1] ?? "");
  return amount === null ? null : { amount, unit: match[2] ?? null };
}

/** `512K` → 512. */
export function parseKibSuffix(value: string): number | null {
  const match = /^(\d+)\s?K(?:iB)?$/.exec(value);
  return match ? toCount(match[1] ?? "") : null;
}

/** `24% complete` → 24. */
export function parsePercentComplete(value: string): number | null {
  const match = /^(\d{1,3})% complete$/.exec(value);
  const percent = match ? toCount(match[1] ?? "") : null;
  return percent !== null && percent <= 100 ? percent : null;
}

/** Device-state words as mdadm prints them (`active`, `set-A`, `write-mostly`, `failfast`). */
export function isStateWord(word: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(word);
}

/** Table lookup by untrusted text: `__proto__` or `constructor` must not hit Object.prototype. */
export function lookup<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Builds a record without letting a key such as `__proto__` touch the prototype. */
export function toRecord(entries: Array<[string, string]>): Record<string, string> {
  // What Object.fromEntries builds, without its iterator protocol: a plain assignment is an own
  // data property for every key but `__proto__`, the one accessor Object.prototype has.
  const record: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key === "__proto__") {
      Object.defineProperty(record, key, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else {
      record[key] = value;
    }
  }
  return record;
}

/*
 * Kernel and storage-daemon log lines, in whatever form an operator pastes them:
 *
 *   [ 1234.567890] md/raid1:md0: Disk failure on sdb1, disabling device.       dmesg
 *   [Mon Nov 20 10:00:00 2023] nfs: server fs1 not responding, still trying     dmesg -T
 *   Nov 20 10:00:00 host kernel: XFS (dm-3): log I/O error -5                   journalctl -k, syslog
 *   2023-11-20T10:00:00+0000 host kernel: ata3: hard resetting link             journalctl -o short-iso
 *   23:54:39,681 INFO kernel:md/raid1:md0: not clean -- starting background reconstruction  (anaconda)
 *
 * Also `<3>` priority prefixes (dmesg -r), `kern  :err   : ` (dmesg -x), /dev/kmsg records
 * (`6,339,5140900,-;msg`) and `dmesg --time-format=iso`. Sources: dmesg(1), journalctl(1),
 * Documentation/ABI/testing/dev-kmsg; util-linux 2.23 – 2.40, systemd 219 – 255.
 */
import type { KernelLog, KernelLogLine, KernelTimestamp, ParseResult } from "@holmes/core";
import { parsed, parseFailure } from "@holmes/core";
import { classifyKernelMessage } from "./kmsg-events";
import { hostTagBounds, monotonicSeconds, syslogStampLength } from "./kmsg-scan";
import { lineEnd } from "./text-lines";

const LEVELS = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts `dmesg --color` codes
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

const CTIME = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}:\d{2}:\d{2}) (\d{4})\] ?/;
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})([.,]\d{1,9})?(Z|[+-]\d{2}:?\d{2})? /;
const ANACONDA = /^(\d{2}:\d{2}:\d{2},\d{3}) ([A-Z]+) ([^:\s]+):/;
const KMSG_RECORD = /^(\d{1,4}),\d+,(\d{1,20}),[^;]{0,8};/;
const PRIORITY = /^<(\d{1,3})>/;
const DMESG_X =
  /^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7]) *:([a-z]{3,6}) *: /;

type Frame = KernelLogLine;

/**
 * Never fails on text: an unknown line is kept with a null event. Only a NUL byte, which no
 * log writer emits, marks the input as binary (a core file or a journal file pasted raw).
 */
export function parseKernelLog(
  text: string,
  context: { year?: number } = {},
): ParseResult<KernelLog> {
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    const start = text.lastIndexOf("\n", nul) + 1;
    const end = text.indexOf("\n", nul);
    const line = text.slice(0, nul).split("\n").length;
    const shown = text.slice(start, end === -1 ? undefined : end);
    return parseFailure("text log lines (found a NUL byte)", shown, { line });
  }
  const year = validYear(context.year);
  // One search of the whole text spares the per-line search in the usual uncoloured log.
  const hasColour = text.includes("\x1b");
  const lines: KernelLogLine[] = [];
  let eventCount = 0;
  // Lines are cut with indexOf rather than split: no array of them is built, and split is
  // markedly slower on the two-byte strings that one non-Latin-1 character makes of a log.
  for (let start = 0, lineNumber = 1; start <= text.length; lineNumber++) {
    const end = lineEnd(text, start);
    const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (isBlank(raw)) continue;
    const clean = hasColour && raw.includes("\x1b") ? raw.replace(ANSI, "") : raw;
    const line = frameLine(trimEnd(clean), year, lineNumber, raw);
    line.event = classifyKernelMessage(line.message);
    if (line.event) eventCount++;
    lines.push(line);
  }
  return parsed({ lines, eventCount });
}

/** One fixed-shape object per line, filled in place by the format readers. */
function frameLine(line: string, year: number | null, lineNumber: number, raw: string): Frame {
  const frame: Frame = {
    lineNumber,
    raw,
    timestamp: null,
    monotonicSeconds: null,
    host: null,
    source: null,
    level: null,
    message: line,
    event: null,
  };
  // Only `<` or a lower-case facility name can start a level prefix; most lines start a stamp.
  const first = line.charCodeAt(0);
  const hasLevel = first === 60 || (first >= 97 && first <= 122);
  const rest = hasLevel ? takeLevel(frame, line) : line;
  const code = rest === line ? first : rest.charCodeAt(0);
  if (code === 91 /* [ */) return bracketed(frame, rest);
  if (code >= 48 && code <= 57) return numeric(frame, rest);
  if (code >= 65 && code <= 90) return syslogLine(frame, rest, year);
  frame.message = rest;
  return frame;
}

/** `<3>` (dmesg -r) or `kern  :err   : ` (dmesg -x) before the timestamp. */
function takeLevel(frame: Frame, line: string): string {
  const priority = line.charCodeAt(0) === 60 ? PRIORITY.exec(line) : null;
  if (priority) {
    frame.level = LEVELS[Number(priority[1]) & 7] ?? null;
    return line.slice(priority[0].length);
  }
  const first = line.charCodeAt(0);
  const facility = first >= 97 && first <= 122 ? DMESG_X.exec(line) : null;
  if (facility) {
    frame.level = facility[1] === "warn" ? "warning" : (facility[1] ?? null);
    return line.slice(facility[0].length);
  }
  return line;
}

function bracketed(frame: Frame, line: string): Frame {
  const seconds = monotonicSeconds(line);
  if (seconds !== -1) {
    const end = line.indexOf("]");
    frame.timestamp = { kind: "monotonic", seconds };
    frame.message = line.slice(line.charCodeAt(end + 1) === 32 ? end + 2 : end + 1);
    return frame;
  }
  const ctime = CTIME.exec(line);
  const month = ctime ? monthNumberAt(line, 5) : null;
  if (ctime && month) {
    const text = line.slice(1, ctime[0].trimEnd().length - 1);
    const iso = `${ctime[4]}-${month}-${pad(ctime[2])}T${ctime[3]}`;
    frame.timestamp = { kind: "wallclock", text, iso };
    frame.message = line.slice(ctime[0].length);
    return frame;
  }
  frame.message = line;
  return frame;
}

/** ISO-8601 (journal short-iso, dmesg --time-format=iso), anaconda, or a /dev/kmsg record. */
function numeric(frame: Frame, line: string): Frame {
  // `2023-` and `23:` tell the two stamps apart before either regex runs.
  const iso = line.charCodeAt(4) === 45 /* - */ ? ISO.exec(line) : null;
  if (iso) {
    const [whole, base = "", fraction = "", zone = ""] = iso;
    const offset = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const stamp: KernelTimestamp = {
      kind: "wallclock",
      text: whole.trimEnd(),
      iso: `${base}${fraction.replace(",", ".")}${offset}`,
    };
    frame.timestamp = stamp;
    // dmesg writes a comma before the fraction and no host; journalctl a dot and a host.
    if (fraction.startsWith(",")) frame.message = line.slice(whole.length);
    else hostAndTag(frame, line, whole.length);
    return frame;
  }
  const anaconda = line.charCodeAt(2) === 58 /* : */ ? ANACONDA.exec(line) : null;
  if (anaconda) {
    frame.timestamp = { kind: "wallclock", text: anaconda[1] ?? "", iso: null };
    frame.level = lowerCase(anaconda[2]);
    frame.source = anaconda[3] ?? null;
    frame.message = line.slice(anaconda[0].length);
    return frame;
  }
  return kmsgRecord(frame, line);
}

function kmsgRecord(frame: Frame, line: string): Frame {
  const record = KMSG_RECORD.exec(line);
  if (!record) {
    frame.message = line;
    return frame;
  }
  frame.level = LEVELS[Number(record[1]) & 7] ?? null;
  frame.timestamp = { kind: "monotonic", seconds: Number(record[2]) / 1e6 };
  frame.message = line.slice(record[0].length);
  return frame;
}

/** `Nov 20 10:00:00[.123456] host tag[pid]: message`; the year only comes from the caller. */
function syslogLine(frame: Frame, line: string, year: number | null): Frame {
  const length = syslogStampLength(line);
  const month = length === -1 ? null : monthNumberAt(line, 0);
  if (month === null) {
    frame.message = line;
    return frame;
  }
  const text = line.slice(0, length - 1);
  const iso =
    year === null ? null : `${year}-${month}-${pad(line.slice(4, 6))}T${line.slice(7, length - 1)}`;
  frame.timestamp = { kind: "wallclock", text, iso };
  hostAndTag(frame, line, length);
  return frame;
}

/** `host tag[pid]: message` from `from` on in `line`. */
function hostAndTag(frame: Frame, line: string, from: number): void {
  const bounds = hostTagBounds(line, from);
  if (bounds === null) {
    frame.message = line.slice(from);
    return;
  }
  frame.host = line.slice(from, bounds.hostEnd);
  frame.source = line.slice(bounds.hostEnd + 1, bounds.tagEnd);
  const message = line.slice(bounds.messageStart);
  // rsyslog keeps the kernel's own `[  12.345678] ` inside the message.
  const seconds = message.charCodeAt(0) === 91 ? monotonicSeconds(message) : -1;
  if (seconds === -1) {
    frame.message = message;
    return;
  }
  const end = message.indexOf("]");
  frame.monotonicSeconds = seconds;
  frame.message = message.slice(message.charCodeAt(end + 1) === 32 ? end + 2 : end + 1);
}

const MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
/** "01"–"12" by the character codes of the month's name, so no three-letter string is cut. */
const MONTH_NUMBERS = new Map(
  MONTH_NAMES.map((name, i) => [monthKey(name, 0), String(i + 1).padStart(2, "0")]),
);

/** The number of the month named at `at` by three ASCII letters (checked by the caller), or null. */
function monthNumberAt(line: string, at: number): string | null {
  return MONTH_NUMBERS.get(monthKey(line, at)) ?? null;
}

function monthKey(text: string, at: number): number {
  return (text.charCodeAt(at) << 14) | (text.charCodeAt(at + 1) << 7) | text.charCodeAt(at + 2);
}

function pad(day: string | undefined): string {
  const trimmed = (day ?? "").trim();
  return trimmed.length === 1 ? `0${trimmed}` : trimmed;
}

/** anaconda's level names lower-cased once, not by a toLowerCase (a runtime call) per line. */
const LOWER_LEVELS = new Map(
  ["DEBUG", "INFO", "WARN", "WARNING", "ERR", "ERROR", "CRIT", "CRITICAL"].map((level) => [
    level,
    level.toLowerCase(),
  ]),
);

function lowerCase(level: string | undefined): string | null {
  if (level === undefined) return null;
  return LOWER_LEVELS.get(level) ?? level.toLowerCase();
}

/** Cheap checks first: almost every log line starts and ends with a visible character. */
function isBlank(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === "");
}

function trimEnd(line: string): string {
  return line.charCodeAt(line.length - 1) <= 32 ? line.trimEnd() : line;
}

function validYear(year: number | undefined): number | null {
  return year !== undefined && Number.isInteger(year) && year >= 1970 && year <= 9999 ? year : null;
}

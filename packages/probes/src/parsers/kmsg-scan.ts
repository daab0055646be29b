/*
 * Hand-written scanners for the prefixes nearly every log line carries: the dmesg uptime stamp
 * `[  1234.567890]`, the syslog stamp `Nov 20 10:00:00[.123456] ` and the `host tag[pid]: `
 * after it, and the driver prefixes most storage messages start with (`md/raid1:md0: `,
 * `XFS (dm-0): `, `ata3.00: `). Each stands in for an anchored regex whose match array and
 * capture strings cost more than the rest of a line's framing, and each accepts exactly what
 * that regex accepts (the regex is quoted in its comment; kmsg-scan.test.ts checks the two agree).
 */

/**
 * The seconds of a `[  1234.567890]` uptime stamp at the start of `line`, which the caller has
 * seen begin with "[", or -1 when there is none: /^\[ *(\d{1,10}\.\d{1,9})\]/, and equal to
 * Number() of the captured text. Read in the same pass that checks the stamp: up to 15 digits
 * form an integer below 2^53, and one division by an exact power of ten rounds exactly as parsing
 * the decimal does; longer stamps, which no kernel prints, go through Number(). Saves a slice and
 * a string-to-number per dmesg line.
 */
export function monotonicSeconds(line: string): number {
  let i = 1;
  while (line.charCodeAt(i) === 32) i++;
  const wholeStart = i;
  let digits = 0;
  for (let code = line.charCodeAt(i); isDigit(code); code = line.charCodeAt(++i)) {
    digits = digits * 10 + (code - 48);
  }
  const whole = i - wholeStart;
  if (whole === 0 || whole > 10 || line.charCodeAt(i) !== 46) return -1;
  const fractionStart = ++i;
  let scale = 1;
  for (let code = line.charCodeAt(i); isDigit(code); code = line.charCodeAt(++i)) {
    digits = digits * 10 + (code - 48);
    scale *= 10;
  }
  const fraction = i - fractionStart;
  if (fraction === 0 || fraction > 9 || line.charCodeAt(i) !== 93) return -1;
  return whole + fraction > 15 ? Number(line.slice(wholeStart, i)) : digits / scale;
}

/**
 * Length of the syslog stamp at the start of `line`, its trailing space included, or -1:
 * /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? /.
 */
export function syslogStampLength(line: string): number {
  const isMonth =
    isUpper(line.charCodeAt(0)) && isLower(line.charCodeAt(1)) && isLower(line.charCodeAt(2));
  const day = line.charCodeAt(4);
  const isDay = (day === 32 || isDigit(day)) && isDigit(line.charCodeAt(5));
  if (!isMonth || !isDay || line.charCodeAt(3) !== 32 || line.charCodeAt(6) !== 32) return -1;
  if (!isClock(line, 7)) return -1;
  let i = 15;
  if (line.charCodeAt(i) === 46) {
    const fractionStart = ++i;
    while (isDigit(line.charCodeAt(i))) i++;
    if (i === fractionStart || i - fractionStart > 9) return -1;
  }
  return line.charCodeAt(i) === 32 ? i + 1 : -1;
}

/** `hh:mm:ss` (any digits) at `at`. */
function isClock(line: string, at: number): boolean {
  return (
    isDigit(line.charCodeAt(at)) &&
    isDigit(line.charCodeAt(at + 1)) &&
    line.charCodeAt(at + 2) === 58 &&
    isDigit(line.charCodeAt(at + 3)) &&
    isDigit(line.charCodeAt(at + 4)) &&
    line.charCodeAt(at + 5) === 58 &&
    isDigit(line.charCodeAt(at + 6)) &&
    isDigit(line.charCodeAt(at + 7))
  );
}

/** Where the host and the tag of a `host tag[pid]: ` prefix end, and where the message starts. */
export type HostTagBounds = { hostEnd: number; tagEnd: number; messageStart: number };

/**
 * `host tag[pid]: ` at `from` in `line` (the rest of the line after its stamp), or null:
 * /^(\S+) ([^\s:[]+)(?:\[\d+\])?: ?/. Indexes are into `line`, so no rest string is cut.
 */
export function hostTagBounds(line: string, from = 0): HostTagBounds | null {
  let i = from;
  while (i < line.length && !isRegexSpace(line.charCodeAt(i))) i++;
  const hostEnd = i;
  if (hostEnd === from || line.charCodeAt(hostEnd) !== 32) return null;
  i++;
  while (i < line.length && isTagChar(line.charCodeAt(i))) i++;
  const tagEnd = i;
  if (tagEnd === hostEnd + 1) return null;
  if (line.charCodeAt(i) === 91) {
    let j = i + 1;
    while (isDigit(line.charCodeAt(j))) j++;
    if (j > i + 1 && line.charCodeAt(j) === 93) i = j + 1;
  }
  if (line.charCodeAt(i) !== 58) return null;
  i++;
  return { hostEnd, tagEnd, messageStart: line.charCodeAt(i) === 32 ? i + 1 : i };
}

/** `[^\s:[]` */
function isTagChar(code: number): boolean {
  return code !== 58 && code !== 91 && !isRegexSpace(code);
}

/**
 * Index of the ": " after the array in `md/raid1:md0: rest`, or -1:
 * /^md\/[a-z0-9]+:([^:\s]+): /. The array name starts after the first ":".
 */
export function mdArrayEnd(message: string): number {
  if (!message.startsWith("md/")) return -1;
  let i = 3;
  while (isLower(message.charCodeAt(i)) || isDigit(message.charCodeAt(i))) i++;
  if (i === 3 || message.charCodeAt(i) !== 58) return -1;
  const end = tokenBefore(message, i + 1, 58);
  return end !== -1 && message.charCodeAt(end + 1) === 32 ? end : -1;
}

/**
 * Index of the `)` or `"` closing the device in `XFS (dm-0): rest` (2.6.39+) or
 * `Filesystem "dm-0": rest` (older), or -1: /^(?:XFS \(([^)\s]+)\)|Filesystem "([^"\s]+)"): /.
 * The device starts at 5 or 12, and the rest 3 after the returned index.
 */
export function xfsDeviceEnd(message: string): number {
  let close = -1;
  if (message.startsWith("XFS (")) close = tokenBefore(message, 5, 41);
  else if (message.startsWith('Filesystem "')) close = tokenBefore(message, 12, 34);
  return close !== -1 &&
    message.charCodeAt(close + 1) === 58 &&
    message.charCodeAt(close + 2) === 32
    ? close
    : -1;
}

/** Index of the ":" after the port in `ata3: ` or `ata3.00: `, or -1: /^(ata\d+(?:\.\d+)?): /. */
export function ataPortEnd(message: string): number {
  if (!message.startsWith("ata")) return -1;
  let i = digitsEnd(message, 3);
  if (i === 3) return -1;
  if (message.charCodeAt(i) === 46) {
    const fractionEnd = digitsEnd(message, i + 1);
    if (fractionEnd === i + 1) return -1;
    i = fractionEnd;
  }
  return message.charCodeAt(i) === 58 && message.charCodeAt(i + 1) === 32 ? i : -1;
}

/**
 * Index of the `close` character ending a non-empty run of other non-`\s` characters that
 * starts at `from`, or -1 (`/[^X\s]+X/` at `from`, for close character X).
 */
function tokenBefore(text: string, from: number, close: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === close) return i === from ? -1 : i;
    if (isRegexSpace(code)) return -1;
    i++;
  }
  return -1;
}

function digitsEnd(text: string, from: number): number {
  let i = from;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** What `\s` matches in a JavaScript regex: ASCII blanks plus the Unicode space separators. */
function isRegexSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

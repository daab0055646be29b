/*
 * Hand-written scanners for the prefixes nearly every log line carries: the dmesg uptime stamp
 * `[  1234.567890]`, the syslog stamp `Nov 20 10:00:00[.123456] ` and the `host tag[pid]: `
 * after it. Each stands in for an anchored regex whose match array and capture strings cost more
 * than the rest of a line's framing, and each accepts exactly what that regex accepts (the regex
 * is quoted in its comment; kmsg.test.ts and the kmsg fuzz test pin the results).
 */

/**
 * Index of the `]` closing a `[  1234.567890]` uptime stamp at the start of `line`, which the
 * caller has seen begin with "[", or -1: /^\[ *\d{1,10}\.\d{1,9}\]/.
 */
export function monotonicEnd(line: string): number {
  let i = 1;
  while (line.charCodeAt(i) === 32) i++;
  const digitsStart = i;
  while (isDigit(line.charCodeAt(i))) i++;
  if (i === digitsStart || i - digitsStart > 10 || line.charCodeAt(i) !== 46) return -1;
  const fractionStart = ++i;
  while (isDigit(line.charCodeAt(i))) i++;
  const fraction = i - fractionStart;
  return fraction >= 1 && fraction <= 9 && line.charCodeAt(i) === 93 ? i : -1;
}

/**
 * The seconds of a stamp `monotonicEnd` accepted (`[  1234.567890]`, `]` at `end`), equal to
 * Number() of its text. Up to 15 digits the digits form an integer below 2^53, and one division
 * by an exact power of ten rounds exactly as parsing the decimal does; longer stamps, which no
 * kernel prints, go through Number(). Saves a slice and a string-to-number per dmesg line.
 */
export function secondsBefore(line: string, end: number): number {
  let from = 1;
  while (line.charCodeAt(from) === 32) from++;
  if (end - from - 1 > 15) return Number(line.slice(from, end));
  let digits = 0;
  let scale = 1;
  let isFraction = false;
  for (let i = from; i < end; i++) {
    const code = line.charCodeAt(i);
    if (code === 46) isFraction = true;
    else {
      digits = digits * 10 + (code - 48);
      if (isFraction) scale *= 10;
    }
  }
  return digits / scale;
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

/** `host tag[pid]: ` at the start of `rest`, or null: /^(\S+) ([^\s:[]+)(?:\[\d+\])?: ?/. */
export function hostTagBounds(rest: string): HostTagBounds | null {
  let i = 0;
  while (i < rest.length && !isRegexSpace(rest.charCodeAt(i))) i++;
  const hostEnd = i;
  if (hostEnd === 0 || rest.charCodeAt(hostEnd) !== 32) return null;
  i++;
  while (i < rest.length && isTagChar(rest.charCodeAt(i))) i++;
  const tagEnd = i;
  if (tagEnd === hostEnd + 1) return null;
  if (rest.charCodeAt(i) === 91) {
    let j = i + 1;
    while (isDigit(rest.charCodeAt(j))) j++;
    if (j > i + 1 && rest.charCodeAt(j) === 93) i = j + 1;
  }
  if (rest.charCodeAt(i) !== 58) return null;
  i++;
  return { hostEnd, tagEnd, messageStart: rest.charCodeAt(i) === 32 ? i + 1 : i };
}

/** `[^\s:[]` */
function isTagChar(code: number): boolean {
  return code !== 58 && code !== 91 && !isRegexSpace(code);
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

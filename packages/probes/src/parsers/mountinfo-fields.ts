/*
 * The whitespace-separated fields of a mountinfo or /proc/mounts line, kept as bounds into the line
 * so that only the fields an entry keeps are sliced out, and read in place (digits, `MAJ:MIN`, the
 * `-` separator). See mountinfo.ts for the format.
 */

/**
 * A line's space-separated fields as bounds into it (field i is [starts[i], ends[i])), so only the
 * fields kept in the entry are sliced out. The arrays are reused from line to line.
 */
export type Fields = { line: string; starts: number[]; ends: number[]; count: number };

/** trim() for lines that need it: most start and end with a visible character. */
export function trimmedLine(raw: string): string {
  const isTrimmed = raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32;
  return isTrimmed ? raw : raw.trim();
}

/** Same fields as line.split(" "), recorded as bounds; false when one of them is empty. */
export function splitOnSpaces(line: string, fields: Fields): boolean {
  let count = 0;
  let hasEmpty = false;
  for (let start = 0; start !== -1; count++) {
    const space = line.indexOf(" ", start);
    const end = space === -1 ? line.length : space;
    fields.starts[count] = start;
    fields.ends[count] = end;
    if (end === start) hasEmpty = true;
    start = space === -1 ? -1 : space + 1;
  }
  fields.line = line;
  fields.count = count;
  return !hasEmpty;
}

/**
 * Same fields as line.split(/\s+/). Cut by hand for ASCII lines; a line with other characters,
 * some of which \s counts as blanks, is folded by the regex and split again.
 */
export function splitOnBlankRuns(line: string, fields: Fields): void {
  if (!isAscii(line)) {
    splitOnSpaces(line.split(/\s+/).join(" "), fields);
    return;
  }
  // The line is trimmed, so it starts with a field and ends with one.
  let count = 0;
  for (let i = 0; i < line.length; count++) {
    fields.starts[count] = i;
    while (i < line.length && !isAsciiBlank(line.charCodeAt(i))) i++;
    fields.ends[count] = i;
    while (i < line.length && isAsciiBlank(line.charCodeAt(i))) i++;
  }
  fields.line = line;
  fields.count = count;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** The ASCII characters \s matches: tab, LF, VT, FF, CR and space. */
function isAsciiBlank(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** The fields joined by single spaces: the line as an error message quotes it. */
export function fieldsText(fields: Fields): string {
  let text = field(fields, 0);
  for (let i = 1; i < fields.count; i++) text += ` ${field(fields, i)}`;
  return text;
}

export function fieldStart(fields: Fields, index: number): number {
  return fields.starts[index] ?? 0;
}

export function fieldEnd(fields: Fields, index: number): number {
  return fields.ends[index] ?? 0;
}

export function field(fields: Fields, index: number): string {
  return fields.line.slice(fieldStart(fields, index), fieldEnd(fields, index));
}

/** Number() of a field known to be digits. */
export function fieldNumber(fields: Fields, index: number): number {
  return digitsValue(fields.line, fieldStart(fields, index), fieldEnd(fields, index));
}

/** The first field from the seventh on that is a lone "-", or -1. */
export function separatorIndex(fields: Fields): number {
  for (let i = 6; i < fields.count; i++) {
    const at = fieldStart(fields, i);
    if (fieldEnd(fields, i) === at + 1 && fields.line.charCodeAt(at) === 45) return i;
  }
  return -1;
}

/** Index of the ":" in a third field of the form `\d+:\d+`, or -1. */
export function majorMinorColon(fields: Fields): number {
  if (fields.count < 3) return -1;
  const { line } = fields;
  const start = fieldStart(fields, 2);
  const end = fieldEnd(fields, 2);
  const colon = line.indexOf(":", start);
  if (colon === -1 || colon >= end) return -1;
  return isDigitRun(line, start, colon) && isDigitRun(line, colon + 1, end) ? colon : -1;
}

export function isDigits(fields: Fields, index: number): boolean {
  const isField = index < fields.count;
  return isField && isDigitRun(fields.line, fieldStart(fields, index), fieldEnd(fields, index));
}

/** `^\d+$` over [from, to). */
function isDigitRun(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Number() of a digit run; summed by hand while exact (15 digits), else left to Number(). */
export function digitsValue(text: string, from: number, to: number): number {
  if (to - from > 15) return Number(text.slice(from, to));
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

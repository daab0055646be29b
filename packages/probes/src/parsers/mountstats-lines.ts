/*
 * Lines of /proc/self/mountstats as bounds into the capture rather than sliced-out strings. Most
 * lines of a snapshot are rows of counters, and reading them in place skips a slice per line (and
 * reads faster than a sliced string). Same trimming as text-lines.ts trimmedSlice().
 */
import { trimmedSlice } from "./text-lines";

/**
 * A trimmed line: [from, to) of `text`, and its 1-based number for errors. One object per parse
 * call is moved from line to line (nothing keeps a line), rather than one allocated per line.
 */
export type Line = { text: string; from: number; to: number; number: number };

/**
 * Moves `line` to the line between `start` and `end` (its "\n"), trimmed like
 * String.prototype.trim(). An edge outside ASCII may be a Unicode space, so such a line is
 * trimmed as its own string instead.
 */
export function moveToLine(line: Line, text: string, start: number, end: number): void {
  let from = start;
  let to = end;
  while (from < to && isAsciiSpace(text.charCodeAt(from))) from++;
  while (to > from && isAsciiSpace(text.charCodeAt(to - 1))) to--;
  line.number++;
  if (from < to && (text.charCodeAt(from) > 127 || text.charCodeAt(to - 1) > 127)) {
    const copy = trimmedSlice(text, start, end);
    line.text = copy;
    line.from = 0;
    line.to = copy.length;
    return;
  }
  line.text = text;
  line.from = from;
  line.to = to;
}

/** The line as a string, for error messages and the rare lines parsed by regex. */
export function lineText(line: Line): string {
  return line.text.slice(line.from, line.to);
}

export function hasPrefix(line: Line, prefix: string): boolean {
  return line.to - line.from >= prefix.length && isTextAt(line.text, line.from, prefix);
}

/** Whether `word` appears in `text` at `at`, compared in place: no slice of the line is made. */
export function isTextAt(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** Index of the first `char` in the line, or -1; never looks past the line's end. */
export function indexInLine(line: Line, char: string): number {
  const at = line.text.indexOf(char, line.from);
  return at === -1 || at >= line.to ? -1 : at;
}

/** The ASCII characters trim() removes: tab, LF, VT, FF, CR and space. */
export function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/*
 * Line cutting for the text parsers whose captures run to hundreds of lines per snapshot.
 * `text.split("\n")` followed by `trim()` allocates every line twice and builds an array the
 * parser only walks once; these cut one trimmed slice per line straight from the text.
 */

/** Index of the "\n" that ends the line starting at `start`, or text.length for the last line. */
export function lineEnd(text: string, start: number): number {
  const newline = text.indexOf("\n", start);
  return newline === -1 ? text.length : newline;
}

/** Same as `text.slice(start, end).trim()`. */
export function trimmedSlice(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from < to && isAsciiSpace(text.charCodeAt(from))) from++;
  while (to > from && isAsciiSpace(text.charCodeAt(to - 1))) to--;
  const line = text.slice(from, to);
  // trim() also strips Unicode spaces (NBSP, U+2028, U+3000…); edges outside ASCII go to it.
  const hasWideEdge = from < to && (text.charCodeAt(from) > 127 || text.charCodeAt(to - 1) > 127);
  return hasWideEdge ? line.trim() : line;
}

/** The ASCII characters trim() removes: tab, LF, VT, FF, CR and space. */
function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

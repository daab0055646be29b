/**
 * POSIX shell quoting for the one place argv becomes text: the composite probe script that an SSH
 * server hands to the remote user's shell. Single quotes are the only quoting whose meaning is
 * identical in sh, dash, bash, ksh and zsh (nothing expands inside them), so every word that is not
 * plainly safe is single-quoted and an embedded `'` is written as `'\''`.
 */

/** Characters that mean nothing to any POSIX shell, so a word made only of them can stay bare. */
const BARE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * As a command's first word, `NAME=value` is an assignment and `%1` is a job spec, so a first word
 * that looks like either is quoted even though its characters are safe.
 */
const UNSAFE_FIRST_WORD = /^(?:[A-Za-z_][A-Za-z0-9_]*=|%)/;

export function quoteShellWord(word: string, isFirstWord = false): string {
  if (BARE_WORD.test(word) && !(isFirstWord && UNSAFE_FIRST_WORD.test(word))) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}

export function toShellLine(argv: readonly string[]): string {
  return argv.map((word, index) => quoteShellWord(word, index === 0)).join(" ");
}

const BARE_CHAR = /[A-Za-z0-9_@%+=:,./-]/;
const ESCAPED_QUOTE = "'\\''";

/**
 * The inverse of `toShellLine`, and nothing more: bare words and single-quoted words separated by
 * one space. Anything a shell would interpret (`;`, `$(`, backticks, `|`, `>`, double quotes, extra
 * spaces, a word quoted where `toShellLine` would have left it bare) returns null, so a line that
 * parses is exactly one `toShellLine` could have produced.
 */
export function splitShellLine(line: string): string[] | null {
  const words: string[] = [];
  let index = 0;
  while (index < line.length) {
    const word = line[index] === "'" ? readQuotedWord(line, index) : readBareWord(line, index);
    if (!word) return null;
    words.push(word.value);
    index = word.end;
    if (index === line.length) break;
    if (line[index] !== " " || index + 1 === line.length) return null;
    index += 1;
  }
  if (words.length === 0) return null;
  return toShellLine(words) === line ? words : null;
}

type ReadWord = { value: string; end: number } | null;

function readBareWord(line: string, start: number): ReadWord {
  let end = start;
  while (end < line.length && BARE_CHAR.test(line.charAt(end))) end += 1;
  return end === start ? null : { value: line.slice(start, end), end };
}

/** Reads `'…'` with `'\''` joins, starting at the opening quote. */
function readQuotedWord(line: string, start: number): ReadWord {
  let value = "";
  let index = start + 1;
  for (;;) {
    const close = line.indexOf("'", index);
    if (close === -1) return null;
    value += line.slice(index, close);
    if (!line.startsWith(ESCAPED_QUOTE, close)) return { value, end: close + 1 };
    value += "'";
    index = close + ESCAPED_QUOTE.length;
  }
}

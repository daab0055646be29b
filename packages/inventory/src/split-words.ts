/*
 * Word splitting for the two line formats:
 * - "ssh": OpenSSH argv_split(), as readconf.c uses it. Quotes group words; a backslash escapes
 *   only a quote, a backslash or (unquoted) a space and is kept before anything else; `#` at the
 *   start of a word begins a comment.
 * - "shell": Python shlex.split(comments=True), which Ansible's INI inventory uses. Outside
 *   quotes a backslash escapes any character and `#` anywhere begins a comment; inside double
 *   quotes it escapes only `"` and `\`; single quotes take everything literally.
 */
export type WordDialect = "ssh" | "shell";
export type SplitWords = { ok: true; words: string[] } | { ok: false; reason: string };

const WHITESPACE = new Set([" ", "\t", "\f", "\v"]);

export function splitWords(text: string, dialect: WordDialect): SplitWords {
  const chars = [...text];
  const words: string[] = [];
  let i = 0;
  while (i < chars.length) {
    while (WHITESPACE.has(chars[i] ?? "")) i++;
    if (i >= chars.length || chars[i] === "#") break;
    const word = readWord(chars, i, dialect);
    if (!word.ok) return word;
    words.push(word.text);
    if (word.isComment) break;
    i = word.end;
  }
  return { ok: true, words };
}

type Word =
  | { ok: true; text: string; end: number; isComment: boolean }
  | { ok: false; reason: string };

function readWord(chars: string[], start: number, dialect: WordDialect): Word {
  let text = "";
  let quote: string | null = null;
  let i = start;
  for (; i < chars.length; i++) {
    const char = chars[i] ?? "";
    if (char === "\\") {
      const escaped = readEscape(chars[i + 1], quote, dialect);
      if (escaped === null) return { ok: false, reason: "a backslash ends the line" };
      text += escaped.text;
      i += escaped.consumed - 1;
    } else if (quote !== null) {
      if (char === quote) quote = null;
      else text += char;
    } else if (WHITESPACE.has(char)) {
      break;
    } else if (char === "#" && dialect === "shell") {
      return { ok: true, text, end: i, isComment: true };
    } else if (char === '"' || char === "'") {
      quote = char;
    } else {
      text += char;
    }
  }
  if (quote !== null) return { ok: false, reason: `a ${quote} quote is not closed` };
  return { ok: true, text, end: i, isComment: false };
}

/** What a backslash followed by `next` contributes, and how many characters it uses. */
function readEscape(
  next: string | undefined,
  quote: string | null,
  dialect: WordDialect,
): { text: string; consumed: number } | null {
  if (dialect === "ssh") {
    const isEscapable =
      next === "'" || next === '"' || next === "\\" || (quote === null && next === " ");
    return isEscapable ? { text: next ?? "", consumed: 2 } : { text: "\\", consumed: 1 };
  }
  if (next === undefined) return null;
  if (quote === "'") return { text: "\\", consumed: 1 };
  if (quote === '"' && next !== '"' && next !== "\\") return { text: "\\", consumed: 1 };
  return { text: next, consumed: 2 };
}

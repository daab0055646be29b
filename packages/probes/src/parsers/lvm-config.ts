/*
 * The LVM2 configuration syntax used by text metadata (`vgcfgbackup`, /etc/lvm/backup/<vg>,
 * `pvck --dump metadata`) and lvm.conf: sections, assignments, strings, numbers, flat arrays.
 *
 *   vg0 {                                   # a section
 *       seqno = 7                           # key = number
 *       status = ["RESIZEABLE", "READ"]     # key = array
 *       device = "/dev/md1"    # Hint only  # key = string; '#' starts a comment
 *   }
 *
 * Source: LVM2 lib/config/config.c (the tokenizer and parser this mirrors).
 */
import { type ParseError, type ParseResult, parseFailure } from "@holmes/core";

export type ConfigScalar = string | number;
export type ConfigValue = ConfigScalar | ConfigScalar[];
export type ConfigEntry = { value: ConfigValue; line: number };
export type ConfigSection = {
  name: string;
  line: number;
  entries: Map<string, ConfigEntry>;
  sections: ConfigSection[];
};

type Token = {
  kind: "word" | "string" | "punct" | "end" | "unterminated";
  text: string;
  line: number;
};
type Failure = { ok: false; error: ParseError };

// Metadata nests four levels (vg > logical_volumes > lv > segment); deeper input is garbage.
const MAX_DEPTH = 16;
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const WORD = /[^\s{}[\]=,#"']+/y;
const PUNCTUATION = "{}[]=,";

/** Hand-rolled over charCodeAt: a regex per lexeme allocates match arrays and is 3× slower. */
class Tokenizer {
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  next(): Token {
    this.skipBlanksAndComments();
    const { text, pos, line } = this;
    if (pos >= text.length) return { kind: "end", text: "", line };
    const c = text.charAt(pos);
    if (PUNCTUATION.includes(c)) {
      this.pos++;
      return { kind: "punct", text: c, line };
    }
    if (c === '"' || c === "'") return this.readString(c);
    WORD.lastIndex = pos;
    // Any other whitespace (a no-break space…) matches nothing: report it as a one-char word.
    this.pos = WORD.test(text) ? WORD.lastIndex : pos + 1;
    return { kind: "word", text: text.slice(pos, this.pos), line };
  }

  private skipBlanksAndComments(): void {
    const { text } = this;
    for (; this.pos < text.length; this.pos++) {
      const code = text.charCodeAt(this.pos);
      if (code === 10) {
        this.line++;
      } else if (code === 35) {
        const end = text.indexOf("\n", this.pos);
        this.pos = (end === -1 ? text.length : end) - 1;
      } else if (code !== 32 && code !== 9 && code !== 13) {
        return;
      }
    }
  }

  // Strings may span lines; a backslash escapes the next character (\" and \\ in practice).
  private readString(quote: string): Token {
    const { text, line } = this;
    const start = this.pos;
    let i = start + 1;
    for (; i < text.length; i++) {
      const c = text.charAt(i);
      if (c === quote) break;
      if (c === "\\") i++;
      if (text.charAt(i) === "\n") this.line++;
    }
    if (i >= text.length) {
      this.pos = text.length;
      return { kind: "unterminated", text: text.slice(start, start + 40), line };
    }
    this.pos = i + 1;
    const body = text.slice(start + 1, i);
    const value = body.includes("\\") ? body.replace(/\\([\s\S])/g, "$1") : body;
    return { kind: "string", text: value, line };
  }
}

/** Parses a whole document into its top-level section (name ""), or the first syntax error. */
export function parseLvmConfig(text: string): ParseResult<ConfigSection> {
  const tokens = new Tokenizer(text);
  const root: ConfigSection = { name: "", line: 1, entries: new Map(), sections: [] };
  const error = parseBody(tokens, root, 0);
  return error === null ? { ok: true, value: root } : error;
}

function take(tokens: Tokenizer): Token | Failure {
  const token = tokens.next();
  if (token.kind !== "unterminated") return token;
  return parseFailure("a closing quote", token.text, { line: token.line });
}

function isPunct(token: Token, text: string): boolean {
  return token.kind === "punct" && token.text === text;
}

function unexpected(expected: string, token: Token): Failure {
  return parseFailure(expected, token.text || "end of input", { line: token.line });
}

function parseBody(tokens: Tokenizer, section: ConfigSection, depth: number): Failure | null {
  for (;;) {
    const token = take(tokens);
    if ("ok" in token) return token;
    if (token.kind === "end" || isPunct(token, "}")) {
      if (isPunct(token, "}") === depth > 0) return null;
      return unexpected(depth > 0 ? `"}" closing section "${section.name}"` : "a key", token);
    }
    if (token.kind !== "word") return unexpected("a key or section name", token);
    const error = parseItem(tokens, section, token, depth);
    if (error !== null) return error;
  }
}

/** What follows a name: `= value` or `{ section }`. */
function parseItem(tokens: Tokenizer, section: ConfigSection, name: Token, depth: number) {
  const next = take(tokens);
  if ("ok" in next) return next;
  if (isPunct(next, "=")) {
    const value = parseValue(tokens);
    if ("ok" in value) return value;
    section.entries.set(name.text, { value: value.value, line: name.line });
    return null;
  }
  if (!isPunct(next, "{")) return unexpected(`"=" or "{" after "${name.text}"`, next);
  if (depth >= MAX_DEPTH) return unexpected(`at most ${MAX_DEPTH} nested sections`, name);
  const child: ConfigSection = {
    name: name.text,
    line: name.line,
    entries: new Map(),
    sections: [],
  };
  section.sections.push(child);
  return parseBody(tokens, child, depth + 1);
}

function scalar(token: Token): ConfigScalar | null {
  if (token.kind === "string") return token.text;
  if (token.kind === "word" && NUMBER.test(token.text)) return Number(token.text);
  return null;
}

function parseValue(tokens: Tokenizer): Failure | { value: ConfigValue } {
  const token = take(tokens);
  if ("ok" in token) return token;
  const single = scalar(token);
  if (single !== null) return { value: single };
  if (!isPunct(token, "[")) return unexpected("a string, number or [array]", token);
  const items: ConfigScalar[] = [];
  let item = take(tokens);
  if ("ok" in item) return item;
  if (isPunct(item, "]")) return { value: items };
  for (;;) {
    const value = scalar(item);
    if (value === null) return unexpected("a string or number in the array", item);
    items.push(value);
    const separator = take(tokens);
    if ("ok" in separator) return separator;
    if (isPunct(separator, "]")) return { value: items };
    if (!isPunct(separator, ",")) return unexpected('"," or "]"', separator);
    item = take(tokens);
    if ("ok" in item) return item;
  }
}

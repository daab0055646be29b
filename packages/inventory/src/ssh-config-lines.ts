/*
 * One line of an OpenSSH client config (ssh_config(5), readconf.c):
 *
 *   Host stor-* !stor-test
 *       HostName %h.mgmt.example.com
 *       Port=2222
 *       IdentityFile "~/.ssh/holmes key"   # comment
 *
 * The keyword ends at whitespace or one `=` and is case-insensitive; the value is split like
 * argv_split(). Like ssh, a keyword without a value is an error even when the keyword is unknown.
 */
import { checkIdentityFile, checkUser, describeBadPort, quote, readPort } from "./host-fields";
import { splitWords } from "./split-words";

export type SshLine =
  | { kind: "blank" }
  | { kind: "bad"; keyword: string | null; reason: string }
  | { kind: "keyword"; keyword: string; args: string[] };

/** A setting Holmes uses; `reason` is why its value is unusable, null when it is fine. */
export type SshSetting = {
  keyword: SshKeyword;
  value: string;
  line: number;
  reason: string | null;
};

/** ssh_config keywords Holmes reads, by lowercase name, with their manual spelling. */
export const SSH_KEYWORDS = {
  hostname: "HostName",
  port: "Port",
  user: "User",
  identityfile: "IdentityFile",
  proxyjump: "ProxyJump",
  proxycommand: "ProxyCommand",
} as const;
export type SshKeyword = keyof typeof SSH_KEYWORDS;

const KEYWORD_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;

export function lexSshLine(text: string): SshLine {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return { kind: "blank" };
  const match = /^([^\s=]+)\s*(?:=\s*)?(.*)$/.exec(trimmed);
  const word = match?.[1] ?? trimmed;
  const keyword = KEYWORD_PATTERN.test(word) ? word.toLowerCase() : null;
  if (keyword === null) {
    return { kind: "bad", keyword, reason: `this line is not "Keyword value" (${quote(word)})` };
  }
  const args = splitWords(match?.[2] ?? "", "ssh");
  if (!args.ok) return { kind: "bad", keyword, reason: `${word}: ${args.reason}` };
  if (args.words.length === 0) return { kind: "bad", keyword, reason: `${word} has no value` };
  return { kind: "keyword", keyword, args: args.words };
}

export function isSshKeyword(keyword: string): keyword is SshKeyword {
  return Object.hasOwn(SSH_KEYWORDS, keyword);
}

/** Checks what does not depend on the host; HostName waits for `%h` to be expanded. */
export function readSshSetting(keyword: SshKeyword, args: string[], line: number): SshSetting {
  const name = SSH_KEYWORDS[keyword];
  // ProxyCommand is a shell command: its words are one value.
  const value = keyword === "proxycommand" ? args.join(" ") : (args[0] ?? "");
  const setting = { keyword, value, line, reason: null };
  if (args.length > 1 && keyword !== "proxycommand") {
    return { ...setting, reason: `${name} takes one value but this line has ${args.length}` };
  }
  return { ...setting, reason: checkSshValue(keyword, value) };
}

function checkSshValue(keyword: SshKeyword, value: string): string | null {
  switch (keyword) {
    case "port":
      return readPort(value) === null ? `Port ${describeBadPort(value)}` : null;
    case "user":
      if (value.includes("%"))
        return `User ${quote(value)} uses %-tokens, which Holmes cannot expand`;
      return prefixed("User ", checkUser(value));
    case "identityfile":
      return prefixed("IdentityFile: ", checkIdentityFile(value));
    default:
      return null;
  }
}

function prefixed(prefix: string, reason: string | null): string | null {
  return reason === null ? null : `${prefix}${reason}`;
}

/**
 * Expands the two tokens ssh allows in HostName: `%h` (the alias typed on the command line) and
 * `%%`. Returns null for any other token, which ssh itself rejects.
 */
export function expandHostName(value: string, alias: string): string | null {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char !== "%") {
      out += char;
      continue;
    }
    const token = value[++i];
    if (token === "h") out += alias;
    else if (token === "%") out += "%";
    else return null;
  }
  return out;
}

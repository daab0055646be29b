/*
 * Shared pieces of the kernel log classifiers: the event builder and a tiny rule engine.
 * Each rule is one anchored regex, tried in order, so a message costs at most one pass per
 * rule of its family. See kmsg-events.ts for the dispatch and kmsg.ts for the line format.
 */
import type { KernelEvent, KernelEventKind, KernelEventSeverity } from "@holmes/core";

/** A rule: an anchored regex and how to turn its match into an event. */
export type KernelRule = {
  pattern: RegExp;
  build: (match: RegExpExecArray, context: RuleContext) => KernelEvent | null;
};
/**
 * A family's rules, in order, filed by the first character of a text: `ascii[code]` holds the
 * rules a text starting with that ASCII character can match, `other` those for any other text.
 */
export type RuleSet = {
  ascii: readonly (readonly KernelRule[])[];
  other: readonly KernelRule[];
};
/** What the caller already took from a prefix (`md/raid1:md0: `, `XFS (sdb): `). */
export type RuleContext = { device: string | null; array: string | null };

const NO_CONTEXT: RuleContext = { device: null, array: null };

/**
 * An event of `kind` with every other field null; the caller assigns the fields it knows.
 * Assigning beats passing a `fields` object to spread: every event keeps one hidden class, while
 * spreading objects shaped differently at each of thirty call sites cost about 20 times as much.
 */
export function kernelEvent(kind: KernelEventKind, severity: KernelEventSeverity): KernelEvent {
  return {
    kind,
    severity,
    device: null,
    array: null,
    server: null,
    sector: null,
    block: null,
    operation: null,
    path: null,
    activeDevices: null,
    failedDevices: null,
    totalDevices: null,
    bytes: null,
    errno: null,
    flags: null,
    percent: null,
    detail: null,
  };
}

/** A kernel event about one device, with what the line said of it. */
export function deviceEvent(
  kind: KernelEventKind,
  severity: KernelEventSeverity,
  device: string | null,
  detail: string | null,
): KernelEvent {
  const event = kernelEvent(kind, severity);
  event.device = device;
  event.detail = detail;
  return event;
}

/**
 * A family's rules, filed once, at module load, under the first characters their matches can
 * start with (from the pattern's literal starts; a rule without any goes under every character).
 */
export function kernelRules(rules: readonly KernelRule[]): RuleSet {
  const filed = rules.map((rule) => ({
    rule,
    firsts: literalPrefixes(rule.pattern).map((start) => start.charCodeAt(0)),
  }));
  const rulesUnder = (isUnder: (first: number) => boolean) =>
    filed
      .filter(({ firsts }) => firsts.length === 0 || firsts.some(isUnder))
      .map(({ rule }) => rule);
  return {
    ascii: Array.from({ length: 128 }, (_, code) => rulesUnder((first) => first === code)),
    other: rulesUnder((first) => first >= 128),
  };
}

/**
 * First rule whose pattern matches `text`. Only the rules filed under its first character are
 * tried: most messages would otherwise fail several regexes of their family before one matches.
 */
export function applyRules(
  rules: RuleSet,
  text: string,
  context: RuleContext = NO_CONTEXT,
): KernelEvent | null {
  const code = text.charCodeAt(0);
  for (const rule of (code < 128 ? rules.ascii[code] : undefined) ?? rules.other) {
    const match = rule.pattern.exec(text);
    if (match) return rule.build(match, context);
  }
  return null;
}

/**
 * Literal texts one of which starts every match of an anchored pattern, or [] when the pattern
 * does not tell (no `^`, flags, a top-level `|`, a class or escape class first). `^Disk failure
 * on (…)` gives ["Disk failure on "]; `^(nfs|lockd): ` gives ["nfs", "lockd"]; an optional group
 * adds what may follow it: `^(?:PCI-)?DMA: Out` gives ["PCI-", "DMA: Out"].
 */
export function literalPrefixes(pattern: RegExp): string[] {
  const source = pattern.source;
  if (pattern.flags !== "" || !source.startsWith("^")) return [];
  return startsOf(source.slice(1));
}

/** `literalPrefixes` of a pattern's source without its `^`. */
function startsOf(source: string): string[] {
  if (topLevelBars(source).length > 0) return [];
  if (source.charAt(0) !== "(") {
    const run = literalRun(source);
    return run === "" ? [] : [run];
  }
  const close = groupEnd(source);
  // Lookarounds and named groups (`(?=`, `(?<x>`) are left to the regex.
  const isPlain = source.charAt(1) !== "?" || source.charAt(2) === ":";
  const quantifier = source.charAt(close + 1);
  if (close === -1 || !isPlain || quantifier === "{") return [];
  const body = source.slice(source.charAt(1) === "?" ? 3 : 1, close);
  const starts: string[] = [];
  for (const alternative of splitAtBars(body)) {
    const alternativeStarts = startsOf(alternative);
    if (alternativeStarts.length === 0) return [];
    starts.push(...alternativeStarts);
  }
  if (quantifier !== "?" && quantifier !== "*") return starts;
  // The group may match nothing: a match can also start with whatever follows it.
  const after = startsOf(source.slice(close + 2).replace(/^\?/, ""));
  return after.length === 0 ? [] : [...starts, ...after];
}

/**
 * The literal text at the start of a pattern source (without `^`): stops at the first group,
 * class, wildcard or escape class, and leaves out a character a quantifier makes optional
 * (`Please un?mount` gives "Please u").
 */
function literalRun(source: string): string {
  let run = "";
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    const isEscape = ch === "\\";
    const atom = isEscape ? source.charAt(i + 1) : ch;
    const isLiteral = isEscape ? ESCAPED_LITERALS.includes(atom) : !SYNTAX.includes(atom);
    const next = i + (isEscape ? 2 : 1);
    const isQuantified = next < source.length && QUANTIFIERS.includes(source.charAt(next));
    if (atom === "" || !isLiteral || isQuantified) break;
    run += atom;
    i = next;
  }
  return run;
}

const SYNTAX = "()[]{}.*+?|^$";
const QUANTIFIERS = "?*+{";
const ESCAPED_LITERALS = "\\/()[]{}.*+?|^$-: ";

/** Walks a pattern source outside escapes and classes, with the group depth at each character. */
function eachSyntax(source: string, visit: (ch: string, at: number, depth: number) => void): void {
  let depth = 0;
  let isInClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === "\\") i++;
    else if (isInClass) isInClass = ch !== "]";
    else if (ch === "[") isInClass = true;
    else {
      if (ch === ")") depth--;
      visit(ch, i, depth);
      if (ch === "(") depth++;
    }
  }
}

/** Positions of the `|` outside any group. */
function topLevelBars(source: string): number[] {
  const bars: number[] = [];
  eachSyntax(source, (ch, at, depth) => {
    if (ch === "|" && depth === 0) bars.push(at);
  });
  return bars;
}

function splitAtBars(source: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const bar of topLevelBars(source)) {
    parts.push(source.slice(from, bar));
    from = bar + 1;
  }
  parts.push(source.slice(from));
  return parts;
}

/** Index of the `)` closing the group that opens `source`, or -1. */
function groupEnd(source: string): number {
  let end = -1;
  eachSyntax(source, (ch, at, depth) => {
    if (ch === ")" && depth === 0 && end === -1) end = at;
  });
  return end;
}

/** A decimal that must stay exact; anything past 2^53 is dropped rather than rounded. */
export function toSafeInt(text: string | undefined): number | null {
  if (text === undefined) return null;
  // Callers pass `\d+` captures: summing up to 15 digits (always below 2^53) gives what Number()
  // gives, without its call into the runtime for a string it has not seen before.
  if (text.length === 0 || text.length > 15) return numberToSafeInt(text);
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return numberToSafeInt(text);
    value = value * 10 + digit;
  }
  return value;
}

function numberToSafeInt(text: string): number | null {
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** `-5`, `5`, `-16` → 5, 5, 16. */
export function toErrno(text: string | undefined): number | null {
  return toSafeInt(text?.startsWith("-") ? text.slice(1) : text);
}

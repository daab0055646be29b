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
/** A rule with the literal text every match of its pattern starts with ("" if none). */
export type PreparedRule = KernelRule & { prefix: string };
/** What the caller already took from a prefix (`md/raid1:md0: `, `XFS (sdb): `). */
export type RuleContext = { device: string | null; array: string | null };

const NO_CONTEXT: RuleContext = { device: null, array: null };

/** The fields a rule may fill in; everything it leaves out is null. */
export type KernelEventFields = Partial<Omit<KernelEvent, "kind" | "severity">>;

export function kernelEvent(
  kind: KernelEventKind,
  severity: KernelEventSeverity,
  fields: KernelEventFields = {},
): KernelEvent {
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
    ...fields,
  };
}

/** A family's rules, each with its literal prefix worked out once, at module load. */
export function kernelRules(rules: readonly KernelRule[]): readonly PreparedRule[] {
  return rules.map((rule) => ({ ...rule, prefix: literalPrefix(rule.pattern) }));
}

/**
 * First rule whose pattern matches `text`. A rule whose literal prefix `text` lacks cannot match,
 * so its regex is not run: a startsWith costs a fraction of a failed exec, and most messages
 * fail several rules of their family before one matches.
 */
export function applyRules(
  rules: readonly PreparedRule[],
  text: string,
  context: RuleContext = NO_CONTEXT,
): KernelEvent | null {
  for (const rule of rules) {
    if (rule.prefix !== "" && !text.startsWith(rule.prefix)) continue;
    const match = rule.pattern.exec(text);
    if (match) return rule.build(match, context);
  }
  return null;
}

/**
 * The literal text at the start of every match of an anchored pattern: `^Disk failure on (…)`
 * gives "Disk failure on ". Stops at the first group, class, wildcard or escape class, and
 * leaves out a character a quantifier makes optional (`^Please un?mount` gives "Please u").
 * "" for a pattern without `^`, with flags, or with a top-level `|` (whose `^` binds one side).
 */
export function literalPrefix(pattern: RegExp): string {
  const source = pattern.source;
  if (pattern.flags !== "" || !source.startsWith("^") || hasTopLevelBar(source)) return "";
  let prefix = "";
  let i = 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    const isEscape = ch === "\\";
    const atom = isEscape ? source.charAt(i + 1) : ch;
    const isLiteral = isEscape ? ESCAPED_LITERALS.includes(atom) : !SYNTAX.includes(atom);
    const next = i + (isEscape ? 2 : 1);
    const isQuantified = next < source.length && QUANTIFIERS.includes(source.charAt(next));
    if (atom === "" || !isLiteral || isQuantified) break;
    prefix += atom;
    i = next;
  }
  return prefix;
}

const SYNTAX = "()[]{}.*+?|^$";
const QUANTIFIERS = "?*+{";
const ESCAPED_LITERALS = "\\/()[]{}.*+?|^$-: ";

function hasTopLevelBar(source: string): boolean {
  let depth = 0;
  let isInClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === "\\") i++;
    else if (isInClass) isInClass = ch !== "]";
    else if (ch === "[") isInClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) return true;
  }
  return false;
}

/** A decimal that must stay exact; anything past 2^53 is dropped rather than rounded. */
export function toSafeInt(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** `-5`, `5`, `-16` → 5, 5, 16. */
export function toErrno(text: string | undefined): number | null {
  return toSafeInt(text?.startsWith("-") ? text.slice(1) : text);
}

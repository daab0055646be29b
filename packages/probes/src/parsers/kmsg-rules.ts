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
/** What the caller already took from a prefix (`md/raid1:md0: `, `XFS (sdb): `). */
export type RuleContext = { device: string | null; array: string | null };

const NO_CONTEXT: RuleContext = { device: null, array: null };

export function kernelEvent(
  kind: KernelEventKind,
  severity: KernelEventSeverity,
  fields: Partial<Omit<KernelEvent, "kind" | "severity">> = {},
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

/** First rule whose pattern matches `text`. */
export function applyRules(
  rules: readonly KernelRule[],
  text: string,
  context: RuleContext = NO_CONTEXT,
): KernelEvent | null {
  for (const rule of rules) {
    const match = rule.pattern.exec(text);
    if (match) return rule.build(match, context);
  }
  return null;
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

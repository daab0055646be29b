import type { CheckOutcome } from "../types";

/** Shared pieces of the evaluators: outcomes, reading a probe's output, comparing names. */

export const pass = (summary: string, details: string[] = []): CheckOutcome => ({
  passed: true,
  summary,
  details,
});
export const fail = (summary: string, details: string[] = []): CheckOutcome => ({
  passed: false,
  summary,
  details,
});

/** The structural part of a zod schema this package needs (it depends on core, not on zod). */
export type Schema<T> = {
  safeParse(input: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
};

export type Read<T> = { ok: true; value: T } | { ok: false; outcome: CheckOutcome };

/**
 * Checks the output against the parser's schema, so a wrong value handed in by a caller fails
 * the check with a reason instead of passing by accident or throwing.
 */
export function readOutput<T>(schema: Schema<T>, output: unknown, what: string): Read<T> {
  const result = schema.safeParse(output);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue
    ? `${issue.path.map(String).join(".") || "value"}: ${issue.message}`
    : "invalid";
  return {
    ok: false,
    outcome: fail(`cannot evaluate: the ${what} output is not what its parser returns`, [where]),
  };
}

export function readList<T>(schema: Schema<T>, output: unknown, what: string): Read<T[]> {
  if (!Array.isArray(output)) {
    return { ok: false, outcome: fail(`cannot evaluate: the ${what} output is not a list`) };
  }
  const items: T[] = [];
  for (const item of output) {
    const read = readOutput(schema, item, what);
    if (!read.ok) return read;
    items.push(read.value);
  }
  return { ok: true, value: items };
}

/** `/dev/md1`, `md1` → `md1`: parsers report kernel names, runbooks often write paths. */
export function bareName(name: string): string {
  return name.startsWith("/dev/") ? name.slice("/dev/".length) : name;
}

/** One line per compared field: `read-only: expected true, found false`. */
export type Comparison = { label: string; expected: unknown; found: unknown };

export function compareAll(
  subject: string,
  comparisons: Comparison[],
  okSummary: string,
): CheckOutcome {
  const details = comparisons.map(({ label, expected, found }) =>
    expected === found
      ? `${label}: ${String(found)} ✓`
      : `${label}: expected ${String(expected)}, found ${String(found)}`,
  );
  const mismatched = comparisons.filter(({ expected, found }) => expected !== found);
  if (mismatched.length === 0) return pass(okSummary, details);
  const first = mismatched[0];
  return fail(
    `${subject}: ${first?.label} is ${String(first?.found)}, expected ${String(first?.expected)}`,
    details,
  );
}

/** Comparisons only for the fields the expectation gives. */
export function given(label: string, expected: unknown, found: unknown): Comparison[] {
  return expected === undefined ? [] : [{ label, expected, found }];
}

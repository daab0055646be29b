import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { DEFAULT_RUNBOOK_DIRECTORY } from "../files";
import { parseRunbook } from "./parse-runbook";

/**
 * The parser reads text people type and admins paste into the editor: whatever arrives, it
 * returns a result and never throws, and every error names a line that exists.
 */
const corpus = readdirSync(DEFAULT_RUNBOOK_DIRECTORY)
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .map((name) => readFileSync(join(DEFAULT_RUNBOOK_DIRECTORY, name), "utf8"));

/** Far above a property's few seconds on a shared 2-core machine: only a hang trips it. */
const FUZZ_TIMEOUT_MS = 60_000;

function parseSafely(text: string) {
  const result = parseRunbook(text, "fuzz.md");
  const lineCount = text.split(/\r\n|\r|\n/).length;
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(lineCount + 1);
      expect(error.message.length).toBeGreaterThan(0);
    }
  }
  return result;
}

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 600 }),
  fc.string({ maxLength: 600 }),
);

/** Pieces of the format itself, so generated input gets past the first checks. */
const FRAGMENTS = [
  "---",
  "id: x",
  "title: T",
  "summary: S",
  "applies_to: [md.degraded]",
  "variables:",
  "  - name: array",
  "    kind: md-device",
  "    description: d",
  "    from: object",
  "## Step",
  "##",
  "```sh",
  "```check",
  "```gate",
  "```",
  "~~~",
  "mdadm --create {{array}}",
  "{{array}} {{ nope }} }}",
  "id: c",
  "probe: mdstat",
  "probe: kmsg",
  "args: { since_minutes: '5' }",
  'expect: { that: array-state, array: "{{array}}", read_only: true }',
  "expect: { that: no-kernel-events, events: [xfs_shutdown] }",
  "evidence: [md-map]",
  "max_age_minutes: 30",
  "reason: r",
  "  - *alias",
  "key: &anchor [1, 2",
  "\t- tab",
  "",
];
const fragmentDocument = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 })
  .map((lines) => lines.join("\n"));

const damaged = fc
  .record({
    source: fc.constantFrom(...corpus),
    at: fc.nat(),
    cut: fc.nat({ max: 400 }),
    insert: fc.string({ maxLength: 20 }),
  })
  .map(({ source, at, cut, insert }) => {
    const position = at % (source.length + 1);
    return source.slice(0, position) + insert + source.slice(position + cut);
  });

const shuffledLines = fc
  .record({
    source: fc.constantFrom(...corpus),
    swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
  })
  .map(({ source, swaps }) => {
    const lines = source.split("\n");
    for (const [a, b] of swaps) {
      const i = a % lines.length;
      const j = b % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
    }
    return lines.join("\n");
  });

describe("parseRunbook fuzz", () => {
  test.prop([anyText], { numRuns: 1_000 })("never throws on arbitrary text", (text) => {
    parseSafely(text);
  });

  test.prop([fragmentDocument], { numRuns: 1_000 })(
    "never throws on documents made of format fragments",
    (text) => {
      parseSafely(text);
    },
  );

  test.prop([damaged], { numRuns: 500 })(
    "never throws on shipped runbooks with bytes cut and inserted",
    (text) => {
      parseSafely(text);
    },
    FUZZ_TIMEOUT_MS,
  );

  test.prop([shuffledLines], { numRuns: 300 })(
    "never throws on shipped runbooks with lines swapped",
    (text) => {
      parseSafely(text);
    },
    FUZZ_TIMEOUT_MS,
  );

  test.prop([fc.constantFrom(...corpus), fc.nat()], { numRuns: 300 })(
    "a truncated runbook parses or fails with lines, never throws",
    (source, at) => {
      parseSafely(source.slice(0, at % (source.length + 1)));
    },
    FUZZ_TIMEOUT_MS,
  );

  test.prop([fc.constantFrom(...corpus)], { numRuns: 20 })(
    "CRLF line ends read like LF",
    (source) => {
      const lf = parseRunbook(source, "x.md");
      const crlf = parseRunbook(source.replaceAll("\n", "\r\n"), "x.md");
      expect(lf.ok && crlf.ok).toBe(true);
      if (lf.ok && crlf.ok) {
        // Only the raw text differs, so only the hash may; step bodies are compared after CR removal.
        const normalize = (steps: typeof lf.runbook.steps) =>
          steps.map((step) => ({
            ...step,
            bodyMarkdown: step.bodyMarkdown.replaceAll("\r", ""),
            command: step.command?.replaceAll("\r", "") ?? null,
          }));
        expect(normalize(crlf.runbook.steps)).toEqual(normalize(lf.runbook.steps));
        expect(crlf.runbook.variables).toEqual(lf.runbook.variables);
      }
    },
  );
});

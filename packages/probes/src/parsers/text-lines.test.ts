import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitLines } from "./md-fields";
import { lineEnd, trimmedSlice } from "./text-lines";

/** Every character String.prototype.trim() removes, plus look-alikes it keeps. */
const EDGE_CHARS = [" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u2028", "\u3000", "\ufeff"];
const KEPT_CHARS = ["x", "é", "“", "\u200b", "\u0085", "\0", "\x1b"];

describe("text-lines", () => {
  it("trimmedSlice agrees with slice().trim() for any text and any range", () => {
    const text = fc
      .array(fc.oneof(fc.constantFrom(...EDGE_CHARS, ...KEPT_CHARS), fc.string({ maxLength: 3 })))
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (input, a, b) => {
        const start = a % (input.length + 1);
        const end = start + (b % (input.length - start + 1));
        expect(trimmedSlice(input, start, end)).toBe(input.slice(start, end).trim());
      }),
      { numRuns: 2000 },
    );
  });

  it("lineEnd walks the same lines as split", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "\n", "\r", " ") }), (input) => {
        const lines: string[] = [];
        for (let start = 0; start <= input.length; ) {
          const end = lineEnd(input, start);
          lines.push(input.slice(start, end));
          start = end + 1;
        }
        expect(lines).toEqual(input.split("\n"));
      }),
    );
  });

  it("splitLines cuts what split(/\\r?\\n/) cuts", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "\n", "\r", " ") }), (input) => {
        expect(splitLines(input)).toEqual(input.split(/\r?\n/));
      }),
      { numRuns: 2000 },
    );
  });
});

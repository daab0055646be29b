import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { literalPrefix } from "./kmsg-rules";

// Shaped like the classifier rules: literal words, escapes, groups, optional characters.
const PATTERNS: Array<[RegExp, string]> = [
  [/^Buffer I\/O error on (?:dev|device) ([^,\s]+)/, "Buffer I/O error on "],
  [/^Cannot continue operation \((\d+)\/(\d+) failed\)/, "Cannot continue operation ("],
  [/^Please un?mount the filesystem,? and/, "Please u"],
  [/^xfs_(?:do_)?force_shutdown\(/, "xfs_"],
  [/^All device paths lost/, "All device paths lost"],
  [/^(?:PCI-)?DMA: Out/, ""],
  [/^(nfs|lockd): server/, ""],
  [/^md: \d+ x/, "md: "],
  [/^ab|cd/, ""],
  [/abc/, ""],
  [/^abc/i, ""],
  [/^x{2}y/, ""],
  [/^xy*z/, "x"],
];

describe("literalPrefix", () => {
  it("takes the literal words before the first group, class or optional character", () => {
    for (const [pattern, prefix] of PATTERNS)
      expect(literalPrefix(pattern), pattern.source).toBe(prefix);
  });

  it("never names text a match can lack, so skipping on it cannot lose a match", () => {
    const pieces = ["Please ", "un", "mount", "umount", "xfs_", "do_", "force_shutdown(", "md: "];
    const text = fc.array(fc.constantFrom(...pieces, "7", " x", "ab", "cd")).map((p) => p.join(""));
    fc.assert(
      fc.property(text, (input) => {
        for (const [pattern] of PATTERNS) {
          if (pattern.test(input)) expect(input.startsWith(literalPrefix(pattern))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { literalPrefixes } from "./kmsg-rules";

// Shaped like the classifier rules: literal words, escapes, groups, alternatives, optional parts.
const PATTERNS: Array<[RegExp, string[]]> = [
  [/^Buffer I\/O error on (?:dev|device) ([^,\s]+)/, ["Buffer I/O error on "]],
  [/^Cannot continue operation \((\d+)\/(\d+) failed\)/, ["Cannot continue operation ("]],
  [/^Please un?mount the filesystem,? and/, ["Please u"]],
  [/^xfs_(?:do_)?force_shutdown\(/, ["xfs_"]],
  [/^All device paths lost/, ["All device paths lost"]],
  [/^(?:PCI-)?DMA: Out/, ["PCI-", "DMA: Out"]],
  [/^(nfs|lockd): server/, ["nfs", "lockd"]],
  [/^(?:(md\w*) )?not clean/, ["md", "not clean"]],
  [
    /^(?:raid set (\S+) |raid level \d+ (?:set (\S+) )?)?active/,
    ["raid set ", "raid level ", "active"],
  ],
  [/^(?:a|b)??c/, ["a", "b", "c"]],
  [/^(?:ab)+c/, ["ab"]],
  [/^(?:([^:\s]+): )?super/, []],
  [/^(?:ab){0,2}c/, []],
  [/^(?:|a)b/, []],
  [/^(?=a)a/, []],
  [/^(?<word>ab)/, []],
  [/^([a-z]+): x/, []],
  [/^md: \d+ x/, ["md: "]],
  [/^ab|cd/, []],
  [/^(ab|cd)|ef/, []],
  [/abc/, []],
  [/^abc/i, []],
  [/^x{2}y/, []],
  [/^xy*z/, ["x"]],
];

describe("literalPrefixes", () => {
  it("takes the literal words each alternative starts with, up to a class or optional character", () => {
    for (const [pattern, prefixes] of PATTERNS)
      expect(literalPrefixes(pattern), pattern.source).toEqual(prefixes);
  });

  it("never names starts a match can lack, so skipping on them cannot lose a match", () => {
    const pieces = ["Please ", "un", "mount", "umount", "xfs_", "do_", "force_shutdown(", "md: "];
    const more = ["PCI-", "DMA: Out", "nfs", "lockd", ": server", "md0 ", "not clean", "raid set "];
    const words = [...pieces, ...more, "raid level ", "active", "super", "7", " x", "a", "b", "c"];
    const text = fc.array(fc.constantFrom(...words, "ab", "cd", "ef")).map((p) => p.join(""));
    fc.assert(
      fc.property(text, (input) => {
        for (const [pattern] of PATTERNS) {
          const prefixes = literalPrefixes(pattern);
          if (prefixes.length === 0 || !pattern.test(input)) continue;
          expect(prefixes.some((prefix) => input.startsWith(prefix))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

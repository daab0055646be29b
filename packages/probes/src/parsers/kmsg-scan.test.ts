import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostTagBounds, monotonicEnd, secondsBefore, syslogStampLength } from "./kmsg-scan";

// The regexes the scanners stand in for; the scanners must agree with them on any input.
const MONOTONIC = /^\[ *(\d{1,10}\.\d{1,9})\]/;
const SYSLOG = /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? /;
const HOST_TAG = /^(\S+) ([^\s:[]+)(?:\[\d+\])?: ?/;

/** Text made of the pieces these prefixes are built from, so most inputs get deep into them. */
function textOf(pieces: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 2 })), { maxLength: 14 })
    .map((parts) => parts.join(""));
}

const STAMP_PIECES = ["[", "]", " ", "  ", ".", "0", "7", "12345", "9999999999", "123456789"];
const SYSLOG_PIECES = ["Nov", "Mar", "nov", " ", "  3", " 20", "10:00:00", ".", "123456", ":"];
const TAG_PIECES = ["db07", " ", "kernel", "mdadm", "[", "812", "]", ":", ": ", "\t", "\u00a0"];

describe("kmsg-scan", () => {
  it("monotonicEnd and secondsBefore read what the uptime-stamp regex reads", () => {
    fc.assert(
      // Callers only ask about lines that start with "[".
      fc.property(textOf(STAMP_PIECES), (tail) => {
        const line = `[${tail}`;
        const match = MONOTONIC.exec(line);
        const end = monotonicEnd(line);
        expect(end).toBe(match ? match[0].length - 1 : -1);
        if (match) expect(secondsBefore(line, end)).toBe(Number(match[1]));
      }),
      { numRuns: 5000 },
    );
  });

  it("secondsBefore equals Number() for stamps of every width", () => {
    const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{1,${max}}$`));
    fc.assert(
      fc.property(fc.nat(6), digits(10), digits(9), (pad, whole, fraction) => {
        const line = `[${" ".repeat(pad)}${whole}.${fraction}] md: x`;
        const end = monotonicEnd(line);
        expect(secondsBefore(line, end)).toBe(Number(`${whole}.${fraction}`));
      }),
      { numRuns: 5000 },
    );
  });

  it("syslogStampLength accepts what the syslog-stamp regex accepts", () => {
    fc.assert(
      fc.property(textOf(SYSLOG_PIECES), (line) => {
        expect(syslogStampLength(line)).toBe(SYSLOG.exec(line)?.[0].length ?? -1);
      }),
      { numRuns: 5000 },
    );
  });

  it("hostTagBounds splits what the host/tag regex splits", () => {
    fc.assert(
      fc.property(textOf(TAG_PIECES), (rest) => {
        const match = HOST_TAG.exec(rest);
        const bounds = hostTagBounds(rest);
        const found = bounds && [
          rest.slice(0, bounds.hostEnd),
          rest.slice(bounds.hostEnd + 1, bounds.tagEnd),
          bounds.messageStart,
        ];
        expect(found).toEqual(match && [match[1], match[2], match[0].length]);
      }),
      { numRuns: 5000 },
    );
  });
});

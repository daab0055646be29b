import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ataPortEnd,
  hostTagBounds,
  mdArrayEnd,
  monotonicSeconds,
  syslogStampLength,
  xfsDeviceEnd,
} from "./kmsg-scan";

// The regexes the scanners stand in for; the scanners must agree with them on any input.
const MONOTONIC = /^\[ *(\d{1,10}\.\d{1,9})\]/;
const SYSLOG = /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? /;
const HOST_TAG = /^(\S+) ([^\s:[]+)(?:\[\d+\])?: ?/;
const MD_PERSONALITY = /^md\/[a-z0-9]+:([^:\s]+): /;
const XFS_DEVICE = /^(?:XFS \(([^)\s]+)\)|Filesystem "([^"\s]+)"): /;
const ATA_PORT = /^(ata\d+(?:\.\d+)?): /;

/** Text made of the pieces these prefixes are built from, so most inputs get deep into them. */
function textOf(pieces: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 2 })), { maxLength: 14 })
    .map((parts) => parts.join(""));
}

const STAMP_PIECES = ["[", "]", " ", "  ", ".", "0", "7", "12345", "9999999999", "123456789"];
const SYSLOG_PIECES = ["Nov", "Mar", "nov", " ", "  3", " 20", "10:00:00", ".", "123456", ":"];
const TAG_PIECES = ["db07", " ", "kernel", "mdadm", "[", "812", "]", ":", ": ", "\t", "\u00a0"];
const DRIVER_PREFIXES = [
  "md/raid1:md0: ",
  "md/raid:md127: x",
  "XFS (dm-0): x",
  'Filesystem "sdb": ',
];
const DRIVER_EDITS = ["", "a", "0", ".", ":", " ", "(", ")", '"', "\t", "\u00a0", "md/", "ata3"];

/** A real driver prefix with a few characters replaced, inserted or cut: mostly near misses. */
const driverMessage: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...DRIVER_PREFIXES, "ata3: x", "ata3.00: "),
    fc.array(fc.tuple(fc.nat(20), fc.nat(1), fc.constantFrom(...DRIVER_EDITS)), { maxLength: 2 }),
  )
  .map(([prefix, edits]) =>
    edits.reduce((text, [at, cut, piece]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + piece + text.slice(i + cut);
    }, prefix),
  );

describe("kmsg-scan", () => {
  it("monotonicSeconds reads what the uptime-stamp regex reads", () => {
    fc.assert(
      // Callers only ask about lines that start with "[".
      fc.property(textOf(STAMP_PIECES), (tail) => {
        const line = `[${tail}`;
        const match = MONOTONIC.exec(line);
        expect(monotonicSeconds(line)).toBe(match ? Number(match[1]) : -1);
      }),
      { numRuns: 5000 },
    );
  });

  it("monotonicSeconds equals Number() for stamps of every width", () => {
    const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{1,${max}}$`));
    fc.assert(
      fc.property(fc.nat(6), digits(10), digits(9), (pad, whole, fraction) => {
        const line = `[${" ".repeat(pad)}${whole}.${fraction}] md: x`;
        expect(monotonicSeconds(line)).toBe(Number(`${whole}.${fraction}`));
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

  it("hostTagBounds splits what the host/tag regex splits, from any offset", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), textOf(TAG_PIECES), (before, rest) => {
        const from = before.length;
        const match = HOST_TAG.exec(rest);
        const line = before + rest;
        const bounds = hostTagBounds(line, from);
        const found = bounds && [
          line.slice(from, bounds.hostEnd),
          line.slice(bounds.hostEnd + 1, bounds.tagEnd),
          bounds.messageStart - from,
        ];
        expect(found).toEqual(match && [match[1], match[2], match[0].length]);
      }),
      { numRuns: 5000 },
    );
  });

  it("the driver-prefix scanners find what their regexes match", () => {
    fc.assert(
      fc.property(driverMessage, (message) => {
        const md = MD_PERSONALITY.exec(message);
        const mdEnd = mdArrayEnd(message);
        expect(
          mdEnd === -1 ? null : [message.slice(message.indexOf(":") + 1, mdEnd), mdEnd + 2],
        ).toEqual(md && [md[1], md[0].length]);
        const xfs = XFS_DEVICE.exec(message);
        const xfsEnd = xfsDeviceEnd(message);
        const xfsFound =
          xfsEnd === -1
            ? null
            : [message.slice(message.startsWith("X") ? 5 : 12, xfsEnd), xfsEnd + 3];
        expect(xfsFound).toEqual(xfs && [xfs[1] ?? xfs[2], xfs[0].length]);
        const ata = ATA_PORT.exec(message);
        const ataEnd = ataPortEnd(message);
        expect(ataEnd === -1 ? null : [message.slice(0, ataEnd), ataEnd + 2]).toEqual(
          ata && [ata[1], ata[0].length],
        );
      }),
      { numRuns: 20000 },
    );
  });
});

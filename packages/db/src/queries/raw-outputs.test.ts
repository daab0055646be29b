import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRawOutputs, encodeRawOutputs } from "./raw-outputs";

const SECTIONS = [
  { id: "mdstat", exitCode: 0, output: "Personalities : [raid1]\nunused devices: <none>\n" },
  {
    id: "smartctl:/dev/sda",
    exitCode: 4,
    output: '{"smart_status":{"passed":false}}',
    isTruncated: false,
  },
];

describe("raw outputs", () => {
  it("are kept as brotli and read back as they were", () => {
    const encoded = encodeRawOutputs(SECTIONS);
    expect(encoded.rawEncoding).toBe("br");
    expect(encoded.rawOutputs.length).toBeLessThan(JSON.stringify(SECTIONS).length);
    expect(decodeRawOutputs(encoded.rawOutputs, encoded.rawEncoding)).toEqual(SECTIONS);
  });

  it("round-trip any text, whatever its characters", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.string(), output: fc.string({ unit: "binary" }) })),
        (sections) => {
          const encoded = encodeRawOutputs(sections);
          expect(decodeRawOutputs(encoded.rawOutputs, encoded.rawEncoding)).toEqual(sections);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("read the gzip of the runs stored before brotli", () => {
    const stored = gzipSync(JSON.stringify(SECTIONS));
    expect(decodeRawOutputs(stored, "gzip")).toEqual(SECTIONS);
  });

  it("refuse an encoding they do not know, or bytes that are not what the encoding says", () => {
    const encoded = encodeRawOutputs(SECTIONS);
    expect(() => decodeRawOutputs(encoded.rawOutputs, "zstd")).toThrow(/unknown encoding: zstd/);
    expect(() => decodeRawOutputs(encoded.rawOutputs, "gzip")).toThrow();
  });
});

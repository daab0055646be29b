import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from "node:zlib";

/**
 * How a poll's raw outputs are kept: the sections as JSON, compressed. Brotli at quality 1 costs
 * about 40% of gzip level 1's CPU on poll outputs (0.08 against 0.20 ms for 49 kB of JSON) and
 * writes a little less; at 1,000 hosts a minute that is a fifth of a second of the collector's
 * cycle. Runs stored before it stay gzip, and say so in `raw_encoding`.
 */
export type RawEncoding = "gzip" | "br";

export type EncodedRawOutputs = { rawOutputs: Buffer; rawEncoding: RawEncoding };

/** The brotli quality of `encodeRawOutputs` (the collector's encoder thread is given it too). */
export const RAW_OUTPUTS_BROTLI_QUALITY = 1;

/** Synchronous on purpose: for a poll's tens of kB the asynchronous path costs more in set-up. */
export function encodeRawOutputs(sections: readonly unknown[]): EncodedRawOutputs {
  const json = Buffer.from(JSON.stringify(sections), "utf8");
  const rawOutputs = brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: RAW_OUTPUTS_BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  return { rawOutputs, rawEncoding: "br" };
}

export function decodeRawOutputs(bytes: Uint8Array, encoding: string): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding === "br") return JSON.parse(brotliDecompressSync(buffer).toString("utf8"));
  if (encoding === "gzip") return JSON.parse(gunzipSync(buffer).toString("utf8"));
  throw new Error(`raw outputs in an unknown encoding: ${encoding}`);
}

// The thread of RawOutputEncoder (raw-output-encoder.ts): encodeRawOutputs of
// @holmes/db/queries/raw-outputs, written again in plain JavaScript. Loading TypeScript here would
// cost the collector some 25 MB more for the thread; raw-output-encoder.test.ts checks that both
// write the same bytes.
import { parentPort, workerData } from "node:worker_threads";
import { brotliCompressSync, constants } from "node:zlib";

const { quality } = workerData;

parentPort.on("message", ({ requests }) => {
  const replies = [];
  const transfer = [];
  for (const { id, sections } of requests) {
    try {
      const json = Buffer.from(JSON.stringify(sections), "utf8");
      const compressed = brotliCompressSync(json, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
        },
      });
      // An ArrayBuffer of its own: a Buffer may be a view on a shared pool, which cannot move.
      const bytes = new Uint8Array(compressed);
      replies.push({ id, bytes, rawEncoding: "br" });
      transfer.push(bytes.buffer);
    } catch (error) {
      replies.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  parentPort.postMessage({ replies }, transfer);
});

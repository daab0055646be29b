import { parentPort } from "node:worker_threads";
import { encodeRawOutputs } from "@holmes/db/queries/raw-outputs";
import type { EncodeReply, EncodeRequest } from "./raw-output-encoder";

/** Encodes what the poll loop sends; the bytes go back transferred, not copied. */
parentPort?.on("message", ({ id, sections }: EncodeRequest) => {
  let reply: EncodeReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const { rawOutputs, rawEncoding } = encodeRawOutputs(sections);
    // An ArrayBuffer of its own: a Buffer may be a view on a shared pool, which cannot move.
    const bytes = new Uint8Array(rawOutputs);
    reply = { id, bytes, rawEncoding };
    transfer = [bytes.buffer];
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply, transfer);
});

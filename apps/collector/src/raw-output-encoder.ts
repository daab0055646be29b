import { Worker } from "node:worker_threads";
import {
  type EncodedRawOutputs,
  encodeRawOutputs,
  RAW_OUTPUTS_BROTLI_QUALITY,
  type RawEncoding,
} from "@holmes/db/queries/raw-outputs";

type EncodeRequest = { id: number; sections: readonly unknown[] };
type EncodeReply =
  | { id: number; bytes: Uint8Array; rawEncoding: RawEncoding }
  | { id: number; error: string };
/** The requests of one turn of the poll loop go as one message, and come back as one. */
type EncodeBatch = { requests: EncodeRequest[] };
type ReplyBatch = { replies: EncodeReply[] };

type Pending = { sections: readonly unknown[]; resolve: (encoded: EncodedRawOutputs) => void };

const WORKER_URL = new URL("./raw-output-worker.mjs", import.meta.url);

/**
 * Encodes each poll's raw outputs (encodeRawOutputs: JSON, then brotli) on a thread of its own.
 * The poll loop is one thread, and at a thousand hosts it is what the collector waits on; the
 * encoding is about a tenth of its work (some 300 µs of 3.5 ms a poll), which this moves to
 * another core for some 70 µs of hand-over. A request the thread fails is encoded in the poll loop;
 * if the thread cannot start or dies, every request from then on is: a poll's raw outputs are
 * never lost to the thread.
 */
export class RawOutputEncoder {
  private worker: Worker | null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Requests not yet posted: they go together once this turn of the event loop is over. */
  private unsent: EncodeRequest[] = [];

  /** `workerUrl` is for tests (a thread that fails); the default is the encoder's own. */
  constructor(workerUrl: URL = WORKER_URL) {
    this.worker = this.start(workerUrl);
  }

  encode(sections: readonly unknown[]): Promise<EncodedRawOutputs> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(encodeRawOutputs(sections));
    const id = this.nextId++;
    return new Promise((resolve) => {
      // Held only while a request is out: an idle encoder never keeps the process alive.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { sections, resolve });
      // One message per turn, not per poll: each message wakes the thread, which costs the poll
      // loop more than copying the outputs does.
      if (this.unsent.length === 0) setImmediate(() => this.post());
      this.unsent.push({ id, sections });
    });
  }

  private post(): void {
    const requests = this.unsent;
    this.unsent = [];
    const worker = this.worker;
    if (!worker) return; // closed or dead meanwhile: settleAll encoded them here.
    try {
      worker.postMessage({ requests } satisfies EncodeBatch);
    } catch {
      for (const request of requests) this.settle(request.id, null);
    }
  }

  /** Ends the thread; requests still out are encoded here. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.settleAll();
    await worker?.terminate();
  }

  private start(workerUrl: URL): Worker | null {
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, {
        workerData: { quality: RAW_OUTPUTS_BROTLI_QUALITY },
        // Its garbage is a poll's JSON at a time: a small young generation keeps its memory small.
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      });
    } catch (error) {
      this.warn(error);
      return null;
    }
    worker.unref();
    worker.on("message", ({ replies }: ReplyBatch) => {
      for (const reply of replies) {
        if ("error" in reply) {
          this.warn(reply.error);
          this.settle(reply.id, null);
        } else {
          const { bytes, rawEncoding } = reply;
          const rawOutputs = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          this.settle(reply.id, { rawOutputs, rawEncoding });
        }
      }
    });
    worker.on("error", (error) => this.stop(error));
    worker.on("exit", (code) => this.stop(`the encoder thread exited with ${code}`));
    return worker;
  }

  /** The thread is gone: what was out, and everything after, is encoded in the poll loop. */
  private stop(reason: unknown): void {
    if (this.worker === null) return;
    this.worker = null;
    this.warn(reason);
    this.settleAll();
  }

  private settle(id: number, encoded: EncodedRawOutputs | null): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    request.resolve(encoded ?? encodeRawOutputs(request.sections));
  }

  private settleAll(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, null);
  }

  private warn(reason: unknown): void {
    const message = reason instanceof Error ? reason.message : String(reason);
    console.error(`holmes collector: raw outputs encoded in the poll loop: ${message}`);
  }
}

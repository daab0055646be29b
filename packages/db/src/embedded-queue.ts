import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * pglite-socket (0.2.x) multiplexes clients onto the single PGlite session one protocol message at
 * a time, keeping clients apart only inside explicit transactions. An extended-protocol query is
 * several messages (Parse, Bind, Execute, …, Sync), so another client's Sync between a Bind and
 * its Execute destroys the unnamed portal ("portal \"\" does not exist") once two connections
 * query at once. This replaces the server's queue scheduler with one that also keeps a client's
 * turn from its first message until its Sync: the fix the library needs, applied where we use it.
 */
type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};

type QueueInternals = {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

/** Client messages that continue an extended-protocol sequence (Sync 'S' ends it). */
const CONTINUES_SEQUENCE = new Set(["P", "B", "D", "E", "C", "H", "d"].map((c) => c.charCodeAt(0)));

export function installSequenceAwareQueue(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue?: QueueInternals }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function") {
    throw new Error("pglite-socket changed its internals: review installSequenceAwareQueue");
  }
  const midSequence = new Set<number>();
  const originalClear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    midSequence.delete(handlerId);
    originalClear(handlerId);
    // A client that vanished mid-sequence (a killed process) held the turn, and the others'
    // messages wait behind it: hand the turn on. Inside a transaction the library's own
    // clearTransactionIfNeeded rolls back first and restarts the queue, as a server would.
    if (queue.lastHandlerId === handlerId && !queue.db.isInTransaction()) {
      queue.lastHandlerId = null;
      void queue.processQueue();
    }
  };
  queue.processQueue = async () => {
    if (queue.processing) return;
    queue.processing = true;
    try {
      for (let item = nextItem(queue, midSequence); item; item = nextItem(queue, midSequence)) {
        await runItem(queue, item, midSequence);
      }
    } finally {
      queue.processing = false;
    }
  };
}

/** The owner of the current turn goes on while it is mid-sequence or inside a transaction. */
function nextItem(queue: QueueInternals, midSequence: Set<number>): QueuedMessage | undefined {
  const owner = queue.lastHandlerId;
  const isOwnerBusy = owner !== null && (midSequence.has(owner) || queue.db.isInTransaction());
  if (!isOwnerBusy) return queue.queue.shift();
  const index = queue.queue.findIndex((item) => item.handlerId === owner);
  // Nothing from the owner yet: wait; its next message restarts the scheduler.
  return index === -1 ? undefined : queue.queue.splice(index, 1)[0];
}

async function runItem(queue: QueueInternals, item: QueuedMessage, midSequence: Set<number>) {
  let bytes = 0;
  queue.lastHandlerId = item.handlerId;
  const type = item.message[0] ?? 0;
  if (CONTINUES_SEQUENCE.has(type)) midSequence.add(item.handlerId);
  else midSequence.delete(item.handlerId);
  try {
    await queue.db.runExclusive(() =>
      queue.db.execProtocolRawStream(item.message, {
        onRawData: (data: Uint8Array) => {
          bytes += data.length;
          item.onData(data);
        },
      }),
    );
    item.resolve(bytes);
  } catch (error) {
    midSequence.delete(item.handlerId);
    item.reject(error);
  }
}

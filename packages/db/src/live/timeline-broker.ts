import { EventEmitter } from "node:events";
import { sql } from "drizzle-orm";
import type { DbHandle } from "../client";

/** A doorbell: something new for an incident's timeline, or from one of its hosts. */
export type TimelineSignal =
  | { kind: "timeline"; incidentId: string; seq: number }
  | { kind: "host"; hostId: string };

export type TimelineBroker = {
  subscribe: (listener: (signal: TimelineSignal) => void) => () => void;
  close: () => Promise<void>;
};

type Cursor = { seq: number; findingEventId: number; kernelEventId: number };

/**
 * One per web process: a single LISTEN connection fans notifications out to every subscribed
 * browser, and a poller catches what LISTEN cannot deliver — a reconnect gap on a server, and
 * everything on the embedded PGlite, whose socket server does not forward notifications between
 * connections. Subscribers treat signals as doorbells and re-read, so a duplicate is harmless.
 */
export async function startTimelineBroker(
  handle: DbHandle,
  options: { pollMs: number; useListen: boolean },
): Promise<TimelineBroker> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = (signal: TimelineSignal) => emitter.emit("signal", signal);
  const listeners = options.useListen ? await listen(handle, emit) : [];
  let cursor = await currentCursor(handle);
  let isClosed = false;
  const poll = async () => {
    if (isClosed) return;
    try {
      cursor = await pollSince(handle, cursor, emit);
    } catch {
      // A database restart: the next poll tries again; nothing is lost, the cursor stays put.
    }
    if (!isClosed) timer = setTimeout(poll, options.pollMs);
  };
  let timer = setTimeout(poll, options.pollMs);
  return {
    subscribe: (listener) => {
      emitter.on("signal", listener);
      return () => emitter.off("signal", listener);
    },
    close: async () => {
      isClosed = true;
      clearTimeout(timer);
      await Promise.all(listeners.map((l) => l.unlisten()));
    },
  };
}

async function listen(handle: DbHandle, emit: (signal: TimelineSignal) => void) {
  return Promise.all([
    handle.sql.listen("holmes_timeline", (payload) => {
      const [incidentId, seq] = payload.split(":");
      if (incidentId && seq) emit({ kind: "timeline", incidentId, seq: Number(seq) });
    }),
    handle.sql.listen("holmes_host_events", (hostId) => emit({ kind: "host", hostId })),
  ]);
}

async function currentCursor(handle: DbHandle): Promise<Cursor> {
  const [row] = await handle.db.execute<{ seq: string; finding: string; kernel: string }>(sql`
    select
      (select coalesce(max(seq), 0) from (
        select max(seq) as seq from incident_updates union all select max(seq) from incident_events
      ) s) as seq,
      (select coalesce(max(id), 0) from finding_events) as finding,
      (select coalesce(max(id), 0) from kernel_events) as kernel`);
  return {
    seq: Number(row?.seq ?? 0),
    findingEventId: Number(row?.finding ?? 0),
    kernelEventId: Number(row?.kernel ?? 0),
  };
}

async function pollSince(
  handle: DbHandle,
  cursor: Cursor,
  emit: (signal: TimelineSignal) => void,
): Promise<Cursor> {
  const timeline = await handle.db.execute<{ incident_id: string; seq: string }>(sql`
    select incident_id, seq from incident_updates where seq > ${cursor.seq}
    union all
    select incident_id, seq from incident_events where seq > ${cursor.seq}
    order by seq limit 1000`);
  const hosts = await handle.db.execute<{ host_id: string; finding: string; kernel: string }>(sql`
    select host_id, max(finding) as finding, max(kernel) as kernel from (
      select host_id, id as finding, 0 as kernel from finding_events where id > ${cursor.findingEventId}
      union all
      select host_id, 0, id from kernel_events where id > ${cursor.kernelEventId}
    ) changed group by host_id`);
  const next = { ...cursor };
  for (const row of timeline) {
    emit({ kind: "timeline", incidentId: row.incident_id, seq: Number(row.seq) });
    next.seq = Math.max(next.seq, Number(row.seq));
  }
  for (const row of hosts) {
    emit({ kind: "host", hostId: row.host_id });
    next.findingEventId = Math.max(next.findingEventId, Number(row.finding));
    next.kernelEventId = Math.max(next.kernelEventId, Number(row.kernel));
  }
  return next;
}

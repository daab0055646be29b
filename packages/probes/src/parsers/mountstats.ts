/*
 * /proc/self/mountstats:
 *
 *   device 10.0.0.1:/srv mounted on /mnt/srv with fstype nfs4 statvers=1.1
 *   	opts:	rw,vers=4.1,rsize=1048576,wsize=1048576,hard,proto=tcp,timeo=600,retrans=2
 *   	age:	13968
 *   	events:	52 226 0 0 1 13 398 0 0 331 0 47 0 0 77 0 0 77 0 0 0 0 0 0 0 0 0
 *   	xprt:	tcp 832 0 1 0 11 6428 6428 0 12154 0 24 26 5726
 *   	        READ: 1298 1298 0 207680 1210292152 6 79386 79407 0
 *
 * Source: fs/nfs/super.c nfs_show_stats(), net/sunrpc/stats.c rpc_clnt_show_stats(); field names
 * follow nfs-utils mountstats.py. Kernels 2.6.32 – 6.x; statvers 1.0 and 1.1, RPC iostats 1.0/1.1
 * (1.1 adds the per-op errors column). Indentation is tabs, sometimes mixed with spaces.
 */
import {
  type MountstatsCounter,
  type MountstatsMount,
  type MountstatsOperation,
  type MountstatsReport,
  type ParseResult,
  parsed,
  parseFailure,
} from "@holmes/core";
import { decodeMountEscapes } from "./mountinfo";
import { readCounters, readTransport, sumRetransmissions } from "./mountstats-counters";
import {
  hasPrefix,
  indexInLine,
  isAsciiSpace,
  isTextAt,
  type Line,
  lineText,
  moveToLine,
} from "./mountstats-lines";
import { mountstatsBytes, mountstatsEvents } from "./mountstats-records";
import { createNfsOptionsMemo, type ReadNfsOptions } from "./nfs-options";
import { lineEnd } from "./text-lines";

const DEVICE_LINE =
  /^(?:device (\S+)|no device) mounted on (\S+) with fstype (\S+)(?: statvers=(\S+))?$/;

/** The statistics keys read. */
type StatKey =
  | "opts"
  | "age"
  | "events"
  | "bytes"
  | "xprt"
  | "RPC iostats version"
  | "per-op statistics";

type Failure = ReturnType<typeof parseFailure>;
type Stanza = { mount: MountstatsMount; isPerOp: boolean };

export function parseMountstats(text: string): ParseResult<MountstatsReport> {
  const mounts: MountstatsMount[] = [];
  // The mounts of one host mostly share one option string; it is parsed once per call.
  const nfsOptions = createNfsOptionsMemo();
  let stanza: Stanza | null = null;
  const line: Line = { text, from: 0, to: 0, number: 0 };
  for (let start = 0; start <= text.length; ) {
    const end = lineEnd(text, start);
    moveToLine(line, text, start, end);
    start = end + 1;
    if (line.from === line.to) continue;
    if (isDeviceLine(line)) {
      const mount = deviceLine(line);
      if (!("device" in mount)) return mount;
      if (stanza) mounts.push(finish(stanza.mount));
      stanza = { mount, isPerOp: false };
      continue;
    }
    if (stanza === null || stanza.mount.statVersion === null) {
      return parseFailure('"device … mounted on … with fstype …"', lineText(line), {
        line: line.number,
      });
    }
    const failure = stanza.isPerOp ? opLine(stanza, line) : statLine(stanza, line, nfsOptions);
    if (failure) return failure;
  }
  if (stanza) mounts.push(finish(stanza.mount));
  return parsed({ mounts });
}

/** `device …` or `no device …`; the first letter settles almost every other line. */
function isDeviceLine(line: Line): boolean {
  const first = line.text.charCodeAt(line.from);
  if (first === 100) return hasPrefix(line, "device ");
  return first === 110 && hasPrefix(line, "no device ");
}

function deviceLine(line: Line): MountstatsMount | Failure {
  const text = lineText(line);
  // Blanks other than single spaces are folded only when the line does not match as it is: a
  // match means there were none, and real lines have none.
  const match = DEVICE_LINE.exec(text) ?? DEVICE_LINE.exec(text.replace(/\s+/g, " "));
  if (!match) {
    return parseFailure('"device … mounted on … with fstype … [statvers=…]"', text, {
      line: line.number,
    });
  }
  const [, device, mountPoint = "", fstype = "", statVersion] = match;
  const hasStats = statVersion !== undefined;
  return {
    device: device === undefined ? null : decodeMountEscapes(device),
    mountPoint: decodeMountEscapes(mountPoint),
    fstype,
    statVersion: statVersion ?? null,
    ageSeconds: null,
    opts: null,
    events: null,
    bytes: null,
    rpcStatsVersion: null,
    transports: hasStats ? [] : null,
    operations: hasStats ? [] : null,
    retransmissions: null,
  };
}

/** Lines between the device line and `per-op statistics`. Unknown keys are skipped. */
function statLine(stanza: Stanza, line: Line, nfsOptions: ReadNfsOptions): Failure | null {
  const { mount } = stanza;
  const { text, to } = line;
  const colon = indexInLine(line, ":");
  const key = statKey(text, line.from, colon === -1 ? to : colon);
  const valueFrom = colon === -1 ? to : colon + 1;
  switch (key) {
    case "opts":
      mount.opts = nfsOptions(text.slice(valueFrom, to), null);
      return null;
    case "age": {
      const age = readCounters(text, valueFrom, to);
      if (age?.length !== 1 || typeof age[0] !== "number")
        return parseFailure('"age: SECONDS"', lineText(line), { line: line.number });
      mount.ageSeconds = age[0];
      return null;
    }
    case "events":
    case "bytes":
      if (countersLine(mount, key, readCounters(text, valueFrom, to))) return null;
      return parseFailure(`"${key}:" counters`, lineText(line), { line: line.number });
    case "xprt": {
      const transport = readTransport(text, valueFrom, to);
      if (!transport) {
        const expected = '"xprt: PROTOCOL COUNTERS…" for tcp, udp, local or rdma';
        return parseFailure(expected, lineText(line), { line: line.number });
      }
      mount.transports?.push(transport);
      return null;
    }
    case "RPC iostats version":
      mount.rpcStatsVersion = firstWord(text, valueFrom, to);
      return null;
    case "per-op statistics":
      stanza.isPerOp = true;
      return null;
    case null:
      if (colon > line.from) return null;
      return parseFailure('a "key: value" statistics line', lineText(line), { line: line.number });
  }
}

/** `/^\s*(\S+)/` over [from, to): the first word, or null. Read by hand while it is ASCII. */
function firstWord(text: string, from: number, to: number): string | null {
  let start = from;
  while (start < to && isAsciiSpace(text.charCodeAt(start))) start++;
  let end = start;
  while (end < to && text.charCodeAt(end) > 32 && text.charCodeAt(end) < 128) end++;
  const isDone = end === to || isAsciiSpace(text.charCodeAt(end));
  if (isDone) return end > start ? text.slice(start, end) : null;
  // A character outside ASCII may be a Unicode space, which \s knows.
  return /^\s*(\S+)/.exec(text.slice(from, to))?.[1] ?? null;
}

/** The key in [from, to) when it is one this parser reads, compared in place without a slice. */
function statKey(text: string, from: number, to: number): StatKey | null {
  const key = statKeyStartingWith(text.charCodeAt(from));
  return key !== null && to - from === key.length && isTextAt(text, from, key) ? key : null;
}

/** Each key read begins with a different letter, which picks the one candidate. */
function statKeyStartingWith(code: number): StatKey | null {
  switch (code) {
    case 111: // o
      return "opts";
    case 97: // a
      return "age";
    case 101: // e
      return "events";
    case 98: // b
      return "bytes";
    case 120: // x
      return "xprt";
    case 82: // R
      return "RPC iostats version";
    case 112: // p
      return "per-op statistics";
    default:
      return null;
  }
}

function countersLine(
  mount: MountstatsMount,
  key: "events" | "bytes",
  values: MountstatsCounter[] | null,
): boolean {
  if (values === null || values.length === 0) return false;
  if (key === "events") mount.events = mountstatsEvents(values);
  else mount.bytes = mountstatsBytes(values);
  return true;
}

function opLine(stanza: Stanza, line: Line): Failure | null {
  const colon = opNameEnd(line);
  const values = colon === -1 ? null : readCounters(line.text, colon + 1, line.to);
  if (values === null || values.length < 8) {
    return parseFailure(
      'per-op line "OP: ops trans timeouts bytes_sent bytes_recv queue_ms rtt_ms execute_ms [errors]"',
      lineText(line),
      { line: line.number },
    );
  }
  const op: MountstatsOperation = {
    name: line.text.slice(line.from, colon),
    ops: values[0] ?? 0,
    transmissions: values[1] ?? 0,
    timeouts: values[2] ?? 0,
    bytesSent: values[3] ?? 0,
    bytesReceived: values[4] ?? 0,
    queueMs: values[5] ?? 0,
    rttMs: values[6] ?? 0,
    executeMs: values[7] ?? 0,
    errors: values[8] ?? null,
  };
  stanza.mount.operations?.push(op);
  return null;
}

/** Index of the ":" that ends a name matching `^[A-Z][A-Z0-9_]*$`, else -1; one scan for both. */
function opNameEnd(line: Line): number {
  const { text, from, to } = line;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 58) return i > from ? i : -1;
    const isUpper = code >= 65 && code <= 90;
    const isTail = (code >= 48 && code <= 57) || code === 95;
    if (!isUpper && (i === from || !isTail)) return -1;
  }
  return -1;
}

function finish(mount: MountstatsMount): MountstatsMount {
  const { operations, transports } = mount;
  if (operations === null || operations.length === 0) return mount;
  mount.retransmissions = sumRetransmissions(operations);
  // Per-op counts cover the whole mount; only a lone transport can be credited with them.
  const [only] = transports ?? [];
  if (only && transports?.length === 1) only.retransmissions = mount.retransmissions;
  return mount;
}

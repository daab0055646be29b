/*
 * Number handling for /proc/self/mountstats: u64 counters, the `xprt:` layouts per transport,
 * and the retransmission sum. See mountstats.ts for the format.
 *
 *   xprt:   tcp 832 0 1 0 11 6428 6428 0 12154 0 24 26 5726
 *   xprt:   udp 832 0 6428 6428 0 12154 0 24 26 5726
 *   xprt:   rdma 0 0 5808 62 0 494490723 494490687 36 10032963746 1282789 107150285 …
 *
 * Source: net/sunrpc/xprtsock.c xs_{tcp,udp,local}_print_stats(), net/sunrpc/xprtrdma/
 * transport.c xprt_rdma_print_stats(); kernels 2.6.32 – 6.x (statvers 1.0 and 1.1).
 */
import {
  MOUNTSTATS_RDMA_NAMES,
  type MountstatsCounter,
  type MountstatsOperation,
  type MountstatsRdmaCounters,
  type MountstatsTransport,
} from "@holmes/core";
import { isAsciiSpace } from "./mountstats-lines";

/** 2^64 − 1 has 20 digits; a longer token is not a kernel counter. */
const MAX_DIGITS = 20;
const U64_MAX = 18446744073709551615n;

/**
 * Reads whitespace-separated unsigned integers in [from, to) of `text`. Returns null when any token
 * is not a u64. Hand-rolled, and read in place rather than from a sliced-out line, because a
 * snapshot holds thousands of these.
 */
export function readCounters(text: string, from: number, to: number): MountstatsCounter[] | null {
  const values: MountstatsCounter[] = [];
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9) {
      i++;
      continue;
    }
    let value = 0;
    const start = i;
    while (i < to) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      i++;
    }
    const next = i < to ? text.charCodeAt(i) : 32;
    if (i === start || (next !== 32 && next !== 9)) return null;
    if (i - start <= 15) values.push(value);
    else {
      const big = wideCounter(text.slice(start, i));
      if (big === null) return null;
      values.push(big);
    }
  }
  return values;
}

/** More than 15 digits: exact number while safe, else the decimal string. */
function wideCounter(token: string): MountstatsCounter | null {
  if (token.length > MAX_DIGITS) return null;
  const big = BigInt(token);
  if (big > U64_MAX) return null;
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}

function toCounter(big: bigint): MountstatsCounter {
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}

/**
 * Σ max(0, transmissions − ops) (nfsiostat's retrans). Plain numbers while everything stays
 * exact; BigInt only when a counter is already a string or the sum outgrows 2^53.
 */
export function sumRetransmissions(operations: MountstatsOperation[]): MountstatsCounter {
  let sum = 0;
  for (const op of operations) {
    if (typeof op.ops !== "number" || typeof op.transmissions !== "number") {
      return sumRetransmissionsBig(operations);
    }
    if (op.transmissions > op.ops) sum += op.transmissions - op.ops;
  }
  return Number.isSafeInteger(sum) ? sum : sumRetransmissionsBig(operations);
}

function sumRetransmissionsBig(operations: MountstatsOperation[]): MountstatsCounter {
  let sum = 0n;
  for (const op of operations) {
    const delta = BigInt(op.transmissions) - BigInt(op.ops);
    if (delta > 0n) sum += delta;
  }
  return toCounter(sum);
}

type TransportField = Exclude<keyof MountstatsTransport, "protocol" | "rdma" | "retransmissions">;
/** Where each field sits among a transport's counters; -1 when that transport has none. */
type Positions = Record<TransportField, number>;

const GENERIC_TAIL: TransportField[] = [
  "sends",
  "recvs",
  "badXids",
  "reqU",
  "backlogU",
  "maxSlots",
  "sendingU",
  "pendingU",
];
const CONNECT: TransportField[] = ["connectCount", "connectTime", "idleTimeSeconds"];
const ALL_FIELDS: TransportField[] = ["srcPort", "bindCount", ...CONNECT, ...GENERIC_TAIL];

type Layout = { fields: TransportField[]; minimum: number; at: Positions };

/** Field order per transport, and how many fields the oldest kernels print (statvers 1.0). */
const TCP = layout(["srcPort", "bindCount", ...CONNECT, ...GENERIC_TAIL], 10);
const UDP = layout(["srcPort", "bindCount", ...GENERIC_TAIL], 7);
const LOCAL = layout(["bindCount", ...CONNECT, ...GENERIC_TAIL], 9);
// RDMA has no slot/queue fields; its own counters follow the first ten.
const RDMA = layout(["srcPort", "bindCount", ...CONNECT, ...GENERIC_TAIL.slice(0, 5)], 10);

/** An unknown transport keeps every counter null. */
const NO_POSITIONS = positionsOf([]);

function layout(fields: TransportField[], minimum: number): Layout {
  return { fields, minimum, at: positionsOf(fields) };
}

function positionsOf(fields: TransportField[]): Positions {
  return Object.fromEntries(ALL_FIELDS.map((field) => [field, fields.indexOf(field)])) as Positions;
}

/** A switch rather than a Map: the protocol is a fresh slice, which a Map would hash each time. */
function layoutOf(protocol: string): Layout | null {
  switch (protocol) {
    case "tcp":
      return TCP;
    case "udp":
      return UDP;
    case "local":
      return LOCAL;
    case "rdma":
      return RDMA;
    default:
      return null;
  }
}

/**
 * One `xprt:` line after the key, in [from, to) of `text`. Returns null when the values are not
 * counters or fewer than the transport's oldest layout. An unknown transport keeps its name with
 * every counter null rather than guessing positions.
 */
export function readTransport(text: string, from: number, to: number): MountstatsTransport | null {
  let source = text;
  let start = from;
  let end = to;
  while (start < end && isAsciiSpace(source.charCodeAt(start))) start++;
  // trimStart() also skips Unicode spaces: a rare line with one there is trimmed as a string.
  if (start < end && source.charCodeAt(start) > 127) {
    source = source.slice(start, end).trimStart();
    start = 0;
    end = source.length;
  }
  let space = start;
  while (space < end && !isBlank(source.charCodeAt(space))) space++;
  const protocol = source.slice(start, space);
  const values = readCounters(source, space, end);
  if (protocol === "" || values === null) return null;
  const layout = layoutOf(protocol);
  if (!layout) return transportRecord(protocol, values, NO_POSITIONS);
  if (values.length < layout.minimum) return null;
  const transport = transportRecord(protocol, values, layout.at);
  if (protocol === "rdma") transport.rdma = rdmaCounters(values.slice(layout.fields.length));
  return transport;
}

/** Space or tab: the only separators between counters. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Positional: kernels before 4.14 print fewer RDMA fields; the missing tail stays null. */
function rdmaCounters(values: MountstatsCounter[]): MountstatsRdmaCounters {
  const counters = {} as MountstatsRdmaCounters;
  for (let i = 0; i < MOUNTSTATS_RDMA_NAMES.length; i++) {
    const name = MOUNTSTATS_RDMA_NAMES[i];
    if (name) counters[name] = values[i] ?? null;
  }
  return counters;
}

/**
 * Written out as one literal on purpose, like the records of mountstats-records.ts: stores by
 * computed field name cost far more, and every NFS mount of every snapshot has a transport.
 */
function transportRecord(
  protocol: string,
  values: MountstatsCounter[],
  at: Positions,
): MountstatsTransport {
  return {
    protocol,
    srcPort: counterAt(values, at.srcPort),
    bindCount: counterAt(values, at.bindCount),
    connectCount: counterAt(values, at.connectCount),
    connectTime: counterAt(values, at.connectTime),
    idleTimeSeconds: counterAt(values, at.idleTimeSeconds),
    sends: counterAt(values, at.sends),
    recvs: counterAt(values, at.recvs),
    badXids: counterAt(values, at.badXids),
    reqU: counterAt(values, at.reqU),
    backlogU: counterAt(values, at.backlogU),
    maxSlots: counterAt(values, at.maxSlots),
    sendingU: counterAt(values, at.sendingU),
    pendingU: counterAt(values, at.pendingU),
    rdma: null,
    retransmissions: null,
  };
}

/** Null for a field the transport lacks (-1) or the line is too short to hold. */
function counterAt(values: MountstatsCounter[], index: number): MountstatsCounter | null {
  return index === -1 ? null : (values[index] ?? null);
}

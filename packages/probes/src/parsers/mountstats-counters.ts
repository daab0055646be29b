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

/** 2^64 − 1 has 20 digits; a longer token is not a kernel counter. */
const MAX_DIGITS = 20;
const U64_MAX = 18446744073709551615n;

/**
 * Reads whitespace-separated unsigned integers from `from` to the end of the line. Returns null
 * when any token is not a u64. Hand-rolled because a snapshot holds thousands of these.
 */
export function readCounters(line: string, from: number): MountstatsCounter[] | null {
  const values: MountstatsCounter[] = [];
  let i = from;
  const end = line.length;
  while (i < end) {
    const code = line.charCodeAt(i);
    if (code === 32 || code === 9) {
      i++;
      continue;
    }
    let value = 0;
    const start = i;
    while (i < end) {
      const digit = line.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      i++;
    }
    const next = i < end ? line.charCodeAt(i) : 32;
    if (i === start || (next !== 32 && next !== 9)) return null;
    if (i - start <= 15) values.push(value);
    else {
      const big = wideCounter(line.slice(start, i));
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

/** Field order per transport, and how many fields the oldest kernels print (statvers 1.0). */
const LAYOUTS = new Map<string, { fields: TransportField[]; minimum: number }>([
  ["tcp", { fields: ["srcPort", "bindCount", ...CONNECT, ...GENERIC_TAIL], minimum: 10 }],
  ["udp", { fields: ["srcPort", "bindCount", ...GENERIC_TAIL], minimum: 7 }],
  ["local", { fields: ["bindCount", ...CONNECT, ...GENERIC_TAIL], minimum: 9 }],
  // RDMA has no slot/queue fields; its own counters follow the first ten.
  [
    "rdma",
    { fields: ["srcPort", "bindCount", ...CONNECT, ...GENERIC_TAIL.slice(0, 5)], minimum: 10 },
  ],
]);

/**
 * One `xprt:` line after the key. Returns null when the values are not counters or fewer than
 * the transport's oldest layout. An unknown transport keeps its name with every counter null
 * rather than guessing positions.
 */
export function readTransport(text: string): MountstatsTransport | null {
  const trimmed = text.trimStart();
  const space = trimmed.search(/[ \t]/);
  const protocol = space === -1 ? trimmed : trimmed.slice(0, space);
  const values = readCounters(trimmed, space === -1 ? trimmed.length : space);
  if (protocol === "" || values === null) return null;
  const transport = emptyTransport(protocol);
  const layout = LAYOUTS.get(protocol);
  if (!layout) return transport;
  if (values.length < layout.minimum) return null;
  for (let i = 0; i < layout.fields.length; i++) {
    const field = layout.fields[i];
    if (field) transport[field] = values[i] ?? null;
  }
  if (protocol === "rdma") transport.rdma = rdmaCounters(values.slice(layout.fields.length));
  return transport;
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

function emptyTransport(protocol: string): MountstatsTransport {
  return {
    protocol,
    srcPort: null,
    bindCount: null,
    connectCount: null,
    connectTime: null,
    idleTimeSeconds: null,
    sends: null,
    recvs: null,
    badXids: null,
    reqU: null,
    backlogU: null,
    maxSlots: null,
    sendingU: null,
    pendingU: null,
    rdma: null,
    retransmissions: null,
  };
}

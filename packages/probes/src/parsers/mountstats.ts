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
import { mountstatsBytes, mountstatsEvents } from "./mountstats-records";
import { parseNfsOptions } from "./nfs-options";
import { lineEnd, trimmedSlice } from "./text-lines";

const DEVICE_LINE =
  /^(?:device (\S+)|no device) mounted on (\S+) with fstype (\S+)(?: statvers=(\S+))?$/;
const OP_NAME = /^[A-Z][A-Z0-9_]*$/;

type Failure = ReturnType<typeof parseFailure>;
type Stanza = { mount: MountstatsMount; isPerOp: boolean };

export function parseMountstats(text: string): ParseResult<MountstatsReport> {
  const mounts: MountstatsMount[] = [];
  let stanza: Stanza | null = null;
  for (let start = 0, lineNumber = 1; start <= text.length; lineNumber++) {
    const end = lineEnd(text, start);
    const line = trimmedSlice(text, start, end);
    start = end + 1;
    if (line === "") continue;
    if (line.startsWith("device ") || line.startsWith("no device ")) {
      const mount = deviceLine(line, lineNumber);
      if (!("device" in mount)) return mount;
      if (stanza) mounts.push(finish(stanza.mount));
      stanza = { mount, isPerOp: false };
      continue;
    }
    if (stanza === null || stanza.mount.statVersion === null) {
      return parseFailure('"device … mounted on … with fstype …"', line, { line: lineNumber });
    }
    const failure = stanza.isPerOp
      ? opLine(stanza, line, lineNumber)
      : statLine(stanza, line, lineNumber);
    if (failure) return failure;
  }
  if (stanza) mounts.push(finish(stanza.mount));
  return parsed({ mounts });
}

function deviceLine(line: string, lineNumber: number): MountstatsMount | Failure {
  const match = DEVICE_LINE.exec(line.replace(/\s+/g, " "));
  if (!match) {
    return parseFailure('"device … mounted on … with fstype … [statvers=…]"', line, {
      line: lineNumber,
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
function statLine(stanza: Stanza, line: string, lineNumber: number): Failure | null {
  const { mount } = stanza;
  const colon = line.indexOf(":");
  const key = colon === -1 ? line : line.slice(0, colon);
  const rest = colon === -1 ? "" : line.slice(colon + 1);
  switch (key) {
    case "opts":
      mount.opts = parseNfsOptions(rest);
      return null;
    case "age": {
      const age = readCounters(rest, 0);
      if (age?.length !== 1 || typeof age[0] !== "number")
        return parseFailure('"age: SECONDS"', line, { line: lineNumber });
      mount.ageSeconds = age[0];
      return null;
    }
    case "events":
    case "bytes":
      if (countersLine(mount, key, readCounters(rest, 0))) return null;
      return parseFailure(`"${key}:" counters`, line, { line: lineNumber });
    case "xprt": {
      const transport = readTransport(rest);
      if (!transport) {
        const expected = '"xprt: PROTOCOL COUNTERS…" for tcp, udp, local or rdma';
        return parseFailure(expected, line, { line: lineNumber });
      }
      mount.transports?.push(transport);
      return null;
    }
    case "RPC iostats version":
      mount.rpcStatsVersion = /^\s*(\S+)/.exec(rest)?.[1] ?? null;
      return null;
    case "per-op statistics":
      stanza.isPerOp = true;
      return null;
    default:
      if (colon > 0) return null;
      return parseFailure('a "key: value" statistics line', line, { line: lineNumber });
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

function opLine(stanza: Stanza, line: string, lineNumber: number): Failure | null {
  const colon = line.indexOf(":");
  const name = colon === -1 ? "" : line.slice(0, colon);
  const values = colon === -1 ? null : readCounters(line, colon + 1);
  if (!OP_NAME.test(name) || values === null || values.length < 8) {
    return parseFailure(
      'per-op line "OP: ops trans timeouts bytes_sent bytes_recv queue_ms rtt_ms execute_ms [errors]"',
      line,
      { line: lineNumber },
    );
  }
  const op: MountstatsOperation = {
    name,
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

function finish(mount: MountstatsMount): MountstatsMount {
  const { operations, transports } = mount;
  if (operations === null || operations.length === 0) return mount;
  mount.retransmissions = sumRetransmissions(operations);
  // Per-op counts cover the whole mount; only a lone transport can be credited with them.
  const [only] = transports ?? [];
  if (only && transports?.length === 1) only.retransmissions = mount.retransmissions;
  return mount;
}

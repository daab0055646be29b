// Own captures and edge cases: transport layouts, u64 counters and the retransmission sum
// (mountstats-counters.ts) as seen through parseMountstats. Shared captures: mountstats.test.ts.
import {
  type MountstatsMount,
  type MountstatsOperation,
  type MountstatsReport,
  MountstatsReportSchema,
  type MountstatsTransport,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture } from "../testing/fixtures";
import { parseMountstats } from "./mountstats";

function parseOk(text: string): MountstatsReport {
  const result = parseMountstats(text);
  if (!result.ok) throw new Error(`unexpected failure: ${JSON.stringify(result.error)}`);
  MountstatsReportSchema.parse(result.value);
  return result.value;
}

function mount(report: MountstatsReport, index: number): MountstatsMount {
  const found = report.mounts[index];
  if (!found) throw new Error(`no mount ${index}`);
  return found;
}

function op(m: MountstatsMount, name: string): MountstatsOperation {
  const found = m.operations?.find((o) => o.name === name);
  if (!found) throw new Error(`no op ${name}`);
  return found;
}

function xprt(m: MountstatsMount, index = 0): MountstatsTransport {
  const found = m.transports?.[index];
  if (!found) throw new Error(`no transport ${index}`);
  return found;
}

describe("parseMountstats on own fixtures", () => {
  it("soft NFSv3 over TCP: retransmissions derived from per-op counts, timeouts and errors", () => {
    const report = parseOk(ownFixture("mountstats/nfs3-soft-tcp-retransmissions-timeouts.txt"));
    expect(report.mounts).toHaveLength(3);
    const m = mount(report, 2);
    expect(m.opts).toMatchObject({ soft: true, hard: false, timeo: 150, retrans: 3 });
    // GETATTR 2 + LOOKUP 8 + READ 74 + WRITE 106 + COMMIT 2
    expect(m.retransmissions).toBe(192);
    expect(xprt(m)).toMatchObject({
      connectCount: 7,
      badXids: 2,
      sends: 4211907,
      retransmissions: 192,
    });
    expect(op(m, "READ")).toMatchObject({ timeouts: 11, errors: 11, transmissions: 476201 });
    expect(op(m, "WRITE")).toMatchObject({ timeouts: 37, errors: 37 });
    expect(op(m, "READDIRPLUS").bytesReceived).toBe(41208304);
    expect(m.events?.extendWrite).toBe(60210);
  });

  it("RHEL 5 statvers=1.0: 7-field udp, 10-field tcp, 25 events, 8-column per-op", () => {
    const report = parseOk(ownFixture("mountstats/rhel5-statvers10-udp-and-tcp.txt"));
    const udp = mount(report, 2);
    expect(udp).toMatchObject({ statVersion: "1.0", rpcStatsVersion: "1.0", retransmissions: 28 });
    expect(udp.opts).toMatchObject({ intr: true, proto: "udp", addr: "192.168.0.10" });
    expect(xprt(udp)).toEqual({
      protocol: "udp",
      srcPort: 941,
      bindCount: 0,
      connectCount: null,
      connectTime: null,
      idleTimeSeconds: null,
      sends: 52203,
      recvs: 52190,
      badXids: 3,
      reqU: 88120,
      backlogU: 12,
      maxSlots: null,
      sendingU: null,
      pendingU: null,
      rdma: null,
      retransmissions: 28,
    });
    expect(udp.events).toMatchObject({ jukeboxDelays: 0, pnfsReads: null, pnfsWrites: null });
    expect(udp.operations?.every((o) => o.errors === null)).toBe(true);
    const tcp = mount(report, 3);
    expect(xprt(tcp)).toMatchObject({
      srcPort: 737,
      bindCount: 1,
      connectCount: 1,
      connectTime: 12,
      idleTimeSeconds: 4,
      backlogU: 0,
      maxSlots: null,
    });
    expect(tcp.retransmissions).toBe(0);
  });

  it("nconnect=2: two transports get no share of retransmissions; u64 max kept exact", () => {
    const report = parseOk(ownFixture("mountstats/nfs41-nconnect2-two-tcp-xprts-u64-max.txt"));
    const m = mount(report, 0);
    expect(m.retransmissions).toBe(24);
    expect(m.transports?.map((t) => [t.srcPort, t.retransmissions])).toEqual([
      [798, null],
      [799, null],
    ]);
    expect(op(m, "WRITE").queueMs).toBe("18446744073709551615");
    expect(m.bytes?.directReadBytes).toBe("9007199254740993");
    expect(op(m, "OPEN").errors).toBe(2);
    expect(mount(report, 1)).toMatchObject({ device: "tmpfs", fstype: "tmpfs", transports: null });
    expect(mount(report, 2)).toMatchObject({
      device: null,
      mountPoint: "/mnt/Media Share",
      fstype: "cifs",
      statVersion: null,
    });
  });

  it("names the line where a paste was cut inside the per-op table", () => {
    const result = parseMountstats(ownFixture("mountstats/truncated-mid-per-op.txt"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(10);
    expect(result.error.expected).toContain("per-op line");
    expect(result.error.got).toBe("READ: 1298 12");
  });
});

describe("parseMountstats edge cases", () => {
  const nfsHead = "device s:/x mounted on /x with fstype nfs statvers=1.1\n";

  it("treats blank input as no mounts", () => {
    expect(parseOk("")).toEqual({ mounts: [] });
    expect(parseOk("\n\n")).toEqual({ mounts: [] });
  });

  it("gives the same report for CRLF line endings", () => {
    const text = ownFixture("mountstats/nfs3-soft-tcp-retransmissions-timeouts.txt");
    expect(parseOk(text.replaceAll("\n", "\r\n"))).toEqual(parseOk(text));
  });

  it("keeps an unknown transport's name without guessing its fields", () => {
    const m = mount(parseOk(`${nfsHead}\txprt:\tvsock 1 2 3\n`), 0);
    expect(xprt(m)).toMatchObject({ protocol: "vsock", srcPort: null, sends: null });
  });

  it.each([
    ["stats before any device line", "\topts:\trw\n", 1, "device"],
    ["a device line missing its fstype", "device /dev/sda1 mounted on /", 1, "device"],
    [
      "stats under a mount without statvers",
      "device a mounted on /a with fstype ext4\n\tage:\t1\n",
      2,
      "device",
    ],
    ["a non-numeric age", `${nfsHead}\tage:\tsoon\n`, 2, "age"],
    ["a short tcp xprt line", `${nfsHead}\txprt:\ttcp 1 2 3 4 5\n`, 2, "xprt"],
    ["a counter beyond u64", `${nfsHead}\tbytes:\t18446744073709551616 0\n`, 2, "bytes"],
    ["a 21-digit counter", `${nfsHead}\tevents:\t100000000000000000000\n`, 2, "events"],
    ["a negative counter", `${nfsHead}\tevents:\t1 -2 3\n`, 2, "events"],
    ["a line that is no key", `${nfsHead}\tgarbage here\n`, 2, "key: value"],
    ["a short per-op line", `${nfsHead}\tper-op statistics\n\tREAD: 1 2 3\n`, 3, "per-op"],
    [
      "a lower-case op name",
      `${nfsHead}\tper-op statistics\n\tread: 1 2 3 4 5 6 7 8\n`,
      3,
      "per-op",
    ],
  ])("rejects %s at its line", (_, text, line, expected) => {
    const result = parseMountstats(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(line);
    expect(result.error.expected).toContain(expected);
  });

  it("sums retransmissions exactly past 2^53 with BigInt", () => {
    const ops = [
      "\tREAD: 1 9007199254740993 0 0 0 0 0 0",
      "\tWRITE: 0 9007199254740992 0 0 0 0 0 0",
    ].join("\n");
    const m = mount(parseOk(`${nfsHead}\tper-op statistics\n${ops}\n`), 0);
    expect(m.retransmissions).toBe("18014398509481984");
  });
});

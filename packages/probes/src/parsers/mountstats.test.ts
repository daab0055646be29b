import {
  type MountstatsMount,
  type MountstatsOperation,
  type MountstatsReport,
  MountstatsReportSchema,
  type MountstatsTransport,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { fixture, fixtureNames, hasSharedFixtures } from "../testing/fixtures";
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

const LOCAL_FS = {
  statVersion: null,
  ageSeconds: null,
  opts: null,
  events: null,
  bytes: null,
  rpcStatsVersion: null,
  transports: null,
  operations: null,
  retransmissions: null,
};

const NFS4_TCP_XPRT = {
  protocol: "tcp",
  srcPort: 832,
  bindCount: 0,
  connectCount: 1,
  connectTime: 0,
  idleTimeSeconds: 11,
  sends: 6428,
  recvs: 6428,
  badXids: 0,
  reqU: 12154,
  backlogU: 0,
  maxSlots: 24,
  sendingU: 26,
  pendingU: 5726,
  rdma: null,
  retransmissions: 0,
};

/** The READ and ACCESS lines shared by the procfs and node_exporter captures. */
const READ_1298 = {
  name: "READ",
  ops: 1298,
  transmissions: 1298,
  timeouts: 0,
  bytesSent: 207680,
  bytesReceived: 1210292152,
  queueMs: 6,
  rttMs: 79386,
  executeMs: 79407,
  errors: null,
};
const ACCESS_WRAPPED = {
  name: "ACCESS",
  ops: 2927395007,
  transmissions: 2927394995,
  timeouts: 0,
  bytesSent: 526931094212,
  bytesReceived: 362996810236,
  // A wrapped "negative" u64: kept exact as a string, never rounded to a float.
  queueMs: "18446743919241604546",
  rttMs: 1667369447,
  executeMs: 1953587717,
  errors: null,
};

function expectSharedNfs4Header(m: MountstatsMount) {
  expect(m).toMatchObject({
    device: "192.168.1.1:/srv/test",
    statVersion: "1.1",
    ageSeconds: 13968,
    rpcStatsVersion: "1.0",
    opts: { vers: "4.0", proto: "tcp", hard: true, timeo: 600, retrans: 2, port: 0 },
    bytes: {
      normalReadBytes: 1207640230,
      normalWriteBytes: 0,
      directReadBytes: 0,
      directWriteBytes: 0,
      serverReadBytes: 1210214218,
      serverWriteBytes: 0,
      readPages: 295483,
      writePages: 0,
    },
  });
  expect(m.events).toMatchObject({
    inodeRevalidates: 52,
    dentryRevalidates: 226,
    vfsOpen: 1,
    vfsLookup: 13,
    vfsAccess: 398,
    vfsReadPages: 331,
    vfsWritePages: 47,
    vfsFlush: 77,
    vfsRelease: 77,
    pnfsWrites: 0,
  });
}

describe.runIf(hasSharedFixtures("mountstats shared corpus"))(
  "parseMountstats on shared captures",
  () => {
    it("covers every file of mountstats/", () => {
      expect(fixtureNames("mountstats")).toEqual([
        "node_exporter-nfs4-duplicate-mount-and-nfs3-udp.txt",
        "procfs-nfs3-rdma-nconnect16-multi-xprt.txt",
        "procfs-nfs4-tcp-plus-local-fs.txt",
        "procfs-nfs41-kubernetes-pv-per-op-with-errors-column.txt",
      ]);
    });

    it("node_exporter: a duplicate nfs4 mount, an NFSv3/UDP mount and a 64-bit wrap value", () => {
      const report = parseOk(
        fixture("mountstats/node_exporter-nfs4-duplicate-mount-and-nfs3-udp.txt"),
      );
      expect(report.mounts.map((m) => [m.mountPoint, m.fstype])).toEqual([
        ["/", "rootfs"],
        ["/sys", "sysfs"],
        ["/proc", "proc"],
        ["/", "ext4"],
        ["/mnt/nfs/test", "nfs4"],
        ["/mnt/nfs/test-dupe", "nfs4"],
        ["/mnt/nfs/test-dupe", "nfs"],
      ]);
      expect(mount(report, 3)).toEqual({
        device: "/dev/sda1",
        mountPoint: "/",
        fstype: "ext4",
        ...LOCAL_FS,
      });
      const first = mount(report, 4);
      expectSharedNfs4Header(first);
      expect(first.transports).toEqual([NFS4_TCP_XPRT]);
      expect(first.operations?.map((o) => o.name)).toEqual(["NULL", "READ", "WRITE"]);
      expect(op(first, "READ")).toEqual(READ_1298);
      expect(first.retransmissions).toBe(0);
      const dupe = mount(report, 5);
      expectSharedNfs4Header(dupe);
      // The option string is read once, but each mount gets its own copy.
      expect(dupe.opts).toEqual(first.opts);
      expect(dupe.opts).not.toBe(first.opts);
      expect(op(dupe, "ACCESS")).toEqual(ACCESS_WRAPPED);
      // ACCESS has 12 fewer transmissions than ops; that is not −12 retransmissions.
      expect(dupe.retransmissions).toBe(0);
      const udp = mount(report, 6);
      expect(udp.opts).toMatchObject({ vers: "3", proto: "udp", mountaddr: "192.168.1.1" });
      expect(udp.opts?.other).toMatchObject({ mountproto: "udp", mountport: "47853" });
      expect(udp.transports).toEqual([
        {
          ...NFS4_TCP_XPRT,
          protocol: "udp",
          connectCount: null,
          connectTime: null,
          idleTimeSeconds: null,
        },
      ]);
    });

    it("procfs RDMA nconnect=16: sixteen xprt lines, RDMA counters, 9-column per-op", () => {
      const report = parseOk(fixture("mountstats/procfs-nfs3-rdma-nconnect16-multi-xprt.txt"));
      expect(report.mounts).toHaveLength(1);
      const m = mount(report, 0);
      expect(m).toMatchObject({
        device: "<nfsserver>:<nfsmount>",
        mountPoint: "<mountpoint>",
        fstype: "nfs",
        statVersion: "1.1",
        ageSeconds: 1270876,
        rpcStatsVersion: "1.1",
        opts: { readOnly: true, vers: "3", proto: "rdma", cto: false, port: 20049, acregmin: 120 },
        bytes: {
          normalReadBytes: 3104202770327296,
          serverReadBytes: 2013200952170479,
          readPages: 491504202537,
        },
        events: { inodeRevalidates: 512052, vfsReadPages: 2654459933, vfsRelease: 1498575 },
        retransmissions: 0,
      });
      expect(m.opts?.other).toMatchObject({ nconnect: "16", forcerdirplus: true });
      expect(m.transports).toHaveLength(16);
      expect(m.transports?.every((t) => t.protocol === "rdma" && t.retransmissions === null)).toBe(
        true,
      );
      expect(xprt(m, 0)).toMatchObject({
        srcPort: 0,
        bindCount: 0,
        connectCount: 5808,
        connectTime: 62,
        idleTimeSeconds: 0,
        sends: 494490723,
        recvs: 494490687,
        badXids: 36,
        reqU: 10032963746,
        backlogU: 1282789,
        maxSlots: null,
        rdma: {
          readChunkCount: 107150285,
          writeChunkCount: 1226637531,
          replyChunkCount: 2673889,
          totalRdmaRequest: 135120843409861,
          totalRdmaReply: 135119397156505,
          failedMarshalCount: 7853,
          mrsAllocated: 119328,
          localInvNeeded: 1336431717,
          replyWaitsForSend: 96,
        },
      });
      expect(xprt(m, 7).idleTimeSeconds).toBe(3);
      expect(xprt(m, 15).rdma?.emptySendctxQ).toBe(1);
      expect(m.operations).toHaveLength(22);
      expect(op(m, "LOOKUP")).toMatchObject({ ops: 16713, errors: 346 });
      expect(op(m, "READ")).toMatchObject({
        ops: 2654501510,
        bytesReceived: 2013540728551504,
        queueMs: 6347457114,
        executeMs: 37927280438,
        errors: 0,
      });
    });

    it("procfs nfs4 over TCP next to local filesystems", () => {
      const report = parseOk(fixture("mountstats/procfs-nfs4-tcp-plus-local-fs.txt"));
      expect(report.mounts).toHaveLength(5);
      expect(
        report.mounts.slice(0, 4).every((m) => m.statVersion === null && m.operations === null),
      ).toBe(true);
      const m = mount(report, 4);
      expectSharedNfs4Header(m);
      expect(m.opts?.mountaddr).toBe("192.168.1.1");
      expect(m.transports).toEqual([NFS4_TCP_XPRT]);
      expect(m.operations).toEqual([
        {
          ...READ_1298,
          name: "NULL",
          ops: 0,
          transmissions: 0,
          bytesSent: 0,
          bytesReceived: 0,
          queueMs: 0,
          rttMs: 0,
          executeMs: 0,
        },
        READ_1298,
        {
          ...READ_1298,
          name: "WRITE",
          ops: 0,
          transmissions: 0,
          bytesSent: 0,
          bytesReceived: 0,
          queueMs: 0,
          rttMs: 0,
          executeMs: 0,
        },
        ACCESS_WRAPPED,
      ]);
    });

    it("procfs NFSv4.1 Kubernetes PV: 63 ops with the errors column, mixed indentation", () => {
      const report = parseOk(
        fixture("mountstats/procfs-nfs41-kubernetes-pv-per-op-with-errors-column.txt"),
      );
      const m = mount(report, 0);
      expect(m).toMatchObject({
        device: "fs.example.com:/volume4/apps/home-automation/node-red-data",
        fstype: "nfs4",
        ageSeconds: 83520,
        rpcStatsVersion: "1.1",
        opts: { vers: "4.1", rsize: 131072, clientaddr: "192.168.1.191" },
        events: {
          inodeRevalidates: 52472,
          dentryRevalidates: 472680,
          dataInvalidates: 16671,
          attrInvalidates: 57552,
          setattrTrunc: 28,
          extendWrite: 9563845,
          sillyRenames: 34,
          pnfsWrites: 0,
        },
        bytes: {
          normalReadBytes: 2021340783,
          normalWriteBytes: 39056395530,
          serverWriteBytes: 39087991255,
          readPages: 442605,
          writePages: 9557343,
        },
        retransmissions: 0,
      });
      expect(m.mountPoint).toMatch(/^\/var\/lib\/kubelet\/pods\/1c2215a7-.*--pv0001$/);
      expect(m.transports).toEqual([
        {
          ...NFS4_TCP_XPRT,
          srcPort: 940,
          connectCount: 2,
          idleTimeSeconds: 1,
          sends: 938505,
          recvs: 938504,
          reqU: 12756069,
          maxSlots: 32,
          sendingU: 254729,
          pendingU: 10823602,
        },
      ]);
      expect(m.operations).toHaveLength(63);
      expect(m.operations?.every((o) => o.errors !== null)).toBe(true);
      expect(op(m, "OPEN").errors).toBe(394);
      expect(op(m, "LOOKUP").errors).toBe(3546);
      expect(op(m, "FREE_STATEID").errors).toBe(10413);
      expect(op(m, "WRITE")).toMatchObject({ bytesSent: 39161277084, queueMs: 401718334 });
      expect(op(m, "LAYOUTERROR").ops).toBe(0);
    });
  },
);

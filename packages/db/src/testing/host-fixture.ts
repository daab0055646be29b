import { gzipSync } from "node:zlib";
import type { FindingDraft } from "@holmes/core";
import type { Database } from "../client";
import { reconcileFindings } from "../queries/findings";
import { type HostSnapshot, recordFailure, recordSnapshot } from "../queries/fleet-state";
import { addHosts, listPollTargets } from "../queries/hosts";

const MINUTE = 60_000;

/**
 * A storage host in mid-incident, stored through the collector's own write path (three polls ten
 * minutes apart, then a failed one): RAID10 md2 lost sdd1 and rebuilds onto the spare sdg1, a
 * loop image with XFS sits on a soft NFS mount. For query and router tests on both databases.
 */
export async function seedStorageHost(db: Database, name: string, now: Date) {
  await addHosts(db, [{ name, address: "192.0.2.40", isSimulated: true, groups: ["storage"] }]);
  const [host] = await listPollTargets(db, [name]);
  if (!host) throw new Error(`seeding ${name} failed`);
  for (const [i, ago] of [20, 10, 0].entries()) {
    const at = new Date(now.getTime() - ago * MINUTE - MINUTE);
    await recordSnapshot(db, host.id, snapshotAt(at, i), {
      startedAt: at,
      durationMs: 800,
      status: i === 1 ? "partial" : "ok",
      rawOutputs: gzipSync(JSON.stringify(sections(i))),
      parseErrors: i === 1 ? [{ commandId: "mountstats", message: "line 3: bad counter" }] : null,
    });
  }
  await recordFailure(
    db,
    host.id,
    {
      at: now,
      state: "timeout",
      code: "TIMEOUT",
      message: "no answer within 30 s",
      durationMs: 30_000,
      retryAfterMs: MINUTE,
    },
    { startedAt: now, durationMs: 30_000, status: "failed", errorCode: "TIMEOUT" },
  );
  await reconcileFindings(db, host.id, FINDINGS, now);
  return { hostId: host.id };
}

const FINDINGS: FindingDraft[] = [
  {
    ruleId: "md.degraded",
    severity: "warning",
    objectKind: "array",
    objectName: "md2",
    title: "md2 is degraded and rebuilding (38.2% done)",
    explanation: "One more failure in the rebuilding pair loses data.",
    evidence: { values: { percent: 38.2 }, lines: [] },
    runbookId: null,
  },
  {
    ruleId: "loop.on_nfs",
    severity: "critical",
    objectKind: "loop",
    objectName: "loop0",
    title: "xfs on /srv/db1 sits on loop0, backed by NFS",
    explanation: "A stale NFS handle shuts that filesystem down.",
    evidence: { values: { filesystem: "xfs" }, lines: [] },
    runbookId: null,
  },
];

function sections(i: number) {
  return [
    {
      id: "uname",
      exitCode: 0,
      output: "5.14.0-362.el9.x86_64\n",
      isMissing: false,
      missingTool: null,
      isTruncated: false,
    },
    {
      id: "mountstats",
      exitCode: 0,
      output: `device fs1:/export/images poll ${i}\n${"x".repeat(5000)}`,
      isMissing: false,
      missingTool: null,
      isTruncated: false,
    },
  ];
}

const member = (device: string, slot: number | null, serial: string, extra = {}) => ({
  arrayName: "md2",
  device,
  slot,
  role: "active",
  stateFlags: ["active", "sync"],
  isFaulty: false,
  isSpare: false,
  diskSerial: serial,
  ...extra,
});

const disk = (name: string, serial: string, wear: number) => ({
  name,
  protocol: "ATA",
  model: "ST4000NM0035-1V4107",
  serial,
  capacityBytes: 4_000_787_030_016,
  smartPassed: true,
  temperatureC: 34 + wear,
  powerOnHours: 41_000,
  health: {
    attributes: [
      {
        id: 5,
        name: "Reallocated_Sector_Ct",
        value: 100,
        worst: 100,
        threshold: 10,
        raw: 300 * wear,
        rawString: "",
        whenFailed: "",
        isPrefailure: true,
      },
      {
        id: 9,
        name: "Power_On_Hours",
        value: 53,
        worst: 53,
        threshold: 0,
        raw: 41_000,
        rawString: "",
        whenFailed: "",
        isPrefailure: false,
      },
      {
        id: 197,
        name: "Current_Pending_Sector",
        value: 100,
        worst: 100,
        threshold: 0,
        raw: 16 * wear,
        rawString: "",
        whenFailed: "",
        isPrefailure: false,
      },
    ],
    nvme: null,
    scsi: null,
    hoursSinceLastSelfTest: 5,
    errorLogCount: wear,
  },
});

function snapshotAt(observedAt: Date, i: number): HostSnapshot {
  const wear = i + 1;
  return {
    observedAt,
    kernelRelease: "5.14.0-362.el9.x86_64",
    osName: "Rocky Linux 9.3 (Blue Onyx)",
    missingTools: [],
    arrays: [
      {
        name: "md2",
        uuid: "a1b2c3d4:00000000:00000000:00000002",
        level: "raid10",
        state: "active",
        degraded: true,
        raidDisks: 4,
        activeDisks: 3,
        statusString: "[U_UU]",
        layout: "near=2",
        chunkKb: 512,
        syncAction: "recovery",
        syncPercent: 18.2 + 10 * i,
        syncSpeedKbps: 151_000,
        syncFinishMinutes: 12.4,
      },
    ],
    members: [
      member("sdc1", 0, "ZC100001"),
      member("sdd1", null, "ZC100002", { role: "faulty", stateFlags: ["faulty"], isFaulty: true }),
      member("sdg1", 1, "ZC100005", { role: "rebuilding", stateFlags: ["spare", "rebuilding"] }),
      member("sde1", 2, "ZC100003"),
      member("sdf1", 3, "ZC100004"),
    ],
    disks: [
      disk("sdc", "ZC100001", 0),
      disk("sdd", "ZC100002", wear),
      disk("sde", "ZC100003", 0),
      disk("sdf", "ZC100004", 0),
      disk("sdg", "ZC100005", 0),
    ],
    mounts: [
      { mountPoint: "/", source: "/dev/mapper/vgdata-data", fstype: "xfs", options: "rw,relatime" },
      {
        mountPoint: "/mnt/images",
        source: "fs1:/export/images",
        fstype: "nfs",
        options: "rw,soft,intr",
        nfs: {
          server: "fs1",
          export: "/export/images",
          vers: "3",
          proto: "tcp",
          hard: false,
          soft: true,
          softerr: false,
          timeo: 150,
          retrans: 3,
          intr: true,
          readOnly: false,
        },
      },
      { mountPoint: "/srv/db1", source: "/dev/loop0", fstype: "xfs", options: "rw,relatime" },
    ],
    loopDevices: [{ name: "loop0", backFile: "/mnt/images/db1.img" }],
    volumeGroups: [
      {
        name: "vgdata",
        sizeBytes: 8e12,
        freeBytes: 8e11,
        physicalVolumes: [
          { pvName: "/dev/md2", vgName: "vgdata", pvSize: 8e12, pvFree: 8e11, isMissing: false },
        ],
        logicalVolumes: [
          {
            lvName: "data",
            vgName: "vgdata",
            lvSize: 7.2e12,
            lvAttr: "-wi-ao----",
            segtype: "linear",
            isHidden: false,
            devices: [{ path: "/dev/md2", startExtent: 0 }],
            healthStatus: "",
            volumeHealth: null,
          },
        ],
      },
    ],
    kernelEvents: [
      {
        loggedAt: new Date(observedAt.getTime() - 1000),
        kind: "md_disk_failure",
        severity: "critical",
        device: "sdd1",
        rawLine: `md/raid10:md2: Disk failure on sdd1, disabling device. (${i})`,
      },
    ],
    smartSamples: [
      {
        diskSerial: "ZC100002",
        temperatureC: 34 + wear,
        counters: { ata5: 300 * wear, ata197: 16 * wear },
      },
    ],
    nfsSamples: [
      // 600 ops and 3000 ms of RTT per 10 minutes: 5 ms per read; 30 retransmissions per poll.
      {
        mountPoint: "/mnt/images",
        retransmissions: 100 + 30 * i,
        operations: {
          READ: { ops: 1000 + 600 * i, rttMs: 4000 + 3000 * i, executeMs: 5000 + 3600 * i },
        },
      },
    ],
  };
}

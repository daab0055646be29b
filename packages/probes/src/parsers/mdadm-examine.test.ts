import {
  describeParseError,
  type MdadmDdfPhysicalDisk,
  type MdadmDdfVirtualDisk,
  type MdadmExamine,
  type MdadmExamineDeviceRow,
  MdadmExamineSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { fixture, fixtureNames, hasSharedFixtures } from "../testing/fixtures";
import { emptyExamine } from "./md-examine-fields";
import { parseMdadmExamine } from "./mdadm-examine";

type Row = MdadmExamineDeviceRow;
type Expected = Partial<Omit<MdadmExamine, "thisDevice" | "deviceTable">> & {
  thisDevice?: string;
  deviceTable?: string[];
};

function parseOk(text: string): MdadmExamine {
  const result = parseMdadmExamine(text);
  if (!result.ok) throw new Error(describeParseError(result.error));
  return MdadmExamineSchema.parse(result.value);
}

const rowText = (r: Row) =>
  `${r.index ?? "this"} ${r.number} ${r.major}:${r.minor} ${r.raidDevice} ${r.stateFlags.join(",")} ${r.device ?? "-"}`;

/** Every field is compared: whatever the expectation omits must be null/empty. */
function expectExamine(ex: MdadmExamine, expected: Expected): void {
  const { thisDevice, deviceTable, ...rest } = ex;
  expect({
    ...rest,
    thisDevice: thisDevice ? rowText(thisDevice) : undefined,
    deviceTable: deviceTable.map(rowText),
  }).toEqual({
    ...emptyExamine(),
    thisDevice: undefined,
    ...expected,
    deviceTable: expected.deviceTable ?? [],
  });
}

const A = "active" as const;
const checksum = (sum: string) => ({ checksum: sum, checksumCorrect: true });
const events = (n: number) => ({ events: n, eventsRaw: String(n) });
const role = (slot: number) => ({
  deviceRole: slot,
  deviceRoleSlot: slot,
  deviceRoleRaw: `Active device ${slot}`,
});
const unused = (before: number) => ({
  otherFields: { "Unused Space": `before=${before} sectors, after=0 sectors` },
});
const V12 = { magic: "a92b4efc", version: "1.2", featureMap: "0x0", state: "clean" };
// All sysrescue:126 members: 1.2, raid1, 2 devices, 2048-sector data offset.
const MD126 = {
  ...V12,
  arrayUuid: "e054553a:fbccdcfe:0ae80bc8:9379377a",
  name: "sysrescue:126",
  localToHost: "sysrescue",
  creationTime: "Sun Aug  7 21:15:49 2022",
  raidLevel: "raid1",
  raidDevices: 2,
  availDevSizeSectors: 202752,
  arraySizeKb: 101376,
  dataOffsetSectors: 2048,
  superOffsetSectors: 8,
  badBlockLog: "512 entries available at offset 16 sectors",
  arrayState: "AA",
  arrayStateSlots: [A, A],
  ...unused(1968),
};
const RAID0 = {
  ...V12,
  device: "/dev/vda1",
  arrayUuid: "7e81a856:abb9c1c2:4b71237a:9778cc66",
  name: "sysrescue:0",
  localToHost: "sysrescue",
  creationTime: "Sun Aug  7 20:56:52 2022",
  raidLevel: "raid0",
  raidDevices: 2,
  availDevSizeSectors: 200704,
  dataOffsetSectors: 4096,
  superOffsetSectors: 8,
  deviceUuid: "a49d96f1:8e86ca03:5ff499ec:8cdd42bb",
  updateTime: "Sun Aug  7 20:56:52 2022",
  badBlockLog: "512 entries available at offset 8 sectors",
  ...checksum("eeb6cbe3"),
  ...events(0),
  chunkSizeKb: 512,
  ...role(0),
  arrayState: "AA",
  arrayStateSlots: [A, A],
  ...unused(4016),
};
const RAID5 = {
  ...V12,
  device: "/dev/vda1",
  raidLevel: "raid5",
  raidDevices: 3,
  availDevSizeSectors: 405504,
  arraySizeKb: 405504,
  dataOffsetSectors: 4096,
  superOffsetSectors: 8,
  badBlockLog: "512 entries available at offset 16 sectors",
  ...events(18),
  layout: "left-symmetric",
  chunkSizeKb: 512,
  ...role(0),
  arrayState: "AAA",
  arrayStateSlots: [A, A, A],
  ...unused(4016),
};
const META090 = { magic: "a92b4efc", version: "0.90.00", localToHost: "sysrescue", state: "clean" };
const DDF_CONTROLLER = "4C696E75:782D4D44:20202020:20202073:79737265:73637565";
const vd = (
  index: number,
  guid: string,
  unit: number,
  name: string,
  sizeKb: number,
): MdadmDdfVirtualDisk => ({
  index,
  guid,
  unit,
  state: "Optimal, Consistent",
  initState: "Fully Initialised",
  access: "Read/Write",
  name,
  raidDevices: 2,
  raidLevel: "RAID1",
  chunkSizeSectors: null,
  deviceSizeKb: sizeKb,
  arraySizeKb: sizeKb,
});
const pd = (
  number: number,
  refNo: string,
  sizeKb: number,
  device: string | null,
): MdadmDdfPhysicalDisk => ({
  number,
  refNo,
  sizeKb,
  device,
  type: "active",
  state: "Online",
});
const CONTAINER2_GUID = "4C696E75:782D4D44:DEADBEEF:00000000:502D04BE:255CF1BB";
const CONTAINER2_VDS = [
  vd(0, "4C696E75:782D4D44:DEADBEEF:00000000:502D04C9:67A05911", 127, "vol0", 1024),
  vd(1, "4C696E75:782D4D44:DEADBEEF:00000000:502D04D0:BA95BF7D", 126, "vol1", 1024),
];
const ddf = (
  containerGuid: string,
  seq: string,
  virtualDisks: MdadmDdfVirtualDisk[],
  physicalDisks: MdadmDdfPhysicalDisk[],
) => ({
  magic: "de11de11",
  version: "01.02.00",
  ddf: {
    controllerGuid: DDF_CONTROLLER,
    containerGuid,
    seq,
    redundantHeader: true,
    virtualDiskCount: virtualDisks.length,
    virtualDisks,
    // mdadm 4.x prints the table capacity (max_pdes) here, not the number of rows.
    physicalDiskCount: 1023,
    physicalDisks,
  },
});

const SHARED: Record<string, Expected> = {
  "jc-container1.txt": {
    device: "/dev/vda",
    ...ddf(
      "4C696E75:782D4D44:DEADBEEF:00000000:502D01BA:FB6D4FCB",
      "00000008",
      [vd(0, "4C696E75:782D4D44:DEADBEEF:00000000:502D01DF:DBFB2605", 127, "vol0", 786432)],
      [pd(0, "d32b14d7", 786432, "/dev/vda"), pd(1, "886a9f58", 913408, null)],
    ),
  },
  "jc-container2-dev1.txt": {
    device: "/dev/vda",
    ...ddf(CONTAINER2_GUID, "0000000e", CONTAINER2_VDS, [
      pd(0, "33552859", 786432, "/dev/vda"),
      pd(1, "1a6ba673", 913408, null),
    ]),
  },
  "jc-container2-dev2.txt": {
    device: "/dev/vdb",
    ...ddf(CONTAINER2_GUID, "0000000e", CONTAINER2_VDS, [
      pd(0, "33552859", 786432, null),
      pd(1, "1a6ba673", 913408, "/dev/vdb"),
    ]),
  },
  "jc-raid-v1.1-generic.txt": {
    ...V12,
    device: "/dev/sdb1",
    version: "1.1",
    featureMap: "0x1",
    arrayUuid: "85c5b164:d58a5ada:14f5fe07:d642e843",
    name: "virttest:0",
    creationTime: "Tue Apr 13 23:22:16 2010",
    raidLevel: "raid1",
    raidDevices: 2,
    availDevSizeSectors: 11721041656,
    arraySizeKb: 5860520828,
    dataOffsetSectors: 264,
    superOffsetSectors: 0,
    deviceUuid: "813162e5:2e865efe:02ba5570:7003165c",
    internalBitmap: "8 sectors from superblock",
    updateTime: "Tue Jul 26 20:16:31 2022",
    badBlockLog: "512 entries available at offset 72 sectors",
    ...checksum("f141a577"),
    ...events(2193679),
    ...role(0),
    arrayState: "AA",
    arrayStateSlots: [A, A],
    ...unused(80),
  },
  // Same capture as jc-raid0-ok.txt upstream (an "offline" raid0 member looks identical).
  "jc-raid0-offline.txt": RAID0,
  "jc-raid0-ok.txt": RAID0,
  "jc-raid1-0-90-ok.txt": {
    ...META090,
    device: "/dev/vda1",
    arrayUuid: "3f720601:29af5283:96fc04a8:108a4af7",
    creationTime: "Sun Aug  7 21:52:56 2022",
    raidLevel: "raid1",
    usedDevSizeSectors: 204672,
    arraySizeKb: 102336,
    raidDevices: 2,
    totalDevices: 2,
    preferredMinor: 0,
    updateTime: "Sun Aug  7 21:54:35 2022",
    activeDevices: 2,
    workingDevices: 2,
    failedDevices: 0,
    spareDevices: 0,
    ...checksum("7fb4bb0e"),
    ...events(18),
    deviceRole: 0,
    deviceRoleSlot: 0,
    thisDevice: "this 0 254:1 0 active,sync /dev/vda1",
    deviceTable: ["0 0 254:1 0 active,sync /dev/vda1", "1 1 254:2 1 active,sync /dev/vda2"],
  },
  "jc-raid1-failfast.txt": {
    ...MD126,
    device: "/dev/vda2",
    deviceUuid: "140a340b:69d5759c:b87ce67c:6579ce22",
    flags: ["failfast"],
    updateTime: "Sun Aug  7 21:37:34 2022",
    ...checksum("4bf42c40"),
    ...events(51),
    ...role(1),
  },
  // Member 0 after member 1 failed: slot 1 shows missing.
  "jc-raid1-faulty1.txt": {
    ...MD126,
    device: "/dev/vda1",
    deviceUuid: "1ec6a01d:e96d7f47:59970cf2:f0c056d2",
    updateTime: "Sun Aug  7 21:28:34 2022",
    ...checksum("2e18e0bb"),
    ...events(25),
    ...role(0),
    arrayState: "A.",
    arrayStateSlots: [A, "missing"],
  },
  // The failed member's own superblock is stale (events 23 < 25) and still says AA.
  "jc-raid1-faulty2.txt": {
    ...MD126,
    device: "/dev/vda2",
    deviceUuid: "66e4da05:9cc62990:0620d976:579c0948",
    updateTime: "Sun Aug  7 21:27:02 2022",
    ...checksum("597fbb6b"),
    ...events(23),
    ...role(1),
  },
  "jc-raid1-moreflags.txt": {
    ...MD126,
    device: "/dev/vda2",
    deviceUuid: "cc336e3b:67a49dea:480135ed:9e1280cd",
    flags: ["write-mostly", "failfast"],
    updateTime: "Sun Aug  7 21:48:58 2022",
    ...checksum("e5554588"),
    ...events(78),
    ...role(1),
  },
  "jc-raid1-ok.txt": {
    ...MD126,
    device: "/dev/vda1",
    deviceUuid: "1ec6a01d:e96d7f47:59970cf2:f0c056d2",
    updateTime: "Sun Aug  7 21:20:08 2022",
    ...checksum("2e1bdeb8"),
    ...events(17),
    ...role(0),
  },
  "jc-raid1-replacing.txt": {
    ...MD126,
    device: "/dev/vda2",
    featureMap: "0x12",
    recoveryOffsetSectors: 115200,
    deviceUuid: "cc336e3b:67a49dea:480135ed:9e1280cd",
    flags: ["write-mostly", "failfast"],
    updateTime: "Sun Aug  7 21:48:15 2022",
    ...checksum("e55a076b"),
    ...events(75),
    deviceRole: "replacement",
    deviceRoleSlot: 1,
    deviceRoleRaw: "Replacement device 1",
    arrayState: "AR",
    arrayStateSlots: [A, "replacing"],
  },
  "jc-raid1-spare.txt": {
    ...MD126,
    device: "/dev/vda4",
    deviceUuid: "46b6f457:a3cf3db3:41217976:74a7243c",
    updateTime: "Sun Aug  7 21:39:58 2022",
    ...checksum("c265a5d4"),
    ...events(52),
    deviceRole: "spare",
    deviceRoleRaw: "spare",
  },
  // "State : active" in a superblock: the array was not cleanly stopped (resync pending).
  "jc-raid1-syncing.txt": {
    ...MD126,
    device: "/dev/vda1",
    state: "active",
    deviceUuid: "1ec6a01d:e96d7f47:59970cf2:f0c056d2",
    updateTime: "Sun Aug  7 21:15:49 2022",
    ...checksum("2e1bdda4"),
    ...events(0),
    ...role(0),
  },
  "jc-raid5-homehost.txt": {
    ...RAID5,
    arrayUuid: "07bcc229:6af63526:b1fc14ff:af3524ef",
    name: "foohost:0",
    creationTime: "Tue Aug 16 17:02:01 2022",
    deviceUuid: "28848fbc:1648c806:004ddc4a:7820c3fc",
    updateTime: "Tue Aug 16 17:02:05 2022",
    ...checksum("5b482818"),
  },
  "jc-raid5-meta09.txt": {
    ...META090,
    device: "/dev/vda1",
    arrayUuid: "4de9c6a6:ce05eada:96fc04a8:108a4af7",
    creationTime: "Tue Aug 16 17:05:02 2022",
    raidLevel: "raid5",
    usedDevSizeSectors: 408576,
    arraySizeKb: 408576,
    raidDevices: 3,
    totalDevices: 3,
    preferredMinor: 0,
    updateTime: "Tue Aug 16 17:05:06 2022",
    activeDevices: 3,
    workingDevices: 3,
    failedDevices: 0,
    spareDevices: 0,
    ...checksum("32a3d70f"),
    ...events(19),
    layout: "left-symmetric",
    chunkSizeKb: 512,
    deviceRole: 0,
    deviceRoleSlot: 0,
    thisDevice: "this 0 254:1 0 active,sync /dev/vda1",
    deviceTable: [
      "0 0 254:1 0 active,sync /dev/vda1",
      "1 1 254:2 1 active,sync /dev/vda2",
      "2 2 254:3 2 active,sync /dev/vda3",
    ],
  },
  "jc-raid5-ok.txt": {
    ...RAID5,
    arrayUuid: "4d798d62:adfb6a9f:cbe9a393:b79cd3f4",
    name: "sysrescue:0",
    localToHost: "sysrescue",
    creationTime: "Tue Aug 16 16:59:34 2022",
    deviceUuid: "56dec54e:4d8b51c1:a7a07f77:de3be376",
    updateTime: "Tue Aug 16 16:59:39 2022",
    ...checksum("e02c8e48"),
  },
};

// Filed as --examine upstream but holding `mdadm --detail /dev/md126` output.
const DETAIL_IN_EXAMINE_FOLDER = ["jc-raid1-checking.txt", "jc-raid1-resync.txt"];

describe.runIf(hasSharedFixtures("mdadm --examine shared captures"))(
  "parseMdadmExamine on shared captures",
  () => {
    it("covers every capture in the folder", () => {
      const covered = [...Object.keys(SHARED), ...DETAIL_IN_EXAMINE_FOLDER].sort();
      expect(covered).toEqual(fixtureNames("mdadm-examine"));
    });

    it.each(Object.keys(SHARED))("%s", (name) => {
      const expected = SHARED[name];
      if (!expected) throw new Error(`no expectation for ${name}`);
      expectExamine(parseOk(fixture(`mdadm-examine/${name}`)), expected);
    });

    it.each(DETAIL_IN_EXAMINE_FOLDER)(
      "rejects %s: it is --detail output, not a superblock",
      (name) => {
        expect(parseMdadmExamine(fixture(`mdadm-examine/${name}`))).toEqual({
          ok: false,
          error: {
            code: "PARSE_FAILED",
            line: 2,
            expected: '"Magic : …" superblock line (mdadm --examine output)',
            got: "Version : 1.2",
          },
        });
      },
    );
  },
);

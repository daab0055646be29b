import {
  describeParseError,
  type MdadmDetail,
  type MdadmDetailDevice,
  MdadmDetailSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { fixture, fixtureNames, hasSharedFixtures } from "../testing/fixtures";
import { emptyDetail } from "./md-detail-fields";
import { parseMdadmDetail } from "./mdadm-detail";

type Expected = Partial<Omit<MdadmDetail, "devices">> & { devices: string[] };

function parseOk(text: string): MdadmDetail {
  const result = parseMdadmDetail(text);
  if (!result.ok) throw new Error(describeParseError(result.error));
  return MdadmDetailSchema.parse(result.value);
}

/** `number major:minor slot flags device`, `-` for null; export rows add `@sysName`. */
function deviceText(d: MdadmDetailDevice): string {
  const numbers = `${d.number ?? "-"} ${d.major ?? "-"}:${d.minor ?? "-"} ${d.raidDevice ?? "-"}`;
  const sys = d.sysName === null ? "" : ` @${d.sysName}`;
  return `${numbers} ${d.stateFlags.join(",") || "-"} ${d.device ?? "-"}${sys}`;
}

/** Compares every field: anything the expectation leaves out must be null/empty. */
function expectDetail(detail: MdadmDetail, expected: Expected): void {
  const { devices, ...rest } = detail;
  expect({ ...rest, devices: devices.map(deviceText) }).toEqual({
    ...emptyDetail(expected.format ?? "text"),
    ...expected,
  });
}

const CLEAN = { state: "clean", stateFlags: ["clean"] };
const PERSISTENT = { persistence: "Superblock is persistent" };
// The jc captures of one raid1 (sysrescue:126) walked through failure, spare and rebuild.
const MD126 = {
  ...PERSISTENT,
  version: "1.2",
  creationTime: "Sun Aug  7 21:15:49 2022",
  raidLevel: "raid1",
  arraySizeKb: 101376,
  usedDevSizeKb: 101376,
  raidDevices: 2,
  consistencyPolicy: "resync",
  name: "sysrescue:126",
  localToHost: "sysrescue",
  uuid: "e054553a:fbccdcfe:0ae80bc8:9379377a",
};
const VDA1_SLOT0 = "0 254:1 0 active,sync /dev/vda1";
const counts = (active: number, working: number, failed: number, spare: number | null) => ({
  activeDevices: active,
  workingDevices: working,
  failedDevices: failed,
  spareDevices: spare,
});
const events = (n: number, raw = String(n)) => ({ events: n, eventsRaw: raw });
const DDF_SEQ = (seq: string, disks: string) => ({ Seq: seq, "Virtual Disks": disks });

const SHARED: Record<string, Expected> = {
  "mdadm-detail/jc-container1-member.txt": {
    device: "/dev/md127",
    container: "/dev/md0",
    member: "0",
    raidLevel: "raid1",
    arraySizeKb: 786432,
    usedDevSizeKb: 786432,
    raidDevices: 2,
    totalDevices: 2,
    ...CLEAN,
    ...counts(2, 2, 0, null),
    consistencyPolicy: "resync",
    containerGuid: "4C696E75:782D4D44:DEADBEEF:00000000:502D01BA:FB6D4FCB",
    otherFields: DDF_SEQ("00000008", "1"),
    devices: ["0 254:16 0 active,sync /dev/vdb", "1 254:0 1 active,sync /dev/vda"],
  },
  "mdadm-detail/jc-container1-root.txt": {
    device: "/dev/md0",
    version: "ddf",
    raidLevel: "container",
    totalDevices: 2,
    workingDevices: 2,
    containerGuid: "4C696E75:782D4D44:DEADBEEF:00000000:502D01BA:FB6D4FCB",
    memberArrays: ["/dev/md/vol0"],
    otherFields: DDF_SEQ("00000008", "1"),
    devices: ["- 254:0 - - /dev/vda", "- 254:16 - - /dev/vdb"],
  },
  "mdadm-detail/jc-container2-member.txt": {
    device: "/dev/md126",
    container: "/dev/md0",
    member: "1",
    raidLevel: "raid1",
    arraySizeKb: 1024,
    usedDevSizeKb: 1024,
    raidDevices: 2,
    totalDevices: 2,
    ...CLEAN,
    ...counts(2, 2, 0, null),
    consistencyPolicy: "resync",
    containerGuid: "4C696E75:782D4D44:DEADBEEF:00000000:502D04BE:255CF1BB",
    otherFields: DDF_SEQ("0000000e", "2"),
    devices: ["0 254:16 0 active,sync /dev/vdb", "1 254:0 1 active,sync /dev/vda"],
  },
  "mdadm-detail/jc-container2-root.txt": {
    device: "/dev/md0",
    version: "ddf",
    raidLevel: "container",
    totalDevices: 2,
    workingDevices: 2,
    containerGuid: "4C696E75:782D4D44:DEADBEEF:00000000:502D04BE:255CF1BB",
    memberArrays: ["/dev/md/vol0", "/dev/md/vol1"],
    otherFields: DDF_SEQ("0000000e", "2"),
    devices: ["- 254:0 - - /dev/vda", "- 254:16 - - /dev/vdb"],
  },
  "mdadm-detail/jc-detail.txt": {
    ...PERSISTENT,
    device: "/dev/md0",
    version: "1.1",
    creationTime: "Tue Apr 13 23:22:16 2010",
    raidLevel: "raid1",
    arraySizeKb: 5860520828,
    usedDevSizeKb: 5860520828,
    raidDevices: 2,
    totalDevices: 2,
    intentBitmap: "Internal",
    updateTime: "Tue Jul 26 20:16:31 2022",
    ...CLEAN,
    ...counts(2, 2, 0, 0),
    consistencyPolicy: "bitmap",
    name: "virttest:0",
    uuid: "85c5b164:d58a5ada:14f5fe07:d642e843",
    ...events(2193679),
    devices: ["3 8:17 0 active,sync /dev/sdb1", "2 8:33 1 active,sync /dev/sdc1"],
  },
  "mdadm-detail/jc-raid0-ok.txt": {
    ...PERSISTENT,
    device: "/dev/md0",
    version: "1.2",
    creationTime: "Sun Aug  7 20:56:52 2022",
    raidLevel: "raid0",
    arraySizeKb: 200704,
    raidDevices: 2,
    totalDevices: 2,
    updateTime: "Sun Aug  7 20:56:52 2022",
    ...CLEAN,
    ...counts(2, 2, 0, 0),
    layout: "-unknown-",
    chunkSizeKb: 512,
    consistencyPolicy: "none",
    name: "sysrescue:0",
    localToHost: "sysrescue",
    uuid: "7e81a856:abb9c1c2:4b71237a:9778cc66",
    ...events(0),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2"],
  },
  "mdadm-detail/jc-raid1-failed-and-flags.txt": {
    ...MD126,
    device: "/dev/md127",
    totalDevices: 3,
    updateTime: "Sun Aug  7 21:48:58 2022",
    ...CLEAN,
    ...counts(2, 2, 1, 0),
    ...events(78),
    devices: [
      VDA1_SLOT0,
      "2 254:2 1 active,sync,writemostly,failfast /dev/vda2",
      "3 254:4 - faulty /dev/vda4",
    ],
  },
  "mdadm-detail/jc-raid1-faulty-and-removed.txt": {
    ...MD126,
    device: "/dev/md127",
    totalDevices: 1,
    updateTime: "Sun Aug  7 21:32:27 2022",
    state: "clean, degraded",
    stateFlags: ["clean", "degraded"],
    ...counts(1, 1, 0, 0),
    ...events(31),
    devices: [VDA1_SLOT0, "- 0:0 1 removed -"],
  },
  "mdadm-detail/jc-raid1-faulty-with-spare.txt": {
    ...MD126,
    device: "/dev/md127",
    totalDevices: 3,
    updateTime: "Sun Aug  7 21:43:18 2022",
    state: "clean, degraded, recovering",
    stateFlags: ["clean", "degraded", "recovering"],
    ...counts(1, 2, 1, 1),
    rebuildStatusPercent: 24,
    ...events(57),
    devices: [
      VDA1_SLOT0,
      "3 254:4 1 spare,rebuilding /dev/vda4",
      "2 254:2 - faulty,failfast /dev/vda2",
    ],
  },
  "mdadm-detail/jc-raid1-faulty.txt": {
    ...MD126,
    device: "/dev/md126",
    totalDevices: 2,
    updateTime: "Sun Aug  7 21:28:34 2022",
    state: "clean, degraded",
    stateFlags: ["clean", "degraded"],
    ...counts(1, 1, 1, 0),
    ...events(25),
    devices: [VDA1_SLOT0, "- 0:0 1 removed -", "1 254:2 - faulty /dev/vda2"],
  },
  // 0.90 prints Events as hi.lo of two 32-bit halves: 0.18 is 18.
  "mdadm-detail/jc-raid1-ok-0-9.txt": {
    ...PERSISTENT,
    device: "/dev/md0",
    version: "0.90",
    creationTime: "Sun Aug  7 21:52:56 2022",
    raidLevel: "raid1",
    arraySizeKb: 102336,
    usedDevSizeKb: 102336,
    raidDevices: 2,
    totalDevices: 2,
    preferredMinor: 0,
    updateTime: "Sun Aug  7 21:54:35 2022",
    ...CLEAN,
    ...counts(2, 2, 0, 0),
    consistencyPolicy: "resync",
    localToHost: "sysrescue",
    uuid: "3f720601:29af5283:96fc04a8:108a4af7",
    ...events(18, "0.18"),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2"],
  },
  "mdadm-detail/jc-raid1-ok-failfast.txt": {
    ...MD126,
    device: "/dev/md127",
    totalDevices: 2,
    updateTime: "Sun Aug  7 21:37:34 2022",
    ...CLEAN,
    ...counts(2, 2, 0, 0),
    ...events(51),
    devices: [VDA1_SLOT0, "2 254:2 1 active,sync,failfast /dev/vda2"],
  },
  "mdadm-detail/jc-raid1-ok-spare.txt": {
    ...MD126,
    device: "/dev/md127",
    totalDevices: 3,
    updateTime: "Sun Aug  7 21:39:58 2022",
    ...CLEAN,
    ...counts(2, 3, 0, 1),
    ...events(52),
    devices: [VDA1_SLOT0, "2 254:2 1 active,sync,failfast /dev/vda2", "3 254:4 - spare /dev/vda4"],
  },
  "mdadm-detail/jc-raid1-ok.txt": {
    ...MD126,
    device: "/dev/md126",
    totalDevices: 2,
    updateTime: "Sun Aug  7 21:20:08 2022",
    ...CLEAN,
    ...counts(2, 2, 0, 0),
    ...events(17),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2"],
  },
  "mdadm-detail/jc-raid1-rebuild-failfast.txt": {
    ...MD126,
    device: "/dev/md127",
    totalDevices: 2,
    updateTime: "Sun Aug  7 21:36:17 2022",
    state: "clean, degraded, recovering",
    stateFlags: ["clean", "degraded", "recovering"],
    ...counts(1, 2, 0, 1),
    rebuildStatusPercent: 20,
    ...events(37),
    devices: [VDA1_SLOT0, "2 254:2 1 failfast,spare,rebuilding /dev/vda2"],
  },
  // `mdadm --replace`: vda2 rebuilds as the replacement of slot 1 while vda4 still serves it.
  "mdadm-detail/jc-raid1-spare-writem-rebuild.txt": {
    ...MD126,
    device: "/dev/md127",
    totalDevices: 3,
    updateTime: "Sun Aug  7 21:47:42 2022",
    state: "clean, recovering",
    stateFlags: ["clean", "recovering"],
    ...counts(2, 3, 0, 1),
    rebuildStatusPercent: 30,
    ...events(74),
    devices: [
      VDA1_SLOT0,
      "2 254:2 1 writemostly,failfast,spare,rebuilding /dev/vda2",
      "3 254:4 1 active,sync /dev/vda4",
    ],
  },
  "mdadm-detail/jc-raid1-syncing.txt": {
    ...MD126,
    device: "/dev/md126",
    totalDevices: 2,
    updateTime: "Sun Aug  7 21:15:49 2022",
    state: "clean, resyncing",
    stateFlags: ["clean", "resyncing"],
    ...counts(2, 2, 0, 0),
    resyncStatusPercent: 4,
    ...events(0),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2"],
  },
  "mdadm-detail/jc-raid5-homehost.txt": {
    ...PERSISTENT,
    device: "/dev/md0",
    version: "1.2",
    creationTime: "Tue Aug 16 17:02:01 2022",
    raidLevel: "raid5",
    arraySizeKb: 405504,
    usedDevSizeKb: 202752,
    raidDevices: 3,
    totalDevices: 3,
    updateTime: "Tue Aug 16 17:02:05 2022",
    ...CLEAN,
    ...counts(3, 3, 0, 0),
    layout: "left-symmetric",
    chunkSizeKb: 512,
    consistencyPolicy: "resync",
    name: "foohost:0",
    uuid: "07bcc229:6af63526:b1fc14ff:af3524ef",
    ...events(18),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2", "3 254:3 2 active,sync /dev/vda3"],
  },
  "mdadm-detail/jc-raid5-meta09.txt": {
    ...PERSISTENT,
    device: "/dev/md0",
    version: "0.90",
    creationTime: "Tue Aug 16 17:05:02 2022",
    raidLevel: "raid5",
    arraySizeKb: 408576,
    usedDevSizeKb: 204288,
    raidDevices: 3,
    totalDevices: 3,
    preferredMinor: 0,
    updateTime: "Tue Aug 16 17:05:06 2022",
    ...CLEAN,
    ...counts(3, 3, 0, 0),
    layout: "left-symmetric",
    chunkSizeKb: 512,
    consistencyPolicy: "resync",
    localToHost: "sysrescue",
    uuid: "4de9c6a6:ce05eada:96fc04a8:108a4af7",
    ...events(19, "0.19"),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2", "2 254:3 2 active,sync /dev/vda3"],
  },
  "mdadm-detail/jc-raid5-ok.txt": {
    ...PERSISTENT,
    device: "/dev/md0",
    version: "1.2",
    creationTime: "Tue Aug 16 16:59:34 2022",
    raidLevel: "raid5",
    arraySizeKb: 405504,
    usedDevSizeKb: 202752,
    raidDevices: 3,
    totalDevices: 3,
    updateTime: "Tue Aug 16 16:59:39 2022",
    ...CLEAN,
    ...counts(3, 3, 0, 0),
    layout: "left-symmetric",
    chunkSizeKb: 512,
    consistencyPolicy: "resync",
    name: "sysrescue:0",
    localToHost: "sysrescue",
    uuid: "4d798d62:adfb6a9f:cbe9a393:b79cd3f4",
    ...events(18),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2", "3 254:3 2 active,sync /dev/vda3"],
  },
  // Filed under mdadm-examine/ upstream, but these two are `mdadm --detail` output.
  "mdadm-examine/jc-raid1-checking.txt": {
    ...MD126,
    device: "/dev/md126",
    totalDevices: 2,
    updateTime: "Sun Aug  7 21:23:59 2022",
    state: "clean, checking",
    stateFlags: ["clean", "checking"],
    ...counts(2, 2, 0, 0),
    checkStatusPercent: 21,
    ...events(18),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2"],
  },
  "mdadm-examine/jc-raid1-resync.txt": {
    ...MD126,
    device: "/dev/md126",
    totalDevices: 2,
    updateTime: "Sun Aug  7 21:25:52 2022",
    state: "clean, resyncing",
    stateFlags: ["clean", "resyncing"],
    ...counts(2, 2, 0, 0),
    resyncStatusPercent: 27,
    ...events(20),
    devices: [VDA1_SLOT0, "1 254:2 1 active,sync /dev/vda2"],
  },
};

describe.runIf(hasSharedFixtures("mdadm --detail shared captures"))(
  "parseMdadmDetail on shared captures",
  () => {
    it("has an expectation for every capture in mdadm-detail/", () => {
      const names = Object.keys(SHARED).filter((name) => name.startsWith("mdadm-detail/"));
      expect(names.sort()).toEqual(fixtureNames("mdadm-detail").map((n) => `mdadm-detail/${n}`));
    });

    it.each(Object.keys(SHARED))("%s", (name) => {
      const expected = SHARED[name];
      if (!expected) throw new Error(`no expectation for ${name}`);
      expectDetail(parseOk(fixture(name)), expected);
    });

    it.each(["jc-raid0-ok.txt", "jc-raid1-ok.txt", "jc-raid1-0-90-ok.txt"])(
      "rejects the --examine dump %s, naming the Magic line",
      (name) => {
        const result = parseMdadmDetail(fixture(`mdadm-examine/${name}`));
        expect(result.ok ? null : result.error).toMatchObject({
          line: 2,
          expected: "mdadm --detail field (this looks like --examine output)",
        });
      },
    );
  },
);

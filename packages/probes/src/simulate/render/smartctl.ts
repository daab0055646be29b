/**
 * `smartctl --json[=c] -x [--nocheck=standby] DEV` and `smartctl --scan --json[=c]`, smartmontools
 * 7.x. `--json=c` prints the document on one line; plain `--json` pretty-prints it with two-space
 * indents. The exit status is smartctl's bitmask (smartctl(8), EXIT STATUS) computed from the
 * same state the JSON shows.
 */
import { DRIVES } from "../catalog";
import type { DiskModel, HostModel } from "../model";
import { ctime } from "./format";
import { ATTRIBUTE_TABLE_SLOT, ataBody, attributeTableText, whenFailed } from "./smartctl-ata";
import { nvmeBody, scsiBody } from "./smartctl-other";

type Json = Record<string, unknown>;
export type SmartctlResult = { stdout: string; exitCode: number };

const TYPES = {
  ATA: { type: "sat", suffix: " [SAT]" },
  NVMe: { type: "nvme", suffix: "" },
  SCSI: { type: "scsi", suffix: "" },
} as const;

export function renderSmartctl(
  host: HostModel,
  argv: readonly string[],
  atMs: number,
): SmartctlResult {
  const path = argv[argv.length - 1] ?? "";
  const disk = findDisk(host, path);
  const isCompact = argv.includes("--json=c");
  if (!disk) {
    const messages = [
      { string: `Smartctl open device: ${path} failed: No such device`, severity: "error" },
    ];
    return finish(JSON.stringify(envelope(host, argv, 2, messages)), isCompact, 2);
  }
  const device = deviceJson(disk, path);
  if (disk.isStandby && argv.includes("--nocheck=standby")) {
    const messages = [{ string: "Device is in STANDBY mode, exit(2)", severity: "information" }];
    return finish(JSON.stringify({ ...envelope(host, argv, 2, messages), device }), isCompact, 2);
  }
  const exitStatus = exitBits(disk);
  const seconds = Math.floor(atMs / 1000);
  const head = {
    ...envelope(host, argv, exitStatus, null),
    local_time: { time_t: seconds, asctime: `${ctime(seconds)} UTC` },
    device,
  };
  // Two documents joined as text: spreading the body into `head` would push V8 into a
  // dictionary-mode object that serialises several times slower.
  let text = `${JSON.stringify(head).slice(0, -1)},${JSON.stringify(body(disk)).slice(1)}`;
  if (disk.protocol === "ATA") {
    text = text.replace(`"${ATTRIBUTE_TABLE_SLOT}"`, attributeTableText(disk.smart.attributes));
  }
  return finish(text, isCompact, exitStatus);
}

function body(disk: DiskModel): Json {
  if (disk.protocol === "NVMe") return nvmeBody(disk);
  if (disk.protocol === "SCSI") return scsiBody(disk);
  const family = DRIVES.find((d) => d.model === disk.model)?.family ?? null;
  return ataBody(disk, family);
}

function finish(compact: string, isCompact: boolean, exitCode: number): SmartctlResult {
  const text = isCompact ? compact : JSON.stringify(JSON.parse(compact), null, 2);
  return { stdout: `${text}\n`, exitCode };
}

/** smartmontools per release (kernel series); 7.0 through 7.3 write the same JSON format 1.0. */
const SMARTCTL_VERSIONS: ReadonlyArray<[string, [number, number], string]> = [
  ["3.10.", [7, 0], "4883"],
  ["4.18.", [7, 1], "5022"],
  ["5.14.", [7, 2], "5155"],
  ["5.15.", [7, 2], "5155"],
];

function envelope(
  host: HostModel,
  argv: readonly string[],
  exitStatus: number,
  messages: Json[] | null,
): Json {
  const [, version, revision] = SMARTCTL_VERSIONS.find(([prefix]) =>
    host.kernel.startsWith(prefix),
  ) ?? ["", [7, 3], "5338"];
  const smartctl: Json = {
    version,
    svn_revision: revision,
    platform_info: `x86_64-linux-${host.kernel}`,
    build_info: "(local build)",
    argv: [...argv],
  };
  if (messages !== null) smartctl.messages = messages;
  smartctl.exit_status = exitStatus;
  return { json_format_version: [1, 0], smartctl };
}

function deviceJson(disk: DiskModel, path: string): Json {
  const { type, suffix } = TYPES[disk.protocol];
  return { name: path, info_name: `${path}${suffix}`, type, protocol: disk.protocol };
}

/** `/dev/sda`, `/dev/nvme0n1`, or the NVMe controller `/dev/nvme0` that --scan reports. */
function findDisk(host: HostModel, path: string): DiskModel | undefined {
  const name = path.replace(/^\/dev\//, "");
  return host.disks.find(
    (d) => d.name === name || (d.protocol === "NVMe" && `${name}n1` === d.name),
  );
}

/** Bits 3–7 of smartctl's exit status, from what this report contains. */
export function exitBits(disk: DiskModel): number {
  const smart = disk.smart;
  let bits = 0;
  if (!smart.passed) bits |= 8;
  const states = smart.attributes.map((a) => ({ a, when: whenFailed(a) }));
  if (states.some(({ a, when }) => when === "now" && (a.flags & 1) !== 0)) bits |= 16;
  if (smart.passed && states.some(({ when }) => when === "past")) bits |= 32;
  if (disk.protocol === "ATA" && smart.errorLogCount > 0) bits |= 64;
  if (smart.selfTests.some((t) => t.statusValue >= 0x30)) bits |= 128;
  if (disk.protocol === "NVMe" && (smart.nvme?.criticalWarning ?? 0) !== 0) bits |= 8;
  return bits;
}

/** `--scan` lists SCSI-layer disks first, then NVMe controllers, without opening them. */
export function renderSmartctlScan(host: HostModel, argv: readonly string[]): string {
  const sd = host.disks.filter((d) => d.protocol !== "NVMe");
  const nvme = host.disks.filter((d) => d.protocol === "NVMe");
  const devices = [
    ...sd.map((d) => deviceJson(d, `/dev/${d.name}`)),
    ...nvme.map((d) => deviceJson(d, `/dev/${d.name.replace(/n1$/, "")}`)),
  ];
  const doc: Json = { ...envelope(host, argv, 0, null) };
  if (devices.length > 0) doc.devices = devices;
  return finish(JSON.stringify(doc), argv.includes("--json=c"), 0).stdout;
}

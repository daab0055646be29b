/**
 * The state of one simulated host at one moment. Renderers print it in the real tools' formats,
 * so every number here is what the parsers must read back. Sizes are bytes unless a name says
 * otherwise (md keeps the kernel's KiB, partitions and LVM keep 512-byte sectors as the tools do).
 */

export type DiskProtocol = "ATA" | "NVMe" | "SCSI";

export type AtaAttribute = {
  id: number;
  name: string;
  value: number;
  worst: number;
  thresh: number;
  /** smartctl's flag bits: 1 prefailure, 2 online, 4 performance, 8 error rate, 16 events, 32 keep. */
  flags: number;
  raw: number;
  /** When the raw field packs more than a count (`34 (Min/Max 21/45)`). */
  rawString?: string;
};

export type SelfTestEntry = {
  type: "Short offline" | "Extended offline";
  /** ATA self-test status byte: 0 passed, 0x7x read failure (low nibble = remaining tenths). */
  statusValue: number;
  status: string;
  lifetimeHours: number;
  failingLba?: number;
};

export type NvmeHealth = {
  criticalWarning: number;
  availableSpare: number;
  availableSpareThreshold: number;
  percentageUsed: number;
  dataUnitsRead: number;
  dataUnitsWritten: number;
  hostReads: number;
  hostWrites: number;
  controllerBusyTime: number;
  unsafeShutdowns: number;
  mediaErrors: number;
  numErrLogEntries: number;
  warningTempMinutes: number;
  criticalTempMinutes: number;
};

export type ScsiHealth = {
  grownDefects: number;
  startStopCycles: number;
  loadUnloadCycles: number;
  readCorrected: number;
  readUncorrected: number;
  gigabytesRead: number;
  gigabytesWritten: number;
};

export type SmartState = {
  passed: boolean;
  temperatureC: number;
  powerOnHours: number;
  powerCycles: number;
  attributes: AtaAttribute[];
  /** Newest first, as smartctl lists them. */
  selfTests: SelfTestEntry[];
  errorLogCount: number;
  nvme: NvmeHealth | null;
  scsi: ScsiHealth | null;
};

export type PartitionModel = {
  name: string;
  number: number;
  major: number;
  minor: number;
  startSector: number;
  sizeSectors: number;
  /** GPT type GUID, or the MBR type byte as two hex digits. */
  type: string;
  partUuid: string;
  fstype: string | null;
};

export type DiskModel = {
  name: string;
  major: number;
  minor: number;
  protocol: DiskProtocol;
  transport: "sata" | "sas" | "nvme";
  vendor: string;
  model: string;
  serial: string;
  /** NAA WWN as 16 hex digits, or `eui.` + 16 hex digits for NVMe. */
  wwn: string;
  firmware: string;
  capacityBytes: number;
  logicalBlockSize: number;
  physicalBlockSize: number;
  /** rpm; 0 = solid state. */
  rotationRate: number;
  smart: SmartState;
  /** Spun down: `smartctl --nocheck=standby` skips it. */
  isStandby: boolean;
  partitionTable: { label: "gpt" | "dos"; id: string } | null;
  partitions: PartitionModel[];
  /** Signature on the whole disk (an md member without partitions). */
  fstype: string | null;
};

export type MdMemberState = "in_sync" | "faulty" | "spare" | "rebuilding";

export type MdMember = {
  /** Kernel name of the member (`sdb1`). */
  device: string;
  /** The `[N]` in /proc/mdstat and mdadm's Number column. */
  descNr: number;
  /**
   * Raid slot; null for spares. A faulty member keeps the slot it failed out of, because its own
   * superblock still claims it; the renderers list it outside the slots as mdadm does.
   */
  slot: number | null;
  state: MdMemberState;
  deviceUuid: string;
};

export type MdSync = {
  action: "resync" | "recovery" | "check" | "reshape";
  /** KiB done and total, per member device as the kernel counts them. */
  doneKb: number;
  totalKb: number;
  speedKBps: number;
};

export type MdLevel = "raid0" | "raid1" | "raid5" | "raid6" | "raid10";

export type MdArrayModel = {
  name: string;
  minor: number;
  /** 32 hex digits; printed as four colon-separated words. */
  uuid: string;
  metadata: "1.2" | "0.90";
  level: MdLevel;
  isActive: boolean;
  raidDisks: number;
  chunkKb: number | null;
  arraySizeKb: number;
  /** Per-member size used by the array, KiB. */
  usedDevSizeKb: number;
  dataOffsetSectors: number;
  /** `host:name` of 1.x metadata. */
  homehost: string;
  arrayName: string;
  creationTimeSec: number;
  updateTimeSec: number;
  events: number;
  hasBitmap: boolean;
  members: MdMember[];
  sync: MdSync | null;
};

export type LvmPv = {
  device: string;
  uuid: string;
  devSizeSectors: number;
  peStartSectors: number;
  peCount: number;
  peAllocated: number;
};

export type LvmLv = {
  name: string;
  uuid: string;
  extents: number;
  /** One linear segment: where it starts on which PV (index into the VG's pvs). */
  pvIndex: number;
  pvStartExtent: number;
  creationTimeSec: number;
  dmMinor: number;
  fstype: string | null;
};

export type LvmVg = {
  name: string;
  uuid: string;
  seqno: number;
  extentSizeSectors: number;
  creationHost: string;
  creationTimeSec: number;
  pvs: LvmPv[];
  lvs: LvmLv[];
};

/** Counters of one RPC procedure, in /proc/self/mountstats column order. */
export type NfsOpStats = {
  name: string;
  ops: number;
  transmissions: number;
  timeouts: number;
  bytesSent: number;
  bytesReceived: number;
  queueMs: number;
  rttMs: number;
  executeMs: number;
  errors: number;
};

export type NfsMount = {
  server: string;
  serverAddr: string;
  exportPath: string;
  vers: "3" | "4.1" | "4.2";
  isSoft: boolean;
  /** Accepted and ignored by kernels since 2.6.25, which no longer print it. */
  isIntr: boolean;
  timeo: number;
  retrans: number;
  rsize: number;
  wsize: number;
  clientAddr: string;
  mountedAtMs: number;
  /** Work per second of age; the clock turns it into counters. */
  opsPerSecond: { read: number; write: number; getattr: number };
  /** Retransmissions and timeouts on top of the steady rate (a failover adds them). */
  extraRetrans: number;
  extraTimeouts: number;
  srcPort: number;
  ops: NfsOpStats[];
};

export type MountModel = {
  id: number;
  parentId: number;
  majMin: string;
  root: string;
  target: string;
  fstype: string;
  source: string;
  options: string;
  superOptions: string;
  propagation: string;
  nfs: NfsMount | null;
};

export type FstabEntry = { spec: string; file: string; vfstype: string; options: string };

export type LoopModel = {
  name: string;
  minor: number;
  backFile: string;
  sizeBytes: number;
  isAutoclear: boolean;
  isReadOnly: boolean;
  isDirectIo: boolean;
  fstype: string | null;
};

export type KernelLogLine = {
  atMs: number;
  message: string;
  /** `kernel` for the ring buffer; anything else is a user-space tool's own log line. */
  source: string;
};

export type OsRelease = {
  family: "debian" | "rhel";
  /** /etc/os-release verbatim; null where the release predates the file. */
  text: string | null;
  /** journalctl's format changed with systemd 250 (offset `+00:00`, `-- Boot id --`). */
  systemdVersion: number | null;
};

export type HostModel = {
  hostname: string;
  kernel: string;
  os: OsRelease;
  isReachable: boolean;
  /** Wall-clock start of each boot, oldest first; the last one is the running kernel. */
  boots: Array<{ id: string; startMs: number }>;
  /** Tools not installed (argv[0]); the collector records them as missing, not failed. */
  missingCommands: string[];
  /**
   * Tools too old for the JSON options Holmes passes: argv[0] → the error they print. They still
   * answer the forms every version knows (render/command.ts FALLBACK_FORMS).
   */
  legacyCommands: Record<string, { output: string; exitCode: number }>;
  hasMountinfo: boolean;
  /** RHEL5-era kernels print no `[seconds]` prefix in dmesg. */
  hasPrintkTime: boolean;
  mdPersonalities: string[];
  disks: DiskModel[];
  mdArrays: MdArrayModel[];
  /** Arrays written into mdadm.conf (by uuid); null when the file does not exist. */
  mdadmConfUuids: string[] | null;
  vgs: LvmVg[];
  mounts: MountModel[];
  swaps: string[];
  fstab: FstabEntry[];
  loops: LoopModel[];
  kernelLog: KernelLogLine[];
};

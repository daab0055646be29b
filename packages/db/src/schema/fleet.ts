import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** The inventory: every host Holmes polls (or used to). */
export const hosts = pgTable(
  "hosts",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    address: text().notNull(),
    port: integer().notNull().default(22),
    /** null: the collector's default user. */
    username: text(),
    /** A path on the collector's machine, or null when a stored credential is used. */
    identityFile: text(),
    credentialId: uuid().references(() => sshCredentials.id, { onDelete: "set null" }),
    groups: text().array().notNull().default(sql`'{}'::text[]`),
    isEnabled: boolean().notNull().default(true),
    /** A host of the simulated fleet: labelled as such everywhere it is shown. */
    isSimulated: boolean().notNull().default(false),
    useSudo: boolean().notNull().default(true),
    /** OpenSSH-style SHA256 fingerprint pinned on first use; null until the first connection. */
    pinnedHostKey: text(),
    pinnedHostKeyAt: timestamp({ withTimezone: true }),
    /** A different key the host presented; polling stops until an admin accepts or rejects it. */
    presentedHostKey: text(),
    presentedHostKeyAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.name), index().using("gin", t.groups)],
);
export type Host = typeof hosts.$inferSelect;

/** Private keys stored encrypted at rest (AES-256-GCM, key from HOLMES_CREDENTIALS_KEY). */
export const sshCredentials = pgTable("ssh_credentials", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  /** base64(iv ‖ auth tag ‖ ciphertext); never selected outside the collector. */
  sealedPrivateKey: text().notNull(),
  publicKeyFingerprint: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Per-host collection status: what the fleet page shows when data is missing or stale. */
export const hostCollection = pgTable("host_collection", {
  hostId: uuid()
    .primaryKey()
    .references(() => hosts.id, { onDelete: "cascade" }),
  /** ok | unreachable | auth_failed | host_key_changed | timeout | partial | never */
  state: text().notNull().default("never"),
  lastAttemptAt: timestamp({ withTimezone: true }),
  lastSuccessAt: timestamp({ withTimezone: true }),
  /** The last successful poll that read SMART (it runs on its own, longer interval). */
  lastSmartAt: timestamp({ withTimezone: true }),
  lastErrorAt: timestamp({ withTimezone: true }),
  lastErrorCode: text(),
  lastErrorMessage: text(),
  lastDurationMs: integer(),
  consecutiveFailures: integer().notNull().default(0),
  /** Backoff: an unreachable host is not tried again before this. */
  nextAttemptAt: timestamp({ withTimezone: true }),
  kernelRelease: text(),
  osName: text(),
  missingTools: text().array().notNull().default(sql`'{}'::text[]`),
});

/** One poll of one host: its raw outputs kept (compressed) as evidence, and its parse errors. */
export const probeRuns = pgTable(
  "probe_runs",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: integer().notNull(),
    /** ok | partial (some outputs failed to parse) | failed */
    status: text().notNull(),
    errorCode: text(),
    errorMessage: text(),
    /** JSON [{ id, exitCode, output, isMissing, … }], compressed as `rawEncoding` says. */
    rawOutputs: bytea(),
    /** gzip (the polls before brotli) or br: see queries/raw-outputs.ts. */
    rawEncoding: text().notNull().default("gzip"),
    parseErrors: jsonb().$type<Array<{ commandId: string; message: string }>>(),
  },
  (t) => [index().on(t.hostId, t.startedAt.desc()), index().on(t.startedAt)],
);

export const mdArrays = pgTable(
  "md_arrays",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    uuid: text(),
    level: text(),
    state: text().notNull(),
    readOnly: boolean().notNull().default(false),
    degraded: boolean().notNull().default(false),
    raidDisks: integer(),
    activeDisks: integer(),
    statusString: text(),
    layout: text(),
    chunkKb: integer(),
    superVersion: text(),
    syncAction: text(),
    syncPercent: real(),
    syncSpeedKbps: integer(),
    syncFinishMinutes: real(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.name] })],
);

export const mdMembers = pgTable(
  "md_members",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    arrayName: text().notNull(),
    device: text().notNull(),
    slot: integer(),
    role: text(),
    stateFlags: text().array().notNull().default(sql`'{}'::text[]`),
    isFaulty: boolean().notNull().default(false),
    isSpare: boolean().notNull().default(false),
    /** The disk behind the member, by serial: drive letters move, serials do not. */
    diskSerial: text(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.arrayName, t.device] })],
);

export const disks = pgTable(
  "disks",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    protocol: text(),
    model: text(),
    serial: text(),
    wwn: text(),
    firmware: text(),
    capacityBytes: bigint({ mode: "number" }),
    rotationRate: integer(),
    smartPassed: boolean(),
    temperatureC: integer(),
    powerOnHours: integer(),
    smartExitStatus: integer(),
    isStandby: boolean().notNull().default(false),
    /** The parsed smartctl report minus the bulky logs: attributes, NVMe and SCSI health. */
    health: jsonb().$type<Record<string, unknown>>(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.name] }), index().on(t.serial)],
);

export const mounts = pgTable(
  "mounts",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    mountPoint: text().notNull(),
    source: text().notNull(),
    fstype: text().notNull(),
    options: text().notNull(),
    nfs: jsonb().$type<Record<string, unknown>>(),
    isDeleted: boolean().notNull().default(false),
    observedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.mountPoint] })],
);

export const loopDevices = pgTable(
  "loop_devices",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    backFile: text(),
    isBackFileDeleted: boolean().notNull().default(false),
    isReadOnly: boolean().notNull().default(false),
    observedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.name] })],
);

export const volumeGroups = pgTable(
  "volume_groups",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    uuid: text(),
    seqno: integer(),
    sizeBytes: bigint({ mode: "number" }),
    freeBytes: bigint({ mode: "number" }),
    physicalVolumes: jsonb().$type<Array<Record<string, unknown>>>(),
    logicalVolumes: jsonb().$type<Array<Record<string, unknown>>>(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.name] })],
);

/** Classified kernel log events; the raw line is always kept. */
export const kernelEvents = pgTable(
  "kernel_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    /** When the kernel logged it, when that is known; else null (see receivedAt). */
    loggedAt: timestamp({ withTimezone: true }),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    kind: text().notNull(),
    severity: text().notNull(),
    device: text(),
    rawLine: text().notNull(),
    detail: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index().on(t.hostId, t.receivedAt.desc()), index().on(t.kind, t.receivedAt.desc())],
);

/** Time series for trends: SMART counters per disk (by serial), one row per SMART poll. */
export const smartSamples = pgTable(
  "smart_samples",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    diskSerial: text().notNull(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
    temperatureC: integer(),
    /** Raw values of the attributes findings score (5, 187, 188, 196, 197, 198) and NVMe counters. */
    counters: jsonb().$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.diskSerial, t.observedAt] })],
);

export const arraySyncSamples = pgTable(
  "array_sync_samples",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    arrayName: text().notNull(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
    action: text().notNull(),
    percent: real(),
    speedKbps: integer(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.arrayName, t.observedAt] })],
);

export const nfsSamples = pgTable(
  "nfs_samples",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    mountPoint: text().notNull(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
    /** Cumulative counters as the kernel reports them; rates are computed when read. */
    retransmissions: bigint({ mode: "number" }),
    operations: jsonb().$type<Record<string, { ops: number; rttMs: number; executeMs: number }>>(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.mountPoint, t.observedAt] })],
);

/** Each collector process's heartbeat: the fleet page shows cycle time and whether any is alive. */
export const collectorStatus = pgTable("collector_status", {
  instance: text().primaryKey(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  lastCycleAt: timestamp({ withTimezone: true }).notNull(),
  lastCycleDurationMs: integer().notNull(),
  hostsPolled: integer().notNull(),
  hostsFailed: integer().notNull(),
  /** The collector's poll interval: readers judge staleness by it (3 intervals without news). */
  pollIntervalMs: integer().notNull(),
});

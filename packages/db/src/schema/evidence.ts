import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { hosts } from "./fleet";

/**
 * The evidence vault. Versions are append-only: nothing in the API updates or deletes one, a
 * trigger refuses UPDATE (migration 0008), and retention pruning (queries/evidence-retention.ts,
 * audited) is the only deletion. Hosts are disabled rather than deleted, so a host that is gone
 * keeps its evidence.
 */

/** One recorded capture: a poll that changed something, the daily confirmation, or a request. */
export const evidenceCaptures = pgTable(
  "evidence_captures",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    /** The poll it came from. Not a foreign key: raw runs are pruned long before evidence. */
    probeRunId: bigint({ mode: "number" }),
    /** poll | daily | on_demand | critical_finding | incident */
    reason: text().notNull(),
    capturedAt: timestamp({ withTimezone: true }).notNull(),
    itemCount: integer().notNull(),
    changedCount: integer().notNull(),
  },
  (t) => [index().on(t.hostId, t.capturedAt.desc())],
);

/** One version of one evidence item: the raw text, its sha256, and where it came from. */
export const evidenceVersions = pgTable(
  "evidence_versions",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    captureId: bigint({ mode: "number" })
      .notNull()
      .references(() => evidenceCaptures.id, { onDelete: "cascade" }),
    /** The poll it came from. Not a foreign key: raw runs are pruned long before evidence. */
    probeRunId: bigint({ mode: "number" }),
    /** Stable across polls: `md-map:<array uuid>`, `partition-table:<disk serial>`, `fstab`. */
    itemKey: text().notNull(),
    kind: text().notNull(),
    /** How people name it at capture time: "/dev/sdb (WD-WCC4N1234567)". */
    label: text().notNull(),
    /** The command (or "derived: …") the text came from. */
    source: text().notNull(),
    content: text().notNull(),
    /** Hex sha256 of `content` (UTF-8), checked on every read. */
    sha256: text().notNull(),
    /** sha256 of the content without its volatile fields (event counts, update times). */
    fingerprint: text().notNull(),
    /** The item was no longer there (array gone, disk removed): content is empty. */
    isAbsent: boolean().notNull().default(false),
    /** Parsed facts for readers that may not parse the raw format (the LVM metadata). */
    summary: jsonb().$type<Record<string, unknown>>(),
    capturedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.hostId, t.itemKey, t.capturedAt.desc()), index().on(t.capturedAt)],
);

/** The newest version of each item: what a poll compares against, in one indexed read. */
export const evidenceHeads = pgTable(
  "evidence_heads",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    itemKey: text().notNull(),
    versionId: bigint({ mode: "number" })
      .notNull()
      .references(() => evidenceVersions.id),
    sha256: text().notNull(),
    fingerprint: text().notNull(),
    isAbsent: boolean().notNull(),
    capturedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.itemKey] })],
);

/** A change between two versions that matters to a recovery; the findings rules read these. */
export const evidenceAlerts = pgTable(
  "evidence_alerts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    /** slot-serial-changed | events-diverged | lvm-seqno-backwards | array-gone */
    kind: text().notNull(),
    subject: text().notNull(),
    itemKey: text().notNull(),
    versionId: bigint({ mode: "number" }).references(() => evidenceVersions.id, {
      onDelete: "set null",
    }),
    previousVersionId: bigint({ mode: "number" }).references(() => evidenceVersions.id, {
      onDelete: "set null",
    }),
    message: text().notNull(),
    detail: jsonb().$type<Record<string, string | number | boolean | null>>().notNull(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.hostId, t.observedAt.desc())],
);

/** "Capture now", a critical finding or an incident: the host's next poll records a capture. */
export const evidenceCaptureRequests = pgTable(
  "evidence_capture_requests",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    /** on_demand | critical_finding | incident */
    reason: text().notNull(),
    /** The user who asked, the finding or the incident: whatever explains the request. */
    context: jsonb().$type<Record<string, string | number | null>>().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    takenAt: timestamp({ withTimezone: true }),
    captureId: bigint({ mode: "number" }).references(() => evidenceCaptures.id, {
      onDelete: "set null",
    }),
  },
  (t) => [index().on(t.hostId).where(sql`${t.takenAt} is null`)],
);

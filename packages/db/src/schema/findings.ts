import type { FindingEvidence } from "@holmes/core";
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { hosts } from "./fleet";

/**
 * What the rules concluded about a host, with its lifecycle: open → acknowledged → resolved when
 * the condition clears. One row per (host, rule, object) while unresolved; a resolved finding stays
 * as history and a recurrence opens a new row.
 */
export const findings = pgTable(
  "findings",
  {
    id: uuid().primaryKey().defaultRandom(),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    ruleId: text().notNull(),
    objectKind: text().notNull(),
    objectName: text().notNull(),
    /** critical | warning | info — the latest evaluation's, so it can rise and fall while open. */
    severity: text().notNull(),
    title: text().notNull(),
    explanation: text().notNull(),
    evidence: jsonb().$type<FindingEvidence>().notNull(),
    runbookId: text(),
    /** open | acknowledged | resolved */
    state: text().notNull().default("open"),
    firstSeenAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    resolvedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: text().references(() => users.id, { onDelete: "set null" }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgeNote: text(),
    /** After this the acknowledgement lapses and the finding opens again if still true. */
    acknowledgedUntil: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("findings_unresolved_key")
      .on(t.hostId, t.ruleId, t.objectKind, t.objectName)
      .where(sql`${t.state} <> 'resolved'`),
    index("findings_unresolved_by_severity")
      .on(t.severity, t.lastSeenAt.desc())
      .where(sql`${t.state} <> 'resolved'`),
    index().on(t.hostId, t.firstSeenAt.desc()),
  ],
);
export type Finding = typeof findings.$inferSelect;

/** Every change of a finding, for the incident timeline and the host's history. */
export const findingEvents = pgTable(
  "finding_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    findingId: uuid()
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull(),
    /** opened | severity_changed | acknowledged | reopened | resolved */
    kind: text().notNull(),
    severity: text().notNull(),
    title: text().notNull(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    note: text(),
  },
  (t) => [index().on(t.hostId, t.at), index().on(t.at)],
);

/**
 * Responders' statements about an array that outlive polls (md_arrays is replaced every poll):
 * "degraded by design" turns its degraded finding into an info.
 */
export const arrayExpectations = pgTable(
  "array_expectations",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    arrayName: text().notNull(),
    isDegradedByDesign: boolean().notNull().default(false),
    note: text(),
    setBy: text().references(() => users.id, { onDelete: "set null" }),
    setAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.arrayName] })],
);

/**
 * Which disk (by serial) sat in each slot of each array, and what sat there before: a serial
 * that changes in a slot is a replaced disk, and the old mapping is what a recovery needs.
 */
export const arraySlotSerials = pgTable(
  "array_slot_serials",
  {
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    arrayName: text().notNull(),
    slot: integer().notNull(),
    serial: text().notNull(),
    previousSerial: text(),
    changedAt: timestamp({ withTimezone: true }),
    observedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.arrayName, t.slot] })],
);

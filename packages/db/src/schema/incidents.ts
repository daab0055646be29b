import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { findings } from "./findings";
import { hosts } from "./fleet";

/**
 * One sequence numbers every human and lifecycle timeline entry across incidents: a subscriber
 * that reconnects asks for "everything after N" and gets nothing twice and nothing missed.
 */
export const timelineSeq = pgSequence("incident_timeline_seq");

/** SEV1–SEV4 and what each means here; admins edit the wording, shown wherever one is chosen. */
export const severityDefinitions = pgTable("severity_definitions", {
  level: integer().primaryKey(),
  name: text().notNull(),
  description: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const incidents = pgTable(
  "incidents",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** INC-<number>: what people say on the phone. */
    number: serial().notNull().unique(),
    title: text().notNull(),
    severity: integer().notNull(),
    /** investigating | identified | monitoring | resolved */
    status: text().notNull().default("investigating"),
    /** manual | finding | alertmanager */
    source: text().notNull().default("manual"),
    /** Alertmanager's groupKey: further alerts of the group append to the open incident. */
    alertGroupKey: text(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    detectedAt: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    mitigatedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    commanderId: text().references(() => users.id, { onDelete: "set null" }),
    scribeId: text().references(() => users.id, { onDelete: "set null" }),
    commsLeadId: text().references(() => users.id, { onDelete: "set null" }),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: text().references(() => users.id, { onDelete: "set null" }),
    /** Optimistic concurrency: an edit names the version it saw; a stale one is refused. */
    version: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.status, t.startedAt.desc()),
    uniqueIndex("incidents_open_alert_group")
      .on(t.alertGroupKey)
      .where(sql`${t.status} <> 'resolved' and ${t.alertGroupKey} is not null`),
  ],
);
export type Incident = typeof incidents.$inferSelect;

export const incidentHosts = pgTable(
  "incident_hosts",
  {
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.hostId] }), index().on(t.hostId)],
);

export const incidentFindings = pgTable(
  "incident_findings",
  {
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    findingId: uuid()
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.findingId] })],
);

/** Status updates people post: Markdown, internal or public, optionally changing the status. */
export const incidentUpdates = pgTable(
  "incident_updates",
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigint({ mode: "number" })
      .notNull()
      .default(sql`nextval('incident_timeline_seq')`)
      .unique(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    /** internal | public */
    audience: text().notNull(),
    body: text().notNull(),
    statusChange: text(),
    /** Chosen by the browser per draft: a retried post is stored once. */
    idempotencyKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.incidentId, t.idempotencyKey),
    // The timeline reads each incident's newest page first.
    index().on(t.incidentId, t.createdAt.desc()),
    index().on(t.audience, t.createdAt.desc()),
  ],
);
export type IncidentUpdate = typeof incidentUpdates.$inferSelect;

/**
 * Lifecycle entries of the timeline: declared, status / severity / roles / hosts changed,
 * alerts fired and resolved, runbook steps — each with who and when.
 */
export const incidentEvents = pgTable(
  "incident_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    seq: bigint({ mode: "number" })
      .notNull()
      .default(sql`nextval('incident_timeline_seq')`)
      .unique(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    kind: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index().on(t.incidentId, t.at.desc())],
);
export type IncidentEvent = typeof incidentEvents.$inferSelect;

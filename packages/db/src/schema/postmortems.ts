import type {
  ActionItemStatus,
  ActionTargetKind,
  PostmortemEvidence,
  PostmortemSection,
  PostmortemSections,
  PostmortemStatus,
  PostmortemTimelineItem,
} from "@holmes/core";
import { type SQL, sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { hosts } from "./fleet";
import { incidents } from "./incidents";

const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/**
 * One post-mortem per incident: drafted from the incident's record, then edited, reviewed and
 * published. `version` guards concurrent editors the way incidents do: a save names the version
 * it saw and a stale one is refused with who saved last and when.
 */
export const postmortems = pgTable(
  "postmortems",
  {
    id: uuid().primaryKey().defaultRandom(),
    incidentId: uuid()
      .notNull()
      .unique()
      .references(() => incidents.id, { onDelete: "cascade" }),
    title: text().notNull(),
    status: text().$type<PostmortemStatus>().notNull().default("draft"),
    sections: jsonb().$type<PostmortemSections>().notNull(),
    /** Every timeline entry offered at draft time; `keptTimelineKeys` are the ones chosen. */
    timeline: jsonb().$type<PostmortemTimelineItem[]>().notNull(),
    keptTimelineKeys: text().array().notNull().default(sql`'{}'::text[]`),
    /** Machine evidence as it stood at draft time: findings, arrays and serials, runbook steps. */
    evidence: jsonb().$type<PostmortemEvidence>().notNull(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: text().references(() => users.id, { onDelete: "set null" }),
    version: integer().notNull().default(1),
    submittedAt: timestamp({ withTimezone: true }),
    approvedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    /** Title weighs more than the sections; `jsonb_to_tsvector` reads only the string values. */
    searchVector: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('english', title), 'A') || setweight(jsonb_to_tsvector('english', sections, '["string"]'), 'B')`,
      ),
  },
  (t) => [index("postmortems_search").using("gin", t.searchVector), index().on(t.status)],
);
export type Postmortem = typeof postmortems.$inferSelect;

/** Who saved what and when: the sections a save changed, with their new text. */
export const postmortemRevisions = pgTable(
  "postmortem_revisions",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    postmortemId: uuid()
      .notNull()
      .references(() => postmortems.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    at: timestamp({ withTimezone: true }).notNull(),
    /** updated | submitted | approved | published | reopened */
    kind: text().notNull(),
    changes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index().on(t.postmortemId, t.at)],
);

export const postmortemComments = pgTable(
  "postmortem_comments",
  {
    id: uuid().primaryKey().defaultRandom(),
    postmortemId: uuid()
      .notNull()
      .references(() => postmortems.id, { onDelete: "cascade" }),
    section: text().$type<PostmortemSection>().notNull(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.postmortemId, t.createdAt)],
);

/** One approval per reviewer per review round: a reopen starts a new round. */
export const postmortemApprovals = pgTable(
  "postmortem_approvals",
  {
    postmortemId: uuid()
      .notNull()
      .references(() => postmortems.id, { onDelete: "cascade" }),
    approverId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The document version approved: what the reviewer read. */
    version: integer().notNull(),
    approvedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postmortemId, t.approverId, t.version] })],
);

export const actionItems = pgTable(
  "action_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    postmortemId: uuid()
      .notNull()
      .references(() => postmortems.id, { onDelete: "cascade" }),
    title: text().notNull(),
    ownerId: text().references(() => users.id, { onDelete: "set null" }),
    dueDate: date({ mode: "string" }),
    status: text().$type<ActionItemStatus>().notNull().default("open"),
    link: text(),
    /** Every host matching this condition is tracked one by one in action_item_hosts. */
    targetKind: text().$type<ActionTargetKind>(),
    targetValue: text(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.postmortemId),
    // The dashboard's overdue panel reads open items by due date.
    index("action_items_open_due").on(t.dueDate).where(sql`${t.status} in ('open', 'in_progress')`),
  ],
);
export type ActionItem = typeof actionItems.$inferSelect;

/** The hosts an action item's condition matched, each ticked off on its own. */
export const actionItemHosts = pgTable(
  "action_item_hosts",
  {
    actionItemId: uuid()
      .notNull()
      .references(() => actionItems.id, { onDelete: "cascade" }),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    /** Whether the host still matched at the last refresh (a firmware update makes it false). */
    stillMatches: boolean().notNull().default(true),
    isDone: boolean().notNull().default(false),
    doneAt: timestamp({ withTimezone: true }),
    doneBy: text().references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.actionItemId, t.hostId] }), index().on(t.hostId)],
);

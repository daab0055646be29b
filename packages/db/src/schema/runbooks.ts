import { sql } from "drizzle-orm";
import {
  bigserial,
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
import { findings } from "./findings";
import { hosts } from "./fleet";
import { incidents } from "./incidents";

/**
 * Guided runbooks: the custom ones admins write in the UI (the shipped ones are files, read by
 * `@holmes/runbooks/files`), and the runs people work through, step by step.
 *
 * Reading a run's story (what P1's post-mortem lists): `runbookRuns` (which runbook, which version,
 * on which host, for which incident) → `runbookStepOutcomes` (done/skipped with a note, who, when)
 * → `runbookCheckRuns` (each automated check, its verdict and raw output) → `runbookGates` (who
 * asked to pass a destructive step and who confirmed). `runbookRunsForIncident` in
 * queries/runbook-runs.ts returns all of it for one incident.
 */

export type RunBindings = Record<string, string | readonly string[]>;

/** A runbook written in the UI. Its text lives in versions; this row is the head. */
export const customRunbooks = pgTable("custom_runbooks", {
  /** The runbook id from its front matter; never one a file runbook uses (checked on save). */
  id: text().primaryKey(),
  title: text().notNull(),
  /** The newest version; a save names the version it edited and a stale one is refused. */
  version: integer().notNull(),
  createdBy: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: text().references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type CustomRunbook = typeof customRunbooks.$inferSelect;

/** Every save is a new version: the Markdown as written, who wrote it, when. Never updated. */
export const customRunbookVersions = pgTable(
  "custom_runbook_versions",
  {
    runbookId: text()
      .notNull()
      .references(() => customRunbooks.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    markdown: text().notNull(),
    contentHash: text().notNull(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runbookId, t.version] })],
);

/**
 * One run of one runbook. It keeps the parsed runbook it started with, so a runbook edited (or a
 * file changed by a deploy) mid-run never changes the steps under the people working it.
 */
export const runbookRuns = pgTable(
  "runbook_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    runbookId: text().notNull(),
    /** file | custom */
    runbookSource: text().notNull(),
    /** The custom runbook's version; null for a file runbook (its contentHash says which text). */
    runbookVersion: integer(),
    contentHash: text().notNull(),
    title: text().notNull(),
    /** The parsed runbook (`@holmes/runbooks` Runbook) as it was when the run started. */
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Variable name → validated value (a list of devices for a `block-devices` variable). */
    bindings: jsonb().$type<RunBindings>().notNull(),
    hostId: uuid().references(() => hosts.id, { onDelete: "set null" }),
    incidentId: uuid().references(() => incidents.id, { onDelete: "set null" }),
    findingId: uuid().references(() => findings.id, { onDelete: "set null" }),
    /** active | completed | abandoned */
    status: text().notNull().default("active"),
    /** The first step without an outcome; equals the step count when every step has one. */
    currentStep: integer().notNull().default(0),
    stepCount: integer().notNull(),
    startedBy: text().references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** Bumped by every outcome: clients send the version they saw, so no step is marked twice. */
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.incidentId), index().on(t.findingId), index().on(t.startedAt.desc())],
);
export type RunbookRun = typeof runbookRuns.$inferSelect;

/** What happened to one step of a run: done or skipped, with the note people left. */
export const runbookStepOutcomes = pgTable(
  "runbook_step_outcomes",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    runId: uuid()
      .notNull()
      .references(() => runbookRuns.id, { onDelete: "cascade" }),
    stepIndex: integer().notNull(),
    /** done | skipped */
    outcome: text().notNull(),
    note: text().notNull().default(""),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.runId, t.stepIndex)],
);
export type RunbookStepOutcome = typeof runbookStepOutcomes.$inferSelect;

/**
 * An automated check asked for by a responder and run by a collector (the web holds no keys).
 * The row is also the work queue: a collector claims a queued row with FOR UPDATE SKIP LOCKED,
 * holds it until `leaseUntil`, and writes the verdict and the raw output back.
 */
export const runbookCheckRuns = pgTable(
  "runbook_check_runs",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    runId: uuid()
      .notNull()
      .references(() => runbookRuns.id, { onDelete: "cascade" }),
    stepIndex: integer().notNull(),
    checkId: text().notNull(),
    hostId: uuid()
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    requestedBy: text().references(() => users.id, { onDelete: "set null" }),
    /** A `CheckProbe` of `@holmes/runbooks`. */
    probe: text().notNull(),
    /** The check's arguments with the run's variables substituted, validated by kind. */
    args: jsonb().$type<Record<string, string>>().notNull(),
    /** The expectation as the runbook states it, evaluated by the collector. */
    expect: jsonb().$type<Record<string, unknown>>().notNull(),
    /** queued | running | passed | failed | error */
    status: text().notNull().default("queued"),
    summary: text(),
    details: jsonb().$type<string[]>(),
    rawOutput: text(),
    /** The collector instance that ran it. */
    collector: text(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** A running check whose collector died is failed once this passes. */
    leaseUntil: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("runbook_check_runs_queued").on(t.requestedAt).where(sql`${t.status} = 'queued'`),
    index().on(t.runId, t.stepIndex, t.checkId, t.requestedAt.desc()),
  ],
);
export type RunbookCheckRun = typeof runbookCheckRuns.$inferSelect;

/**
 * The gate of one destructive step in one run: who asked to pass it, and the second responder
 * who confirmed. `readyAt` is set when fresh evidence, passing pre-checks and the confirmation
 * were all there at once.
 */
export const runbookGates = pgTable(
  "runbook_gates",
  {
    runId: uuid()
      .notNull()
      .references(() => runbookRuns.id, { onDelete: "cascade" }),
    stepIndex: integer().notNull(),
    requestedBy: text().references(() => users.id, { onDelete: "set null" }),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    confirmedBy: text().references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp({ withTimezone: true }),
    readyAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepIndex] })],
);
export type RunbookGate = typeof runbookGates.$inferSelect;

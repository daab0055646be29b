import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Every mutation by a user, append-only: the API has no path that updates or deletes a row, and
 * a trigger (migration 0001) refuses UPDATE and DELETE so a bug cannot rewrite history either.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The user's id, or null for the system (CLI, first-run bootstrap). */
    actorId: text(),
    actorEmail: text(),
    /** Dotted procedure path or CLI verb, e.g. `admin.users.create`. */
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    /** The validated input with secrets removed. */
    detail: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index().on(t.at), index().on(t.targetType, t.targetId)],
);
export type AuditEntry = typeof auditLog.$inferSelect;

import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { incidents } from "./incidents";

/** Bearer tokens for alert intake (Alertmanager); only a SHA-256 of each token is stored. */
export const intakeTokens = pgTable("intake_tokens", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  tokenSha256: text().notNull().unique(),
  createdBy: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
});

/** Outbound webhooks on incident changes, signed with HMAC-SHA256 of the body. */
export const webhooks = pgTable("webhooks", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  url: text().notNull(),
  /** The HMAC key; never selected for the API or the browser. */
  secret: text().notNull(),
  isEnabled: boolean().notNull().default(true),
  createdBy: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Every delivery attempt, retried with backoff; admins read this log. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    webhookId: uuid()
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    incidentId: uuid().references(() => incidents.id, { onDelete: "set null" }),
    event: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** pending | delivered | failed (gave up) */
    status: text().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastStatusCode: integer(),
    lastError: text(),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.status, t.nextAttemptAt), index().on(t.webhookId, t.createdAt.desc())],
);

import { sql } from "drizzle-orm";
import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { incidents } from "./incidents";

/**
 * What the public status page lists: admin-defined components, each standing for some host
 * groups. Its status comes from open public incidents touching those groups, unless overridden.
 */
export const statusComponents = pgTable("status_components", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  description: text().notNull().default(""),
  hostGroups: text().array().notNull().default(sql`'{}'::text[]`),
  /** operational | degraded | partial_outage | major_outage; null = derived from incidents. */
  manualStatus: text(),
  position: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: text().references(() => users.id, { onDelete: "set null" }),
});

export const incidentComponents = pgTable(
  "incident_components",
  {
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    componentId: uuid()
      .notNull()
      .references(() => statusComponents.id, { onDelete: "cascade" }),
    /** The impact this incident has on the component, shown on the public page. */
    impact: text().notNull().default("degraded"),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.componentId] })],
);

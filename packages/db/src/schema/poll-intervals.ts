import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * How often each inventory group's hosts are polled; null keeps the collector's default. A host
 * in several groups takes the shortest interval set (core `hostPollIntervals`). The bounds repeat
 * core's `POLL_INTERVAL_LIMITS`, so a write that skipped the API still cannot store nonsense.
 */
export const groupPollIntervals = pgTable(
  "group_poll_intervals",
  {
    /** An inventory group name, as in `hosts.groups`; a group may be set before it has hosts. */
    groupName: text().primaryKey(),
    stateIntervalSeconds: integer(),
    smartIntervalSeconds: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "group_poll_intervals_state_bounds",
      sql`${t.stateIntervalSeconds} is null or ${t.stateIntervalSeconds} between 10 and 3600`,
    ),
    check(
      "group_poll_intervals_smart_bounds",
      sql`${t.smartIntervalSeconds} is null or ${t.smartIntervalSeconds} between 120 and 86400`,
    ),
  ],
);

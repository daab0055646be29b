import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { JOB_SCHEMA, POLL_HOST_QUEUE, type PollJobOutput } from "./job-queue";

export type PollJobRow = {
  hostId: string;
  state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** Set by the worker on completion; pg-boss's own message on failure or expiry. */
  output: Partial<PollJobOutput> & { value?: { message?: string } };
};

/** Poll jobs pg-boss still holds (not yet archived), oldest first: who polled which host, when. */
export async function listPollJobs(db: Database, since: Date): Promise<PollJobRow[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    SELECT singleton_key, state::text AS state, created_on, started_on, completed_on, output
      FROM ${sql.raw(JOB_SCHEMA)}.job
     WHERE name = ${POLL_HOST_QUEUE} AND created_on >= ${since.toISOString()}
     ORDER BY created_on, id`);
  return rows.map((row) => ({
    hostId: String(row.singleton_key),
    state: row.state as PollJobRow["state"],
    createdOn: toDate(row.created_on) ?? new Date(0),
    startedOn: toDate(row.started_on),
    completedOn: toDate(row.completed_on),
    output: (row.output ?? {}) as PollJobRow["output"],
  }));
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

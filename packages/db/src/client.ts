import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/** drizzle's handle, and under `$client` its postgres-js pool (json-rows.ts writes through it). */
export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export type DbHandle = {
  db: Database;
  /** The raw postgres-js client, for LISTEN/NOTIFY and the odd statement drizzle cannot express. */
  sql: postgres.Sql;
  close: () => Promise<void>;
};

export type CreateDbOptions = {
  url: string;
  /** Pool size; the embedded server multiplexes onto one PGlite, so more buys little there. */
  max?: number;
  applicationName?: string;
  /** Called with each statement's text as it is sent: for tests that count what a path reads. */
  onQuery?: (text: string) => void;
};

/** One postgres-js pool and its drizzle wrapper; the same code path for PGlite and a server. */
export function createDb(options: CreateDbOptions): DbHandle {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? "holmes" },
    ...(options.onQuery ? { debug: (_connection, text) => options.onQuery?.(text) } : {}),
  });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

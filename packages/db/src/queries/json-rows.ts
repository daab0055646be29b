import { getTableColumns, getTableName, is, SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Database } from "../client";

/*
 * Multi-row writes as one statement with one parameter, the rows as a JSON array:
 *
 *   insert into t (a, b) select r.a, r.b from json_populate_recordset(null::t, $1::json) r
 *
 * The text is the same whatever the number of rows, so postgres-js prepares it once per
 * connection and every later batch is a single round trip. A drizzle insert of N rows is a new
 * statement text per N, sent unnamed: the server parses and plans it each time, and postgres-js
 * first asks it to describe the parameters (a second round trip); on the collector's hot path
 * that, and building the statement, cost more than the rows themselves. Postgres converts the
 * JSON to each column's type (timestamps from ISO text, arrays from JSON arrays, jsonb as is).
 */

type AnyColumn = ReturnType<typeof getTableColumns>[string];

/** The write-side shape of a column: its SQL name and how a row's value becomes JSON. */
type ColumnWrite = { key: string; name: string; column: AnyColumn };

/** A table's TypeScript column keys, as in its `$inferInsert`. */
export type ColumnKey<T extends PgTable> = keyof T["$inferInsert"] & string;

export type RowsStatement<T extends PgTable> = {
  /** The statement, with the rows' JSON as $1. */
  text: string;
  /** The JSON of rows given by column key, as $1 expects it. */
  json: (rows: ReadonlyArray<Partial<T["$inferInsert"]>>) => string;
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Serial and identity ids, generated columns and SQL defaults are the database's to fill. */
function isDatabaseFilled(column: AnyColumn): boolean {
  return (
    /Serial/.test(column.columnType) ||
    column.generatedIdentity !== undefined ||
    column.generated !== undefined ||
    (column.hasDefault && is(column.default, SQL))
  );
}

function columnWrites<T extends PgTable>(
  table: T,
  keys: ReadonlyArray<ColumnKey<T>> | undefined,
): ColumnWrite[] {
  const columns = getTableColumns(table);
  const chosen =
    keys ?? Object.keys(columns).filter((key) => !isDatabaseFilled(columns[key] as AnyColumn));
  return chosen.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    // drizzle names a column by its key, in snake_case under the client's casing, unless given one.
    const name = column.keyAsName ? toSnakeCase(column.name) : column.name;
    return { key, name, column };
  });
}

/** A value as JSON hands it to Postgres: what drizzle would have sent for the column. */
function jsonValue(write: ColumnWrite, value: unknown): unknown {
  if (value === undefined) {
    const { column } = write;
    if (column.defaultFn) return column.defaultFn();
    return column.hasDefault && !is(column.default, SQL) ? column.default : null;
  }
  // bytea's text input: hex after \x.
  if (Buffer.isBuffer(value)) return `\\x${value.toString("hex")}`;
  return value;
}

/**
 * `insert into <table> (<columns>) select … from json_populate_recordset(…) <tail>`. `keys` are
 * the columns written (default: all but serial ids and SQL defaults); a column a row leaves
 * undefined gets its JavaScript default, else null. `tail` is SQL after the select (on conflict,
 * returning), written with the table's SQL column names.
 */
export function insertRowsStatement<T extends PgTable>(
  table: T,
  options: { keys?: ReadonlyArray<ColumnKey<T>>; tail?: string } = {},
): RowsStatement<T> {
  const writes = columnWrites(table, options.keys);
  const names = writes.map((w) => quote(w.name)).join(", ");
  const selected = writes.map((w) => `r.${quote(w.name)}`).join(", ");
  const tableName = quote(getTableName(table));
  const text = [
    `insert into ${tableName} (${names})`,
    `select ${selected} from json_populate_recordset(null::${tableName}, $1::json) as r`,
    options.tail ?? "",
  ]
    .join(" ")
    .trim();
  return { text, json: (rows) => recordsJson(writes, rows) };
}

function recordsJson(writes: readonly ColumnWrite[], rows: ReadonlyArray<object>): string {
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const write of writes) {
      record[write.name] = jsonValue(write, (row as Record<string, unknown>)[write.key]);
    }
    return record;
  });
  return JSON.stringify(records);
}

/** `on conflict (<target>) do update set c = excluded.c, …`: an upsert's tail, by SQL names. */
export function onConflictUpdate(target: readonly string[], columns: readonly string[]): string {
  const set = columns.map((column) => `${quote(column)} = excluded.${quote(column)}`);
  return `on conflict (${target.map(quote).join(", ")}) do update set ${set.join(", ")}`;
}

/**
 * `delete from <table> where host_id = any($1)`: one text for any number of hosts. The ids go as
 * a uuid[], not JSON: the planner sees `= any` of an array and probes the host_id index, even in
 * the generic plan a prepared statement keeps from when the table was empty. A JSON list counts
 * as 100 rows to it, and that plan (a hash join over a scan of the whole table) stayed as the
 * table grew: a new fleet's first cycle read every row of the table on every delete.
 */
export function deleteForHostsStatement(table: PgTable): { text: string } {
  return {
    text: `delete from ${quote(getTableName(table))} where "host_id" = any($1::uuid[])`,
  };
}

/** A postgres-js connection or transaction: where the statements run. */
export type SqlClient = Pick<postgres.Sql, "unsafe">;

/**
 * Runs a statement prepared (named, so reused on this connection) with its parameters: the rows'
 * JSON, or arrays (of ids, say, for `= any($1::uuid[])` or `unnest`).
 */
export function runPrepared<R extends object = Record<string, unknown>>(
  client: SqlClient,
  text: string,
  ...parameters: ReadonlyArray<string | readonly string[]>
): Promise<R[]> {
  return client.unsafe(text, parameters as Array<string | string[]>, {
    prepare: true,
  }) as unknown as Promise<R[]>;
}

/** A drizzle transaction on the postgres-js driver. */
export type DrizzleTx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * The postgres-js connection under a drizzle transaction, so the transaction's hot statements can
 * run prepared (runPrepared) beside its drizzle ones. drizzle keeps it as its session's `client`
 * (drizzle-orm/postgres-js/session.js) without typing it; json-rows.int.test.ts proves that
 * statements sent through it commit and roll back with the transaction.
 */
export function clientOf(tx: DrizzleTx): SqlClient {
  const client = (tx as unknown as { session?: { client?: SqlClient } }).session?.client;
  if (typeof client?.unsafe !== "function") {
    throw new Error("drizzle's transaction no longer exposes its postgres-js connection");
  }
  return client;
}

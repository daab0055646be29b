import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { createTestDatabase, testDatabaseKinds, useTestDatabase } from "./testing";

describe.each(testDatabaseKinds())("migrations on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("creates every table and records each migration once", async () => {
    const { sql } = database();
    const tables = await sql<{ tablename: string }[]>`
      select tablename from pg_tables where schemaname = 'public' order by tablename`;
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(["accounts", "audit_log", "rate_limits", "sessions", "users"]),
    );
    const applied = await sql`select hash from drizzle.__drizzle_migrations`;
    expect(applied.length).toBeGreaterThanOrEqual(2);
  });

  it("is a no-op when run again", async () => {
    const { sql, url } = database();
    const before = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await migrateDatabase(url);
    const after = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it("compresses evidence contents with lz4 where the server has it; raw outputs only once", async () => {
    const { sql } = database();
    const hasLz4 = await sql`create temporary table lz4_probe (c text compression lz4)`.then(
      () => true,
      () => false,
    );
    const [content] = await sql<{ attcompression: string }[]>`
      select attcompression from pg_attribute
      where attrelid = 'evidence_versions'::regclass and attname = 'content'`;
    expect(content?.attcompression).toBe(hasLz4 ? "l" : "");
    const [raw] = await sql<{ attstorage: string }[]>`
      select attstorage from pg_attribute
      where attrelid = 'probe_runs'::regclass and attname = 'raw_outputs'`;
    expect(raw?.attstorage).toBe("e");
  });

  it("refuses to update or delete audit rows", async () => {
    const { sql } = database();
    await sql`insert into audit_log (action) values ('test.append')`;
    await expect(sql`update audit_log set action = 'x'`).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`).rejects.toThrow(/append-only/);
  });
});

describe.runIf(testDatabaseKinds().includes("postgres"))("concurrent start", () => {
  it("two processes migrating one fresh database at once leave a correct schema", async () => {
    const reference = await createTestDatabase("postgres");
    const fresh = await createTestDatabase("postgres");
    // Drop what createTestDatabase applied so both children race on a truly empty database.
    await fresh.sql.unsafe(
      "drop schema public cascade; create schema public; drop schema drizzle cascade",
    );
    try {
      const results = await Promise.all([migrateInChild(fresh.url), migrateInChild(fresh.url)]);
      expect(results).toEqual([0, 0]);
      const check = createDb({ url: fresh.url, max: 1 });
      const raced = await describeSchema(check.sql);
      await check.close();
      expect(raced).toEqual(await describeSchema(reference.sql));
    } finally {
      await fresh.close();
      await reference.close();
    }
  }, 60_000);
});

/** Tables, columns and applied migrations: equal for two databases with the same schema. */
async function describeSchema(sql: DbHandle["sql"]) {
  const columns = await sql`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = 'public' order by table_name, column_name`;
  const migrations = await sql`select hash from drizzle.__drizzle_migrations order by id`;
  return { columns: [...columns], migrations: migrations.map((m) => m.hash) };
}

function migrateInChild(url: string): Promise<number | null> {
  const script = `import { migrateDatabase } from "./packages/db/src/migrate.ts"; await migrateDatabase(${JSON.stringify(url)});`;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        stdio: "inherit",
      },
    );
    child.on("exit", (code) => resolve(code));
  });
}

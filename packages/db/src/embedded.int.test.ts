import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";

describe("embedded Postgres (PGlite over the wire protocol)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "holmes-embedded-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps data across a restart of the same data directory", async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    await migrateDatabase(first.url);
    const writer = createDb({ url: first.url, max: 1 });
    await writer.sql`insert into audit_log (action) values ('survives.restart')`;
    await writer.close();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    const reader = createDb({ url: second.url, max: 1 });
    const rows = await reader.sql`select action from audit_log where action = 'survives.restart'`;
    await reader.close();
    await second.stop();
    expect(rows.map((r) => r.action)).toEqual(["survives.restart"]);
  }, 60_000);

  it("serves several pooled connections, keeping each transaction's statements together", async () => {
    const server = await startEmbeddedPostgres();
    await migrateDatabase(server.url);
    const { sql, close } = createDb({ url: server.url, max: 4 });
    // Two transactions interleaved on separate connections: one commits, one rolls back.
    const committed = sql.begin(async (tx) => {
      await tx`insert into audit_log (action) values ('tx.commit')`;
      await new Promise((r) => setTimeout(r, 20));
      await tx`insert into audit_log (action) values ('tx.commit')`;
    });
    const rolledBack = sql
      .begin(async (tx) => {
        await tx`insert into audit_log (action) values ('tx.rollback')`;
        throw new Error("abort");
      })
      .catch(() => "rolled back");
    const parallelReads = Promise.all(Array.from({ length: 20 }, () => sql`select 1 as one`));
    await Promise.all([committed, rolledBack, parallelReads]);
    const rows =
      await sql`select action, count(*)::int as n from audit_log group by action order by action`;
    await close();
    await server.stop();
    expect(rows.map((r) => [r.action, r.n])).toEqual([["tx.commit", 2]]);
  }, 60_000);
});

describe("embedded Postgres under concurrent extended-protocol queries", () => {
  it("keeps each client's Parse/Bind/Execute together while other clients run transactions", async () => {
    const server = await startEmbeddedPostgres();
    await migrateDatabase(server.url);
    const web = createDb({ url: server.url, max: 5 });
    const collector = createDb({ url: server.url, max: 5 });
    // A transaction that starts between another client's Bind and Execute used to destroy that
    // client's unnamed portal: interleave parameterized reads with parameterized transactions.
    const work = Array.from({ length: 120 }, (_, i) => {
      if (i % 3 === 0) {
        return collector.sql.begin(async (tx) => {
          await tx`insert into audit_log (action, target_id) values (${"concurrency.tx"}, ${String(i)})`;
          await tx`insert into audit_log (action, target_id) values (${"concurrency.tx"}, ${String(i)})`;
          return i;
        });
      }
      return web.sql`select ${i}::int as n, ${`value-${i}`}::text as label`.then(
        (rows) => rows[0]?.n,
      );
    });
    const results = await Promise.all(work);
    const [count] =
      await web.sql`select count(*)::int as n from audit_log where action = 'concurrency.tx'`;
    await Promise.all([web.close(), collector.close()]);
    await server.stop();
    expect(results).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(count?.n).toBe(80);
  }, 60_000);
});

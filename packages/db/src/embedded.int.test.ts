import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
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

  it("goes on serving others when a client dies mid-query or mid-transaction", async () => {
    const server = await startEmbeddedPostgres();
    const { port } = new URL(server.url);
    const survivor = createDb({ url: server.url, max: 1 });
    await survivor.sql`select 1`;
    // A killed collector: its last message was a Parse (no Sync), or a BEGIN with no COMMIT.
    // The survivor's query arrives while the dying client holds the turn, and must be answered
    // once it is gone.
    for (const messages of [[parseMessage("select 1")], [queryMessage("begin")]]) {
      let query: Promise<unknown> = Promise.resolve();
      await dieAfter(Number(port), messages, () => {
        query = survivor.sql`select 42 as n`.then((rows) => rows[0]?.n);
      });
      const answered = await Promise.race([
        query,
        new Promise((resolve) => setTimeout(() => resolve("stalled"), 5_000)),
      ]);
      expect(answered).toBe(42);
    }
    await survivor.close();
    await server.stop();
  }, 30_000);
});

function frame(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`, "utf8");
const parseMessage = (sql: string) =>
  frame("P", Buffer.concat([cstring(""), cstring(sql), Buffer.from([0, 0])]));
const queryMessage = (sql: string) => frame("Q", cstring(sql));

/** Speaks just enough of the protocol to start a session, sends `messages`, then vanishes. */
async function dieAfter(port: number, messages: Buffer[], beforeDying: () => void) {
  const socket = connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve).once("error", reject);
  });
  const startupBody = Buffer.concat([
    Buffer.from([0, 3, 0, 0]),
    cstring("user"),
    cstring("postgres"),
    cstring("database"),
    cstring("postgres"),
    Buffer.from([0]),
  ]);
  const length = Buffer.alloc(4);
  length.writeInt32BE(startupBody.length + 4);
  const ready = new Promise<void>((resolve) => {
    let seen = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      if (seen.includes(Buffer.from("Z\0\0\0\x05", "latin1"))) resolve();
    });
  });
  socket.write(Buffer.concat([length, startupBody]));
  await ready;
  for (const message of messages) socket.write(message);
  await new Promise((resolve) => setTimeout(resolve, 200));
  beforeDying();
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

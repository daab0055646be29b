import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { createDb, type DbHandle } from "../client";
import { startEmbeddedPostgres } from "../embedded";
import { migrateDatabase } from "../migrate";
import { testDbEnv } from "./env";

export type TestDatabaseKind = "pglite" | "postgres";

export type TestDatabase = DbHandle & { kind: TestDatabaseKind; url: string };

let skipNoticePrinted = false;

/**
 * The databases every DB suite runs on: PGlite always, and the real server when one is given.
 * Outside CI a missing server is one printed line; in CI it is a failure, never a silent skip.
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  if (testDbEnv.serverUrl) return ["pglite", "postgres"];
  if (testDbEnv.isCi) {
    throw new Error("CI=true but neither TEST_DATABASE_URL nor DATABASE_URL is set");
  }
  if (!skipNoticePrinted) {
    skipNoticePrinted = true;
    process.stdout.write("skipped real-Postgres runs: set DATABASE_URL to a server to run them\n");
  }
  return ["pglite"];
}

/** A fresh, migrated database of the given kind; `close` tears it down completely. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const embedded = await startEmbeddedPostgres();
    await migrateDatabase(embedded.url);
    const handle = createDb({ url: embedded.url, max: 4 });
    return {
      ...handle,
      kind,
      url: embedded.url,
      close: async () => {
        await handle.close();
        await embedded.stop();
      },
    };
  }
  return createServerTestDatabase();
}

async function createServerTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testDbEnv.serverUrl;
  if (!serverUrl) throw new Error("no Postgres server URL for tests");
  const name = `holmes_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = withDatabase(serverUrl, name);
  await migrateDatabase(url);
  const handle = createDb({ url, max: 8 });
  return {
    ...handle,
    kind: "postgres",
    url,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Registers beforeAll/afterAll for one database of `kind`; call the getter inside tests. */
export function useTestDatabase(kind: TestDatabaseKind): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error("test database not ready");
    return database;
  };
}

export { evidenceWrite } from "./evidence-fixture";
export { seedStorageHost } from "./host-fixture";

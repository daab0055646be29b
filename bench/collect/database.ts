import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres } from "@holmes/db/embedded";
import { migrateDatabase } from "@holmes/db/migrate";
import postgres from "postgres";

export type BenchDatabase = {
  kind: string;
  url: string;
  /** PGlite in this process (its CPU is this process's), rather than a server. */
  isEmbedded: boolean;
  drop: () => Promise<void>;
};

/**
 * A scratch database, migrated with the repository's own migrations: a throwaway database on the
 * given server (dropped afterwards), else an in-memory PGlite served over the wire protocol from
 * this process, as `holmes start` serves it to its collector child in embedded mode.
 */
export async function createBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
    await migrateDatabase(embedded.url);
    return {
      kind: "PGlite (embedded, in the bench's main process)",
      url: embedded.url,
      isEmbedded: true,
      drop: embedded.stop,
    };
  }
  const name = `holmes_bench_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await migrateDatabase(url.toString());
  } catch (error) {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
    throw error;
  }
  return {
    kind: `Postgres (scratch database ${name} on DATABASE_URL)`,
    url: url.toString(),
    isEmbedded: false,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

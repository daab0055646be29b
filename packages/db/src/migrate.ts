import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

/** The committed migrations at the repository root (drizzle-kit's `out`). */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../drizzle");

/** Arbitrary but fixed: every Holmes process that migrates takes this advisory lock first. */
const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * Applies the committed migrations once. Safe when several processes start together: each takes a
 * session advisory lock, so the second waits and then finds nothing left to apply.
 */
export async function migrateDatabase(url: string, migrationsDir = MIGRATIONS_DIR): Promise<void> {
  if (!existsSync(join(migrationsDir, "meta", "_journal.json"))) {
    throw new Error(`no migrations found in ${migrationsDir}`);
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: migrationsDir });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

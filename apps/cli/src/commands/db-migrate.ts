import { migrateDatabase } from "@holmes/db/migrate";
import { loadCliEnv } from "../env";
import { openDatabase } from "../runtime";

export async function dbMigrateCommand(): Promise<number> {
  const env = loadCliEnv();
  const database = await openDatabase(env, 0);
  try {
    await migrateDatabase(database.url);
    console.log(
      `holmes: migrations applied (${database.isEmbedded ? "embedded PGlite" : "DATABASE_URL"})`,
    );
    return 0;
  } finally {
    await database.stop();
  }
}

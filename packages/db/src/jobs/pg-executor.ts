import { createRequire } from "node:module";

/**
 * The connection pg-boss runs its SQL on: the `pg` driver pg-boss itself depends on (not a second
 * copy), behind pg-boss's documented `db` option. pg-boss's maintenance and install commands are
 * one string `BEGIN; …; COMMIT;`; when a statement in it fails (two processes installing at once,
 * a constraint), the connection is left inside an aborted transaction. On a server that poisons one
 * pooled connection; on the embedded PGlite, which is a single session, it blocks every client.
 * So a failed statement is followed by a ROLLBACK on the same connection.
 */
export type PgExecutor = {
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  close: () => Promise<void>;
};

type PgClient = {
  query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  release: (error?: Error) => void;
  on: (event: "error", listener: (error: Error) => void) => void;
  removeListener: (event: "error", listener: (error: Error) => void) => void;
};

type PgPool = {
  connect: () => Promise<PgClient>;
  end: () => Promise<void>;
  on: (event: "error", listener: (error: Error) => void) => void;
};

type PgModule = {
  Pool: new (config: { connectionString: string; max: number; application_name: string }) => PgPool;
};

function loadPg(): PgModule {
  const requireHere = createRequire(import.meta.url);
  return createRequire(requireHere.resolve("pg-boss"))("pg") as PgModule;
}

export function createPgExecutor(options: {
  url: string;
  max: number;
  applicationName: string;
  onError: (error: Error) => void;
}): PgExecutor {
  const { Pool } = loadPg();
  const pool = new Pool({
    connectionString: options.url,
    max: options.max,
    application_name: options.applicationName,
  });
  // An idle connection that dies (a server restart) is reported here instead of crashing.
  pool.on("error", options.onError);
  return {
    executeSql: async (text, values) => {
      const client = await pool.connect();
      // The pool listens for errors only on idle connections. One that dies while it runs a
      // statement (a server restart, a terminated backend) emits an error on the client; with no
      // listener that would end the process. The statement itself fails all the same.
      const onLost = (error: Error) => options.onError(error);
      client.on("error", onLost);
      try {
        const result = await client.query(text, values);
        client.removeListener("error", onLost);
        client.release();
        return result;
      } catch (error) {
        const rollback = await client.query("ROLLBACK").then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        );
        client.removeListener("error", onLost);
        // A connection that cannot even roll back is discarded rather than handed out again.
        client.release(rollback);
        throw error;
      }
    },
    close: () => pool.end(),
  };
}

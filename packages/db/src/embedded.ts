import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { installSequenceAwareQueue } from "./embedded-queue";

export type EmbeddedPostgres = {
  /** A postgres:// URL that postgres-js (and psql) can use. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

export type EmbeddedPostgresOptions = {
  /** A folder to persist into, or undefined for an in-memory database (tests). */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How many client connections the socket server multiplexes onto the single PGlite session. */
  maxConnections?: number;
};

/**
 * PGlite served over the Postgres wire protocol, so web and collector use the very postgres-js
 * code path they use against a real server. PGlite is one session: the socket server queues
 * queries and keeps a transaction's statements together, but session state (advisory locks,
 * LISTEN) is shared by every client.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir ?? "memory://");
  const host = options.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({
    db: pglite,
    host,
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 100,
  });
  installSequenceAwareQueue(server);
  await server.start();
  const port = serverPort(server);
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    port,
    stop: async () => {
      await server.stop();
      await pglite.close();
    },
  };
}

function serverPort(server: PGLiteSocketServer): number {
  // With port 0 the OS picks one; the server reports "host:port" once listening.
  const port = Number(server.getServerConn().split(":").pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error("embedded Postgres has no port");
  return port;
}

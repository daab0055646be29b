import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startEmbeddedPostgres } from "@holmes/db/embedded";
import type { CliEnv } from "./env";

export type DatabaseTarget = { url: string; isEmbedded: boolean; stop: () => Promise<void> };

/** The server named by DATABASE_URL, or PGlite persisted under HOLMES_DATA_DIR/data. */
export async function openDatabase(
  env: CliEnv,
  port = env.HOLMES_EMBEDDED_PG_PORT,
): Promise<DatabaseTarget> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, isEmbedded: false, stop: async () => {} };
  const dataDir = resolve(env.HOLMES_DATA_DIR, "data");
  const embedded = await startEmbeddedPostgres({ dataDir, port });
  return { url: embedded.url, isEmbedded: true, stop: embedded.stop };
}

/**
 * The cookie-signing secret. Production must set HOLMES_AUTH_SECRET; a local start generates one
 * once and keeps it beside the data (mode 0600) so sessions survive restarts.
 */
export function resolveAuthSecret(env: CliEnv): string {
  if (env.HOLMES_AUTH_SECRET) return env.HOLMES_AUTH_SECRET;
  if (env.NODE_ENV === "production" || env.DATABASE_URL) {
    throw new Error("HOLMES_AUTH_SECRET: required when DATABASE_URL is set or NODE_ENV=production");
  }
  const file = resolve(env.HOLMES_DATA_DIR, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(env.HOLMES_DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export const REPO_ROOT = resolve(import.meta.dirname, "../../..");
export const WEB_DIR = join(REPO_ROOT, "apps/web");
export const CLI_BIN = join(REPO_ROOT, "apps/cli/bin/holmes.mjs");

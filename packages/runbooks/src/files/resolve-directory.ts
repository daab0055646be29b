import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository's `runbooks/`, four levels above this file (packages/runbooks/src/files).
 * Built from the path rather than `new URL("…", import.meta.url)`: Next's bundler treats that
 * form as an asset import and fails on a directory. (Bundled, this file's location is not the
 * source's: the web app passes the directory in.)
 */
export const DEFAULT_RUNBOOK_DIRECTORY = `${path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../runbooks",
)}/`;

/**
 * Where the shipped runbooks are read from: `HOLMES_RUNBOOKS_DIR` when the app's env sets it
 * (the container copies them to a fixed place), else the repository's `runbooks/`. Packages do
 * not read the environment; the app passes the configured value in.
 */
export function resolveRunbookDirectory(configured: string | undefined | null): string {
  return configured?.trim() ? configured.trim() : DEFAULT_RUNBOOK_DIRECTORY;
}

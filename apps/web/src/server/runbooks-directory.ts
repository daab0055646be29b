import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Where the shipped runbooks are: HOLMES_RUNBOOKS_DIR when set (the container sets it), else the
 * nearest `runbooks/` at or above the working directory (`next start` runs in apps/web, `holmes
 * start` at the repository root). Bundled server code cannot find the repository from its own
 * location, so the web app resolves the directory here and hands it to the API.
 */
export function runbooksDirectory(configured: string | undefined): string | undefined {
  if (configured) return configured;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "runbooks");
    if (existsSync(path.join(candidate, "README.md"))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, WEB_DIR } from "./runtime";

const SOURCE_DIRS = [
  "apps/web/src",
  "packages/api/src",
  "packages/core/src",
  "packages/db/src",
  "packages/ui/src",
];

/** True when there is no production build, or a source file is newer than it. */
export function isWebBuildStale(): boolean {
  const buildId = join(WEB_DIR, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCE_DIRS.some((dir) => newestMtime(join(REPO_ROOT, dir)) > builtAt);
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

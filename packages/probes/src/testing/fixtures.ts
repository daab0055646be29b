import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { testEnv } from "./env";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The real captures in ../shared/fixtures (beside the repository), or undefined when absent. */
export function sharedFixturesDir(): string | undefined {
  const dir = testEnv.sharedFixturesDir ?? join(repoRoot, "..", "shared", "fixtures");
  if (existsSync(dir)) return dir;
  if (testEnv.isCi) {
    throw new Error(`shared fixtures are required in CI but ${dir} does not exist`);
  }
  return undefined;
}

/** True when the shared corpus is present; prints once why its suite is skipped when it is not. */
export function hasSharedFixtures(suite: string): boolean {
  const present = sharedFixturesDir() !== undefined;
  if (!present) {
    process.stdout.write(`skipped ${suite}: ../shared/fixtures is not beside this repository\n`);
  }
  return present;
}

/** Reads `<format>/<file>` from the shared corpus. A missing file fails the test; it never skips. */
export function fixture(relativePath: string): string {
  const dir = sharedFixturesDir();
  if (!dir) throw new Error(`shared fixtures missing; cannot read ${relativePath}`);
  return readFileSync(join(dir, relativePath), "utf8");
}

/** Every file name in one format folder of the shared corpus. */
export function fixtureNames(format: string): string[] {
  const dir = sharedFixturesDir();
  if (!dir) return [];
  return readdirSync(join(dir, format)).sort();
}

/** Reads one of the project's own fixtures under packages/probes/src/parsers/__fixtures__. */
export function ownFixture(relativePath: string): string {
  return readFileSync(
    join(repoRoot, "packages/probes/src/parsers/__fixtures__", relativePath),
    "utf8",
  );
}

export function ownFixtureNames(folder: string): string[] {
  const dir = join(repoRoot, "packages/probes/src/parsers/__fixtures__", folder);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** Every workspace directory holding a package.json, as "apps/web", "packages/core", … */
function workspaceDirs(): string[] {
  return ["apps", "packages", "tooling"].flatMap((parent) =>
    readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`)
      .filter((dir) => {
        try {
          return readFileSync(join(root, dir, "package.json")).length > 0;
        } catch {
          return false;
        }
      }),
  );
}

describe("the Dockerfile", () => {
  // `npm ci` runs before `COPY . .` so the dependency layer is cached; a workspace whose
  // package.json is not copied first is missing from the lockfile's view and the build fails.
  it("copies every workspace's package.json before npm ci", () => {
    const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf("RUN npm ci"));
    const missing = workspaceDirs().filter(
      (dir) => !beforeInstall.includes(`COPY ${dir}/package.json ${dir}/`),
    );
    expect(missing).toEqual([]);
  });
});

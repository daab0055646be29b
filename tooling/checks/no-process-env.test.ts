import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** Tracked TypeScript files that read process.env. Only env.ts files may (STYLE.md §11). */
function filesReadingEnv(): string[] {
  const tracked = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.ts", "*.tsx"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\n")
    .filter(Boolean);
  return tracked.filter((file) => {
    const isAllowed =
      /(^|\/)env\.ts$/.test(file) ||
      file.startsWith("tooling/checks/") ||
      file.endsWith("instrumentation.ts");
    if (isAllowed) return false;
    try {
      return readFileSync(join(root, file), "utf8").includes("process.env");
    } catch {
      return false;
    }
  });
}

describe("configuration", () => {
  it("is read from process.env only in env.ts files", () => {
    expect(filesReadingEnv()).toEqual([]);
  });
});

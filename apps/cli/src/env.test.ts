import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { childEnvironment } from "./env";

const bin = join(resolve(import.meta.dirname, "../../.."), "apps/cli/bin/holmes.mjs");

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stderr: string }>((resolveRun) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: childEnvironment(env) },
      (error, _stdout, stderr) => resolveRun({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

describe("configuration errors", () => {
  it("stop the process with one line naming the variable and what is expected", async () => {
    const result = await run(["db", "migrate"], { DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^holmes: invalid environment: DATABASE_URL: /),
    ]);
  }, 30_000);

  it("name each wrong variable of the collector", async () => {
    const result = await run(["collect", "--once"], {
      DATABASE_URL: "postgres://127.0.0.1:1/x",
      HOLMES_POLL_INTERVAL_SECONDS: "soon",
      HOLMES_CREDENTIALS_KEY: "short",
    });
    expect(result.code).toBe(1);
    const line = result.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain("HOLMES_POLL_INTERVAL_SECONDS");
    expect(line).toContain("HOLMES_CREDENTIALS_KEY: must be at least 32 characters");
  }, 30_000);
});

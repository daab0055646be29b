import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { syncSimulatedHosts } from "@holmes/db/queries/hosts";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { childEnvironment } from "../env";

const bin = join(resolve(import.meta.dirname, "../../../.."), "apps/cli/bin/holmes.mjs");

/** Starts `holmes sim` and resolves with its port once it says it is listening. */
function startSim(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [bin, "sim", "--hosts", "3", "--port", "0"], {
    env: childEnvironment({ HOLMES_DATA_DIR: dataDir }),
  });
  return new Promise((resolveStart, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += String(chunk);
      const match = output.match(/on 127\.0\.0\.1:(\d+)/);
      if (match) resolveStart({ child, port: Number(match[1]) });
    });
    child.stderr?.on("data", (chunk) => (output += String(chunk)));
    child.on("exit", (code) => reject(new Error(`holmes sim exited ${code}: ${output}`)));
  });
}

describe.each(testDatabaseKinds())(
  "holmes sim + holmes collect --once as processes on %s",
  (kind) => {
    const database = useTestDatabase(kind);
    const dataDir = mkdtempSync(join(tmpdir(), "holmes-sim-"));
    let sim: ChildProcess | undefined;
    afterAll(() => {
      sim?.kill("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("polls the simulated hosts over SSH and prints JSON facts per host", async () => {
      const started = await startSim(dataDir);
      sim = started.child;
      await syncSimulatedHosts(database().db, ["stor-a01", "stor-a02", "stor-a03"], started.port);
      const stdout = await new Promise<string>((resolveRun, reject) => {
        execFile(
          process.execPath,
          [bin, "collect", "--once", "--json"],
          {
            env: childEnvironment({
              DATABASE_URL: database().url,
              HOLMES_SSH_KEY_PATH: join(dataDir, "ssh", "collector_ed25519"),
            }),
          },
          (error, out, err) =>
            error ? reject(new Error(`${error.message}\n${err}`)) : resolveRun(out),
        );
      });
      const results = JSON.parse(stdout) as Array<{
        host: string;
        status: string;
        snapshot: { arrays: unknown[] } | null;
      }>;
      expect(results.map((r) => [r.host, r.status])).toEqual([
        ["stor-a01", "ok"],
        ["stor-a02", "ok"],
        ["stor-a03", "ok"],
      ]);
      expect(results.every((r) => r.snapshot !== null)).toBe(true);
      // Scenario hosts start before their incident: the wear-out host has healthy arrays at t=0.
      expect(results.find((r) => r.host === "stor-a02")?.snapshot?.arrays.length).toBeGreaterThan(
        0,
      );
      // The key material never reaches the output.
      expect(stdout).not.toContain("PRIVATE KEY");
    }, 120_000);
  },
);

import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { createCredential } from "@holmes/db/queries/credentials";
import { addHosts } from "@holmes/db/queries/hosts";
import { decodeRawOutputs } from "@holmes/db/queries/raw-outputs";
import { hostCollection, probeRuns } from "@holmes/db/schema";
import { sealSecret } from "@holmes/db/sealed-secret";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { generateEd25519, type SimServer, startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CollectorSettings } from "./collect";
import { createKeyResolver } from "./keys";
import { startCollectorLoop } from "./loop";
import { testEnv } from "./testing/env";

const CREDENTIALS_KEY = "collector-test-credentials-key-0123456789";
const SETTINGS: CollectorSettings = {
  defaultUser: "holmes",
  connectTimeoutMs: 5_000,
  keepaliveIntervalMs: 10_000,
  intervalMs: 60_000,
  smartIntervalMs: 600_000,
  concurrency: 4,
};
const CLI = join(resolve(import.meta.dirname, "../../.."), "apps/cli/bin/holmes.mjs");

/** The base64 lines of a key's body. Short tail lines are left out: they could occur by chance. */
function bodyLines(privateKey: string): string[] {
  return privateKey
    .trim()
    .split("\n")
    .slice(1, -1)
    .filter((line) => line.length >= 16);
}

/** Everything written to the console or the process' streams while `run` runs. */
async function captureOutput(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const savedConsole = methods.map((m) => [m, console[m]] as const);
  const { stdout, stderr } = process;
  const savedWrites = [stdout.write, stderr.write] as const;
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  for (const m of methods) console[m] = (...args: unknown[]) => capture(args.map(String).join(" "));
  stdout.write = capture as typeof stdout.write;
  stderr.write = capture as typeof stderr.write;
  try {
    await run();
  } finally {
    for (const [m, original] of savedConsole) console[m] = original;
    [stdout.write, stderr.write] = savedWrites;
  }
  return chunks.join("\n");
}

describe.each(testDatabaseKinds())("a poll never shows key material, on %s", (kind) => {
  const database = useTestDatabase(kind);
  const accepted = generateEd25519("holmes-sealed-collector");
  const refused = generateEd25519("holmes-refused-key");
  const fleet = createFleet({ hosts: 4, seed: 7, scenarios: [] });
  const keyLines = [...bodyLines(accepted.privateKey), ...bodyLines(refused.privateKey)];
  let sim: SimServer;

  beforeAll(async () => {
    const { db } = database();
    sim = await startSimServer({
      fleet,
      hostKey: generateEd25519("sim").privateKey,
      authorizedKey: accepted.publicKey,
    });
    const seal = (key: string, secret = CREDENTIALS_KEY) => sealSecret(key, secret);
    const good = await createCredential(db, {
      name: "sim-ro",
      sealedPrivateKey: seal(accepted.privateKey),
      fingerprint: null,
    });
    const bad = await createCredential(db, {
      name: "not-authorized",
      sealedPrivateKey: seal(refused.privateKey),
      fingerprint: null,
    });
    const foreign = await createCredential(db, {
      name: "other-secret",
      sealedPrivateKey: seal(accepted.privateKey, "a-different-credentials-key-0123456789"),
      fingerprint: null,
    });
    // One inventory entry per sim user: the SSH pool keeps one connection per user@host:port.
    const [ok1, ok2, refusedHost, unopenableHost] = fleet.hosts.map((h) => h.hostname);
    const entry = (name = "", credentialId = "", label = name) => ({
      name: label,
      address: "127.0.0.1",
      port: sim.port,
      username: name,
      isSimulated: true,
      credentialId,
    });
    await addHosts(db, [
      entry(ok1, good.id),
      entry(ok2, good.id),
      entry(refusedHost, bad.id, "refused"),
      entry(unopenableHost, foreign.id, "unopenable"),
    ]);
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("polls with a sealed credential and logs, prints and stores none of it", async () => {
    const { db } = database();
    const cycles: unknown[] = [];
    const output = await captureOutput(async () => {
      const loop = startCollectorLoop({
        db,
        settings: SETTINGS,
        privateKeyFor: createKeyResolver({ credentialsKey: CREDENTIALS_KEY }),
        onCycle: (results) => {
          cycles.push(results);
          // What `holmes collect --once --json` prints: every result, with what the poll returned.
          console.log(JSON.stringify(results));
        },
        tickMs: 100,
      });
      await expect.poll(() => cycles.length, { timeout: 30_000 }).toBeGreaterThan(0);
      await loop.stop();
    });
    const results = cycles[0] as Array<{ host: string; status: string; message: string }>;
    const statuses = Object.fromEntries(results.map((r) => [r.host, r.status]));
    expect(statuses).toEqual({
      [fleet.hosts[0]?.hostname ?? ""]: "ok",
      [fleet.hosts[1]?.hostname ?? ""]: "ok",
      refused: "AUTH_FAILED",
      unopenable: "AUTH_FAILED",
    });
    expect(results.find((r) => r.host === "unopenable")?.message).toContain(
      "HOLMES_CREDENTIALS_KEY",
    );
    // The capture works (the cycle's JSON is in it) and there are key lines to look for.
    expect(output).toContain('"status":"ok"');
    expect(keyLines.length).toBeGreaterThanOrEqual(4);
    for (const line of keyLines) expect(output).not.toContain(line);

    const stored = JSON.stringify([
      await db.select().from(hostCollection),
      (await db.select().from(probeRuns)).map((run) => ({
        ...run,
        rawOutputs: run.rawOutputs ? decodeRawOutputs(run.rawOutputs, run.rawEncoding) : null,
      })),
    ]);
    expect(stored).toContain("AUTH_FAILED");
    for (const line of keyLines) expect(stored).not.toContain(line);
  }, 60_000);

  it("`holmes collect --once --json` as a process: stdout and stderr hold no key line", async () => {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [CLI, "collect", "--once", "--json"],
        {
          env: {
            ...testEnv.inherited,
            DATABASE_URL: database().url,
            HOLMES_CREDENTIALS_KEY: CREDENTIALS_KEY,
            HOLMES_METRICS_PORT: "0",
          },
        },
        // Exit status 1: two hosts are meant to fail authentication.
        (_error, out, err) => done({ stdout: out, stderr: err }),
      );
    });
    const results = JSON.parse(stdout) as Array<{ host: string; status: string }>;
    expect(results.filter((r) => r.status === "ok")).toHaveLength(2);
    for (const line of keyLines) {
      expect(stdout).not.toContain(line);
      expect(stderr).not.toContain(line);
    }
  }, 60_000);
});

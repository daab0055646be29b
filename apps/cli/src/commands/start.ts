import { type ChildProcess, spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { createDb } from "@holmes/db/client";
import { migrateDatabase } from "@holmes/db/migrate";
import { syncSimulatedHosts } from "@holmes/db/queries/hosts";
import { startSimServer } from "@holmes/probes/sim-server";
import { createFleet } from "@holmes/probes/simulate";
import { ensureFirstAdmin } from "../accounts";
import { type CliEnv, childEnvironment, loadCliEnv } from "../env";
import { CLI_BIN, openDatabase, resolveAuthSecret, WEB_DIR } from "../runtime";
import { ensureSimKeys } from "../sim-keys";
import { isWebBuildStale } from "../web-build";

/**
 * The one command that runs Holmes: database (embedded PGlite unless DATABASE_URL is set),
 * migrations, first-admin bootstrap, then the web app as a child process.
 */
export async function startCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { dev: { type: "boolean", default: false }, sim: { type: "boolean", default: false } },
  });
  const env = loadCliEnv();
  const authSecret = resolveAuthSecret(env);
  const database = await openDatabase(env);
  log(database.isEmbedded ? `embedded Postgres (PGlite) at ${database.url}` : "using DATABASE_URL");
  await migrateDatabase(database.url);
  await printFirstAdmin(database.url, env.HOLMES_PUBLIC_URL);

  if (!values.dev && isWebBuildStale()) {
    log("building the web app (first start, or the source changed)…");
    const code = await run(npx(["next", "build"], { HOLMES_SKIP_ENV_VALIDATION: "1" }));
    if (code !== 0) return fail(database.stop, `web build failed (exit ${code})`);
  }
  const childEnv = {
    DATABASE_URL: database.url,
    HOLMES_AUTH_SECRET: authSecret,
    HOLMES_PUBLIC_URL: env.HOLMES_PUBLIC_URL,
    PORT: String(env.PORT),
  };
  const web = npx(["next", values.dev ? "dev" : "start", "--port", String(env.PORT)], childEnv);
  const shouldSimulate = values.sim || (!env.DATABASE_URL && env.NODE_ENV !== "production");
  const sim = shouldSimulate ? await startSimulatedFleet(env, database.url) : null;
  const collector = spawnCli(["collector"], {
    DATABASE_URL: database.url,
    ...(sim ? { HOLMES_SSH_KEY_PATH: sim.clientKeyPath, HOLMES_POLL_INTERVAL_SECONDS: "15" } : {}),
  });
  log(`dashboard at ${env.HOLMES_PUBLIC_URL}`);
  return superviseUntilExit([web, collector], async () => {
    await sim?.close();
    await database.stop();
  });
}

async function printFirstAdmin(url: string, publicUrl: string) {
  const handle = createDb({ url, max: 1 });
  try {
    const admin = await ensureFirstAdmin(handle.db);
    if (admin) {
      log("first run: created the first admin. This password is shown only once:");
      log(`  sign in at ${publicUrl}/sign-in as ${admin.email} with password ${admin.password}`);
    }
  } finally {
    await handle.close();
  }
}

/** The demo fleet: 24 simulated hosts, every scenario, scenario time running 10× faster. */
async function startSimulatedFleet(env: CliEnv, databaseUrl: string) {
  const keys = ensureSimKeys(env.HOLMES_DATA_DIR);
  const fleet = createFleet({
    hosts: 24,
    seed: 1,
    scenarios: "all",
    epochMs: Date.now(),
    speed: 10,
  });
  const server = await startSimServer({
    fleet,
    hostKey: keys.hostKey,
    authorizedKey: keys.clientPublicKey,
    port: env.HOLMES_SIM_PORT,
  });
  const handle = createDb({ url: databaseUrl, max: 1 });
  try {
    await syncSimulatedHosts(
      handle.db,
      fleet.hosts.map((h) => h.hostname),
      server.port,
    );
  } finally {
    await handle.close();
  }
  log(
    `simulated fleet: ${fleet.hosts.length} hosts over SSH on 127.0.0.1:${server.port} (labelled "simulated")`,
  );
  return { clientKeyPath: keys.clientKeyPath, close: server.close };
}

function spawnCli(args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [CLI_BIN, ...args], {
    stdio: "inherit",
    env: childEnvironment(extraEnv),
  });
}

function npx(args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [nextBin(), ...args.slice(1)], {
    cwd: WEB_DIR,
    stdio: "inherit",
    env: childEnvironment({ ...extraEnv, NEXT_TELEMETRY_DISABLED: "1" }),
  });
}

function nextBin(): string {
  return new URL(import.meta.resolve("next/dist/bin/next")).pathname;
}

function run(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

/** Runs until a child exits or a signal arrives, then stops everything and the database. */
function superviseUntilExit(
  children: ChildProcess[],
  stopDatabase: () => Promise<void>,
): Promise<number> {
  return new Promise((resolve) => {
    let isStopping = false;
    const stop = async (code: number) => {
      if (isStopping) return;
      isStopping = true;
      for (const child of children) child.kill("SIGTERM");
      await Promise.all(
        children.map((child) => (child.exitCode === null ? run(child) : child.exitCode)),
      );
      await stopDatabase();
      resolve(code);
    };
    for (const child of children) child.on("exit", (code) => void stop(code ?? 1));
    process.once("SIGINT", () => void stop(0));
    process.once("SIGTERM", () => void stop(0));
  });
}

async function fail(stopDatabase: () => Promise<void>, message: string): Promise<number> {
  console.error(`holmes: ${message}`);
  await stopDatabase();
  return 1;
}

function log(message: string) {
  console.log(`holmes: ${message}`);
}

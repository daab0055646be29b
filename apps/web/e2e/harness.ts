import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { createAuth, createUserAccount } from "@holmes/api/auth";
import type { Role } from "@holmes/core";
import { createTestDatabase, type TestDatabase } from "@holmes/db/testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { e2eEnv } from "./env";

const WEB_DIR = resolve(import.meta.dirname, "..");
export const ARTIFACTS_DIR = resolve(WEB_DIR, "../../test-artifacts");

export type RunningHolmes = {
  baseUrl: string;
  database: TestDatabase;
  createUser: (email: string, role: Role, password: string) => Promise<string>;
  stop: () => Promise<void>;
};

/**
 * The production build of the web app (`next start`) against a fresh PGlite database; `env` adds
 * settings (e.g. HOLMES_CREDENTIALS_KEY) to the server's environment.
 */
export async function startHolmes(
  options: { env?: Record<string, string> } = {},
): Promise<RunningHolmes> {
  if (!existsSync(join(WEB_DIR, ".next", "BUILD_ID"))) {
    throw new Error(
      "no production build: run `npm test` (it builds), or `cd apps/web && npm run build`",
    );
  }
  const database = await createTestDatabase("pglite");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const secret = "e2e-secret-e2e-secret-e2e-secret-e2e";
  const server = spawn(
    process.execPath,
    [nextBin(), "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: WEB_DIR,
      env: {
        ...e2eEnv.inherited,
        DATABASE_URL: database.url,
        HOLMES_AUTH_SECRET: secret,
        HOLMES_PUBLIC_URL: baseUrl,
        NODE_ENV: "production",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  server.stdout?.on("data", (chunk) => output.push(String(chunk)));
  server.stderr?.on("data", (chunk) => output.push(String(chunk)));
  await waitUntilServing(`${baseUrl}/sign-in`, server, output);
  const auth = createAuth({ db: database.db, secret, baseUrl });
  return {
    baseUrl,
    database,
    createUser: async (email, role, password) =>
      (await createUserAccount(auth, { email, name: email.split("@")[0] ?? email, role, password }))
        .id,
    stop: async () => {
      await stopProcess(server);
      await database.close();
    },
  };
}

let skipNoticePrinted = false;

/** Browser suites need Debian's Chromium; outside CI its absence skips them with one line. */
export function hasChromium(): boolean {
  if (existsSync(e2eEnv.chromiumPath)) return true;
  if (e2eEnv.isCi) throw new Error(`CI=true but Chromium is missing at ${e2eEnv.chromiumPath}`);
  if (!skipNoticePrinted) {
    skipNoticePrinted = true;
    process.stdout.write(
      `skipped browser tests: no Chromium at ${e2eEnv.chromiumPath} (apt-get install chromium)\n`,
    );
  }
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: e2eEnv.chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

function nextBin(): string {
  return new URL(import.meta.resolve("next/dist/bin/next")).pathname;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === "object"
          ? resolvePort(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilServing(
  url: string,
  server: ChildProcess,
  output: string[],
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`web server exited (${server.exitCode}):\n${output.join("")}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`web server did not answer ${url} within 60 s:\n${output.join("")}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once("exit", () => resolveStop());
    child.kill("SIGTERM");
  });
}

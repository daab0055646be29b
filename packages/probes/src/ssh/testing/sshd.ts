/**
 * A real OpenSSH sshd for the transport tests, on 127.0.0.1 and a free port, with throwaway keys
 * in a temp dir. Its only authorized key is bound to forced-command.ts, so whatever a test sends,
 * the host answers from canned outputs and records what it was asked.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { testEnv } from "../../testing/env";
import {
  CANNED_FILE,
  type CannedHost,
  INVOCATIONS_FILE,
  type InvocationRecord,
} from "./canned-host";

export const SSHD_PATH = "/usr/sbin/sshd";
const START_TIMEOUT_MS = 10_000;

export type TestSshd = {
  host: string;
  port: number;
  /** Accepted by the host (bound to the forced command). */
  clientPrivateKey: string;
  /** A valid key the host does not know. */
  strangerPrivateKey: string;
  hostKeyFingerprint: string;
  setCanned(canned: CannedHost): void;
  invocations(): InvocationRecord[];
  /** Everything sshd logged (-e) so far. */
  log(): string;
  /**
   * Stops sshd and every session it serves (clients see their connection drop), then starts it
   * again on the same port; with a new host key it looks like a reinstalled host.
   */
  restart(options: { isNewHostKey: boolean }): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Whether the sshd suites can run. Outside CI a missing sshd skips them with one line of output;
 * in CI (which installs openssh-server) its absence fails the run.
 */
export function hasSshd(suite: string): boolean {
  if (existsSync(SSHD_PATH)) return true;
  if (testEnv.isCi) throw new Error(`${SSHD_PATH} is required in CI for ${suite}`);
  process.stdout.write(`skipped ${suite}: ${SSHD_PATH} is not installed\n`);
  return false;
}

export async function startTestSshd(): Promise<TestSshd> {
  const { dir, port, hostKey } = await prepareSshdDir();
  const state = {
    process: await launch(dir, port),
    log: "",
    fingerprint: fingerprintOf(`${hostKey}.pub`),
  };
  return {
    host: "127.0.0.1",
    port,
    clientPrivateKey: readFileSync(join(dir, "client_ed25519"), "utf8"),
    strangerPrivateKey: readFileSync(join(dir, "stranger_ed25519"), "utf8"),
    get hostKeyFingerprint() {
      return state.fingerprint;
    },
    setCanned: (canned) => writeFileSync(join(dir, CANNED_FILE), JSON.stringify(canned)),
    invocations: () => readInvocations(dir),
    log: () => state.log + state.process.log(),
    restart: async ({ isNewHostKey }) => {
      state.log += state.process.log();
      await state.process.stop();
      if (isNewHostKey) {
        rmSync(hostKey);
        rmSync(`${hostKey}.pub`);
        generateKey(hostKey);
        state.fingerprint = fingerprintOf(`${hostKey}.pub`);
      }
      state.process = await launch(dir, port);
    },
    stop: async () => {
      await state.process.stop();
      stopForcedCommands(dir, readInvocations(dir));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Keys, authorized_keys, an empty canned host and sshd_config in a fresh temp dir. */
async function prepareSshdDir(): Promise<{ dir: string; port: number; hostKey: string }> {
  const dir = mkdtempSync(join(tmpdir(), "holmes-sshd-"));
  const port = await freePort();
  const hostKey = join(dir, "host_ed25519");
  for (const key of [hostKey, join(dir, "client_ed25519"), join(dir, "stranger_ed25519")]) {
    generateKey(key);
  }
  writeFileSync(
    join(dir, "authorized_keys"),
    authorizedKeyLine(dir, join(dir, "client_ed25519.pub")),
  );
  writeFileSync(join(dir, CANNED_FILE), JSON.stringify({ outputs: {} } satisfies CannedHost));
  writeSshdConfig(dir, port, hostKey);
  return { dir, port, hostKey };
}

function generateKey(path: string): void {
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "holmes-test", "-f", path]);
}

/** Taken from ssh-keygen itself, so the tests check our fingerprint against OpenSSH's. */
function fingerprintOf(publicKeyPath: string): string {
  const line = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", publicKeyPath], {
    encoding: "utf8",
  });
  const fingerprint = line.split(" ")[1];
  if (!fingerprint?.startsWith("SHA256:")) throw new Error(`unexpected ssh-keygen -l: ${line}`);
  return fingerprint;
}

/** The client key may only run the forced command: no pty, no forwarding. */
function authorizedKeyLine(dir: string, publicKeyPath: string): string {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const script = join(dirname(fileURLToPath(import.meta.url)), "forced-command.ts");
  const command = [process.execPath, "--import", tsx, script, dir].join(" ");
  if (/["\s]/.test(command.replaceAll(" ", ""))) throw new Error(`unquotable path in ${command}`);
  const restrictions = `command="${command}",no-pty,no-port-forwarding,no-agent-forwarding`;
  return `${restrictions} ${readFileSync(publicKeyPath, "utf8")}`;
}

function writeSshdConfig(dir: string, port: number, hostKey: string): void {
  const path = join(dir, "sshd_config");
  const lines = [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${hostKey}`,
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    "PidFile none",
    "UsePAM no",
    "StrictModes no",
    "PermitRootLogin prohibit-password",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UseDNS no",
    "PrintMotd no",
    "LogLevel VERBOSE",
  ];
  // OpenSSH ≥ 9.8 would lock 127.0.0.1 out after the wrong-key test; older versions reject the
  // option itself, so it stays only where `sshd -t` accepts it.
  writeFileSync(path, [...lines, "PerSourcePenalties no", ""].join("\n"));
  try {
    execFileSync(SSHD_PATH, ["-t", "-f", path], { stdio: "ignore" });
  } catch {
    writeFileSync(path, [...lines, ""].join("\n"));
  }
}

type SshdProcess = { log(): string; stop(): Promise<void> };

async function launch(dir: string, port: number): Promise<SshdProcess> {
  ensurePrivilegeSeparationDir();
  const child = spawn(SSHD_PATH, ["-D", "-e", "-f", join(dir, "sshd_config")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    log += chunk;
  });
  await waitForListening(child, () => log, port);
  return { log: () => log, stop: () => stopProcess(child) };
}

/** sshd refuses to start without it; systemd creates it at boot, a bare container has none. */
function ensurePrivilegeSeparationDir(): void {
  if (process.getuid?.() === 0 && !existsSync("/run/sshd")) {
    mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  }
}

function waitForListening(child: ChildProcess, log: () => string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail("did not start listening"), START_TIMEOUT_MS);
    const poll = setInterval(() => {
      if (log().includes(`Server listening on 127.0.0.1 port ${port}`)) done();
    }, 20);
    const onExit = () => fail("exited");
    child.once("exit", onExit);
    function done() {
      clearTimeout(timer);
      clearInterval(poll);
      child.off("exit", onExit);
      resolve();
    }
    function fail(what: string) {
      clearTimeout(timer);
      clearInterval(poll);
      child.kill("SIGKILL");
      reject(new Error(`sshd ${what} on port ${port}:\n${log()}`));
    }
  });
}

/** Stops the listener and the per-connection sshd processes it forked (all started by us). */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const sessions = child.pid === undefined ? [] : childPids(child.pid);
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    for (const pid of sessions) killQuietly(pid);
  });
}

/**
 * Forced commands left hanging by a test were started by this suite: end them by pid, after
 * checking the pid still runs our script (a pid can be reused once its process exited).
 */
function stopForcedCommands(dir: string, records: InvocationRecord[]): void {
  for (const { pid } of records) {
    const commandLine = readProc(pid, "cmdline");
    if (commandLine?.includes("forced-command.ts") && commandLine.includes(dir)) killQuietly(pid);
  }
}

function childPids(parent: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter(
      (entry) => readProc(Number(entry), "stat")?.split(") ")[1]?.split(" ")[1] === String(parent),
    )
    .map(Number);
}

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already exited.
  }
}

function readInvocations(dir: string): InvocationRecord[] {
  const path = join(dir, INVOCATIONS_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as InvocationRecord);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

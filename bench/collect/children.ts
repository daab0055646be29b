/**
 * The bench's child processes: the simulated fleet (`holmes sim`), the collector worker, and the
 * tools it is compared with. Every child is tracked, so an interrupted bench leaves none behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { childEnvironment } from "../env";
import type { WorkerFigures, WorkerOptions } from "./collector-worker";

const ROOT = resolve(import.meta.dirname, "../..");
export const CLI_BIN = join(ROOT, "apps/cli/bin/holmes.mjs");
/** collector-worker.ts, bundled as `holmes collector` is (bundled-worker.mjs). */
const WORKER = join(import.meta.dirname, "bundled-worker.mjs");
const live = new Set<ChildProcess>();

export type SimFleet = {
  port: number;
  pid: number;
  clientKeyPath: string;
  stop: () => Promise<void>;
};

export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Kills what is still running (by pid, one by one) when the bench is interrupted. */
export function killLiveChildren(): void {
  for (const child of live) child.kill("SIGKILL");
}

export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once("exit", (code) => done(code ?? 1)));
}

/** `holmes sim --hosts N` on a free port, keys under `dataDir/ssh` (made by the sim itself). */
export async function startSim(hosts: number, dataDir: string): Promise<SimFleet> {
  const child = track(
    spawn(process.execPath, [CLI_BIN, "sim", "--hosts", String(hosts), "--port", "0"], {
      env: childEnvironment({ HOLMES_DATA_DIR: dataDir }),
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const port = await new Promise<number>((done, fail) => {
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const match = /on 127\.0\.0\.1:(\d+)/.exec(text);
      if (match) done(Number(match[1]));
    });
    child.once("exit", (code) => fail(new Error(`holmes sim exited with ${code}`)));
  });
  child.stdout?.resume();
  return {
    port,
    pid: child.pid ?? 0,
    clientKeyPath: join(dataDir, "ssh", "collector_ed25519"),
    stop: async () => {
      child.kill("SIGTERM");
      // The sim waits for its clients to hang up; it gets a few seconds, then is killed.
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

/** Node's arguments that write a CPU profile of the process into `dir` when it exits; none without. */
export function cpuProfileArgs(dir: string | undefined): string[] {
  return dir ? ["--cpu-prof", "--cpu-prof-dir", dir] : [];
}

/** The collector worker; `cpuProfileDir` runs it under `node --cpu-prof`. */
export async function runCollectorWorker(
  options: WorkerOptions,
  cpuProfileDir?: string,
): Promise<WorkerFigures> {
  const child = track(
    spawn(process.execPath, [...cpuProfileArgs(cpuProfileDir), WORKER, JSON.stringify(options)], {
      cwd: ROOT,
      env: childEnvironment({}),
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`collector worker exited with ${code}`);
  const line = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as WorkerFigures;
}

export type ToolRun = { wallMs: number; code: number; matches: number };

/**
 * Runs a tool to completion and times it; stdout is scanned as it streams (never kept whole:
 * 1,000 hosts print tens of MB) and `pattern` occurrences are counted, to check each host answered.
 */
export async function runTool(
  command: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd: string; pattern: RegExp },
): Promise<ToolRun> {
  const started = performance.now();
  const child = track(
    spawn(command, args, {
      cwd: options.cwd,
      env: childEnvironment(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let matches = 0;
  let tail = "";
  const scan = (chunk: Buffer) => {
    const lines = (tail + chunk.toString("utf8")).split("\n");
    tail = lines.pop() ?? "";
    for (const line of lines) if (options.pattern.test(line)) matches += 1;
  };
  child.stdout?.on("data", scan);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 4_000) stderr += chunk.toString("utf8");
  });
  const code = await exited(child);
  if (options.pattern.test(tail)) matches += 1;
  if (code !== 0 && matches === 0) process.stderr.write(`${command}: ${stderr.slice(0, 2_000)}\n`);
  return { wallMs: performance.now() - started, code, matches };
}

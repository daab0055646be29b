/**
 * What a user would otherwise run against the same simulated hosts with the same composite
 * command: `ansible all -m raw` (ControlPersist, timed warm) and `parallel-ssh`. Everything they
 * need (inventory, host file, ssh config, ansible.cfg, control sockets) lives in a temp dir; host
 * key checking is off only there, and the hosts are the simulator's, on 127.0.0.1.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runTool, type ToolRun } from "./children";

export type ToolSetup = { dir: string; sshConfig: string; controlDir: string };

/** Parallelism for both tools: the collector's default concurrency, so all three get the same. */
export const TOOL_FORKS = 32;

export function writeToolFiles(options: {
  dir: string;
  hostnames: readonly string[];
  port: number;
  keyPath: string;
}): ToolSetup {
  const { dir, hostnames, port, keyPath } = options;
  mkdirSync(dir, { recursive: true });
  const sshConfig = join(dir, "ssh_config");
  // Control sockets under a short path: a unix socket path must stay under 108 bytes.
  const controlDir = join(dir, "cp");
  mkdirSync(controlDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    sshConfig,
    [
      "Host *",
      `  IdentityFile ${keyPath}`,
      "  IdentitiesOnly yes",
      "  StrictHostKeyChecking no",
      "  UserKnownHostsFile /dev/null",
      "  GlobalKnownHostsFile /dev/null",
      "  BatchMode yes",
      "  LogLevel ERROR",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  const inventory = hostnames.map(
    (name) => `${name} ansible_host=127.0.0.1 ansible_port=${port} ansible_user=${name}`,
  );
  writeFileSync(join(dir, "hosts.ini"), `[sim]\n${inventory.join("\n")}\n`);
  writeFileSync(
    join(dir, "ansible.cfg"),
    [
      "[defaults]",
      "inventory = hosts.ini",
      "host_key_checking = False",
      `forks = ${TOOL_FORKS}`,
      `local_tmp = ${join(dir, "ansible-tmp")}`,
      "deprecation_warnings = False",
      "[ssh_connection]",
      // Ansible's default ssh_args, plus our ssh config; ControlPersist spans cold run → warm run.
      `ssh_args = -F ${sshConfig} -C -o ControlMaster=auto -o ControlPersist=120s`,
      `control_path_dir = ${controlDir}`,
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "pssh-hosts"),
    `${hostnames.map((name) => `${name}@127.0.0.1:${port}`).join("\n")}\n`,
  );
  return { dir, sshConfig, controlDir };
}

/** `ansible all -m raw -a <command>`; counts the hosts that answered with exit status 0. */
export function runAnsible(setup: ToolSetup, command: string): Promise<ToolRun> {
  return runTool("ansible", ["all", "-m", "raw", "-a", command], {
    cwd: setup.dir,
    env: { ANSIBLE_CONFIG: join(setup.dir, "ansible.cfg"), ANSIBLE_NOCOLOR: "1" },
    pattern: /\| CHANGED \| rc=0 >>/,
  });
}

/** `parallel-ssh` (Debian's name for pssh): a fresh ssh per host, as it is normally used. */
export function runParallelSsh(setup: ToolSetup, command: string): Promise<ToolRun> {
  return runTool(
    "parallel-ssh",
    [
      "-h",
      "pssh-hosts",
      "-p",
      String(TOOL_FORKS),
      "-t",
      "120",
      "-x",
      `-F ${setup.sshConfig}`,
      command,
    ],
    { cwd: setup.dir, env: {}, pattern: /\[SUCCESS\]/ },
  );
}

/** Ends ansible's ControlPersist masters through their sockets (`ssh -O exit`), a few at a time. */
export async function stopControlMasters(setup: ToolSetup): Promise<void> {
  if (!existsSync(setup.controlDir)) return;
  const sockets = readdirSync(setup.controlDir).map((name) => join(setup.controlDir, name));
  const exitOne = (socket: string) =>
    new Promise<void>((done) => {
      const child = spawn("ssh", ["-o", `ControlPath=${socket}`, "-O", "exit", "sim"], {
        stdio: "ignore",
      });
      child.once("exit", () => done());
      child.once("error", () => done());
    });
  for (let i = 0; i < sockets.length; i += TOOL_FORKS) {
    await Promise.all(sockets.slice(i, i + TOOL_FORKS).map(exitOne));
  }
}

/** Whether both tools are installed (Debian: `apt-get install -y ansible pssh`). */
export async function toolsPresent(): Promise<{ ansible: boolean; parallelSsh: boolean }> {
  const has = (name: string) =>
    new Promise<boolean>((done) => {
      const child = spawn("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
      child.once("exit", (code) => done(code === 0));
    });
  return { ansible: await has("ansible"), parallelSsh: await has("parallel-ssh") };
}

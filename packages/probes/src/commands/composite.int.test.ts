import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { composeProbe, toProbeCommand } from "./composite";
import { discoveryProbe } from "./poll-rounds";
import { splitProbeOutput } from "./probe-output";
import { toShellLine } from "./shell";

const execFileAsync = promisify(execFile);
const fakeBin = mkdtempSync(join(tmpdir(), "holmes-fake-bin-"));
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

const FAKE_TOOLS: Record<string, string> = {
  "holmes-fake-nonl": "printf 'no newline'; exit 3",
  "holmes-fake-stderr": "echo out; echo 'warning: on stderr' >&2",
  "holmes-fake-stdin": "cat; echo stdin-closed",
  "holmes-fake-sleep": "sleep 30",
};
for (const [name, body] of Object.entries(FAKE_TOOLS)) {
  writeFileSync(join(fakeBin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(fakeBin, name), 0o755);
}

/** Runs a script the way sshd would hand it to a login shell, with the fake tools on PATH. */
async function runProbe(script: string): Promise<string> {
  const env = { PATH: `${fakeBin}:/usr/bin:/bin`, HOME: fakeBin };
  const { stdout } = await execFileAsync("sh", ["-c", toProbeCommand(script)], {
    env,
    timeout: 20_000,
  });
  return stdout;
}

/** The real preamble and epilogue around hand-written runner calls: the shell side of framing. */
function withRunner(...statements: string[]): string {
  const preamble = composeProbe([], { useSudo: false }).replace(/; exit 0$/, "");
  return [preamble, ...statements, "exit 0"].join("; ");
}

const call = (...words: string[]) => toShellLine(["holmes_run", ...words]);

describe("the composite in a real sh", () => {
  it("runs the discovery round and frames every command's output", async () => {
    const plan = discoveryProbe({ useSudo: false, kernelLogSinceEpochSeconds: 0 });
    const sections = splitProbeOutput(await runProbe(plan.script));
    const byId = new Map(sections.map((section) => [section.id, section]));
    const { stdout: release } = await execFileAsync("uname", ["-r"], { encoding: "utf8" });
    expect(byId.get("uname")).toMatchObject({ output: release, exitCode: 0, isMissing: false });
    expect(byId.get("os-release")?.output).toBe(readFileSync("/etc/os-release", "utf8"));
    expect(sections.every((section) => !section.isTruncated)).toBe(true);
    for (const invocation of plan.invocations) {
      const section = byId.get(invocation.id);
      const tool = invocation.argv[0] ?? "";
      const { stdout: found } = await execFileAsync("sh", [
        "-c",
        `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; command -v ${tool} || true`,
      ]);
      expect(section?.isMissing, invocation.id).toBe(found.trim() === "");
      if (section?.isMissing) expect(section.missingTool).toBe(tool);
    }
  });

  it("keeps output without a trailing newline, folds stderr in and closes stdin", async () => {
    const sections = splitProbeOutput(
      await runProbe(
        withRunner(
          call("a", "5", "user", "holmes-fake-nonl"),
          call("b", "5", "user", "holmes-fake-stderr"),
          call("c", "5", "user", "holmes-fake-stdin"),
        ),
      ),
    );
    expect(sections.map(({ id, output, exitCode }) => ({ id, output, exitCode }))).toEqual([
      { id: "a", output: "no newline", exitCode: 3 },
      { id: "b", output: "out\nwarning: on stderr\n", exitCode: 0 },
      { id: "c", output: "stdin-closed\n", exitCode: 0 },
    ]);
  });

  it("marks a missing tool and runs the fallback after it", async () => {
    const script = withRunner(
      `${call("a", "5", "user", "holmes-no-such-tool", "--x")} || ${call("b", "5", "user", "holmes-fake-nonl")}`,
    );
    expect(splitProbeOutput(await runProbe(script))).toEqual([
      {
        id: "a",
        exitCode: null,
        output: "",
        isMissing: true,
        missingTool: "holmes-no-such-tool",
        isTruncated: false,
      },
      {
        id: "b",
        exitCode: 3,
        output: "no newline",
        isMissing: false,
        missingTool: null,
        isTruncated: false,
      },
    ]);
  });

  it("stops a hung command at its own time limit and goes on with the next", async () => {
    const started = performance.now();
    const sections = splitProbeOutput(
      await runProbe(
        withRunner(
          call("hung", "1", "user", "holmes-fake-sleep"),
          call("next", "5", "user", "holmes-fake-nonl"),
        ),
      ),
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(sections.map((section) => [section.id, section.exitCode])).toEqual([
      ["hung", 124],
      ["next", 3],
    ]);
  });

  it("hands hostile words to the command unchanged", async () => {
    const hostile = ["sda;reboot", "$(id)", "`id`", "a'b", "x\ny", "--help", ""];
    const sections = splitProbeOutput(
      await runProbe(withRunner(call("w", "5", "user", "printf", "%s|", ...hostile))),
    );
    expect(sections[0]?.output).toBe(`${hostile.join("|")}|`);
  });
});
